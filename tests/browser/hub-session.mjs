// Logs learners in through a JupyterHub's login page in headless Chromium, each in a browser context of their own
// (their own cookies), at the same time; waits for the hub to start each one's server, opens a notebook there and
// runs it through the page, and checks what a learner would see: a chart, a table, no error output.
//
//   node hub-session.mjs HUB_URL PASSWORD NOTEBOOK SCREENSHOT_PREFIX [--expect=TEXT|TEXT...] [--print=TEXT] USER...
//
// With --expect, the cells' outputs must also show each TEXT (separated by |). With --print, every output line
// that holds TEXT is printed after the user's result. Saves SCREENSHOT_PREFIX-USER.png for each user. Exits 1
// naming the first problem of each user.
import { launchBrowser, outputProblems, outputsShown, runAllCells } from "./notebook-page.mjs";

const [hub, password, notebook, prefix, ...rest] = process.argv.slice(2);
const expected = rest.filter((a) => a.startsWith("--expect=")).flatMap((a) => a.slice("--expect=".length).split("|"));
const printed = rest.filter((a) => a.startsWith("--print=")).map((a) => a.slice("--print=".length));
const users = rest.filter((a) => !a.startsWith("--expect=") && !a.startsWith("--print="));

async function learner(browser, user) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 2000 } });
  const page = await context.newPage();
  try {
    await page.goto(`${hub}/hub/login`);
    await page.fill("#username_input", user);
    await page.fill("#password_input", password);
    await page.click("#login_submit");
    // The hub spawns the server, then sends the browser on to it.
    await page.waitForURL(new RegExp(`/user/${user}/`), { timeout: 120_000 });
    await page.goto(`${hub}/user/${user}/notebooks/${notebook}`);
    const codeCells = await runAllCells(page);
    const shown = await outputsShown(page);
    await page.screenshot({ path: `${prefix}-${user}.png`, fullPage: true });
    const outputText = await page.$$eval(".output_area", (areas) => areas.map((a) => a.innerText).join("\n"));
    outputText.split("\n").filter((line) => printed.some((text) => line.includes(text)))
      .forEach((line) => console.log(`     ${user}: ${line}`));
    const problems = outputProblems(shown).concat(expected.filter((text) => !outputText.includes(text))
      .map((text) => `the outputs do not show ${JSON.stringify(text)}`));
    if (problems.length > 0) {
      console.log(`FAIL hub: ${user}: ${notebook}: ${problems.join("; ")}`);
      return false;
    }
    console.log(`PASS hub: ${user} logged in through the hub; ${notebook}: ${codeCells} cells ran in Chromium, ` +
      `${shown.images.length} chart(s) and ${shown.tables} table(s) visible, no error output` +
      (expected.length ? `; the outputs show ${expected.map((t) => JSON.stringify(t)).join(", ")}` : ""));
    return true;
  } catch (e) {
    console.log(`FAIL hub: ${user}: ${e.name}: ${e.message.split("\n")[0]} (at ${page.url()})`);
    return false;
  } finally {
    await context.close();
  }
}

const browser = await launchBrowser();
try {
  const results = await Promise.all(users.map((user) => learner(browser, user)));
  if (!results.every(Boolean)) {
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
