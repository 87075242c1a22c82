// The lessons in JupyterLab, as a learner works them, in headless Chromium on a running ./lab:
//   1. lesson 00 opened from the file browser and run with Run > Run All Cells: every code cell runs, every chart is
//      drawn and shown, every table is shown, no error is (and, given the lesson as ./test executed it headless,
//      each cell shows as many charts and tables as it did there);
//   2. a runaway cell stopped with the toolbar's stop button; the next cell still reads a variable of lesson 00;
//   3. Tab completion on `Thread.ofV` offers ofVirtual;
//   4. Help > Show Contextual Help on ExecutorService shows its javadoc;
//   5. a Scanner(System.in) cell shows an input box and gets what is typed there;
//   6. lesson 02's sweep: its live chart is redrawn in place while it measures (one chart, new pictures);
//   7. Kernel > Restart Kernel leaves no process of the old kernel (its JVM and a child process it started).
// A screenshot of each step goes to OUT_DIR/lab-*.png. Cells are added to the open notebooks but never saved
// (autosave is switched off first), so the files on disk do not change.
//
//   node lab-session.mjs BASE_URL TOKEN OUT_DIR [EXECUTED_LESSON_00.ipynb]
//
// Prints PASS or FAIL per step; exits 1 when a step failed.
import { existsSync, readFileSync } from "node:fs";
import { launchBrowser } from "./notebook-page.mjs";
import {
  CELL_TIMEOUT_MS, activeNotebook, addCell, autosaveOff, errorsShown, menu, openFromFileBrowser, openLab, outputText, runCell,
  waitAllRun, waitIdle,
} from "./lab-page.mjs";

const [base, token, out, executed00] = process.argv.slice(2);
const LESSON_00 = "00-check-your-setup.ipynb";
const LESSON_02 = "02-threads-processes-asyncio-compared.ipynb";

let failures = 0;
function pass(step, message) {
  console.log(`PASS lab: ${step}: ${message}`);
}
function fail(step, message) {
  failures++;
  console.log(`FAIL lab: ${step}: ${message}`);
}

// Runs one step; an exception fails that step (naming it) and the session goes on with the next.
async function step(name, page, body) {
  const started = Date.now();
  try {
    await body();
  } catch (e) {
    fail(name, `${e.name}: ${e.message.split("\n")[0]}`);
    await page.screenshot({ path: `${out}/lab-${name}-failed.png` }).catch(() => {});
    await page.keyboard.press("Escape").catch(() => {});
  }
  console.log(`lab: step ${name} took ${Math.round((Date.now() - started) / 1000)} s`);
}

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await autosaveOff(page, base, token);
  await openLab(page, base, token);
  await page.screenshot({ path: `${out}/lab-file-browser.png` });

  await step("run-all", page, () => runAllOfLesson00(page));
  await step("interrupt", page, () => interruptRunaway(page));
  await step("completion", page, () => completeOfVirtual(page));
  await step("contextual-help", page, () => contextualHelp(page));
  await step("stdin", page, () => readStdin(page));
  await step("restart", page, () => restartLeavesNoProcess(page));
  await step("live-sweep", page, () => liveSweep(page));

  const stackOverflows = consoleErrors.filter((e) => e.includes("Maximum call stack"));
  if (stackOverflows.length > 0) {
    fail("console", `${stackOverflows.length} stack overflows logged, the first: ${stackOverflows[0].slice(0, 200)}`);
  }
} catch (e) {
  fail("start", `${e.name}: ${e.message.split("\n")[0]}`);
} finally {
  await browser.close();
}
process.exitCode = failures > 0 ? 1 : 0;

// 1. Lesson 00 from the file browser, Run All from the Run menu; everything it shows, scrolled to as a reader does.
async function runAllOfLesson00(page) {
  const panel = await openFromFileBrowser(page, LESSON_00);
  const codeCells = await panel.locator(".jp-CodeCell").count();
  await menu(page, "Run", "Run All Cells");
  await page.screenshot({ path: `${out}/lab-00-running.png` });
  await waitAllRun(page, codeCells);
  const shown = [];
  const cells = panel.locator(".jp-CodeCell");
  for (let i = 0; i < codeCells; i++) {
    const cell = cells.nth(i);
    await cell.scrollIntoViewIfNeeded();
    const images = await cell.locator(".jp-OutputArea-output img").evaluateAll((imgs) => imgs.map((img) => ({
      drawn: img.complete && img.naturalWidth > 100,
      visible: img.getBoundingClientRect().width > 100 && img.getBoundingClientRect().height > 50,
    })));
    for (const [k, image] of images.entries()) {
      await cell.locator(".jp-OutputArea-output img").nth(k).scrollIntoViewIfNeeded();
      image.visible = await cell.locator(".jp-OutputArea-output img").nth(k)
        .evaluate((img) => img.getBoundingClientRect().width > 100 && img.getBoundingClientRect().height > 50);
    }
    const tables = await cell.locator(".jp-OutputArea-output table").evaluateAll((ts) => ts.map((t) => ({
      rows: t.querySelectorAll("tr").length,
      visible: t.getBoundingClientRect().height > 0,
    })));
    shown.push({ images, tables });
  }
  await panel.locator(".jp-OutputArea-output img").last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/lab-00-run-all.png` });

  const problems = [];
  const errors = await errorsShown(panel);
  if (errors.length > 0) problems.push(`error output is shown: ${errors[0]}`);
  const images = shown.flatMap((s) => s.images);
  const tables = shown.flatMap((s) => s.tables);
  if (images.length === 0) problems.push("no chart is shown");
  if (tables.length === 0) problems.push("no table is shown");
  images.forEach((image, k) => {
    if (!image.drawn || !image.visible) problems.push(`chart ${k + 1} is ${image.drawn ? "not visible" : "not drawn"}`);
  });
  tables.forEach((table, k) => {
    if (table.rows < 2 || !table.visible) problems.push(`table ${k + 1} shows ${table.rows} rows`);
  });
  if (executed00 && existsSync(executed00)) {
    expectedPerCell(executed00).forEach((expected, i) => {
      const got = shown[i] ? { images: shown[i].images.length, tables: shown[i].tables.length } : null;
      if (!got || got.images !== expected.images || got.tables !== expected.tables) {
        problems.push(`code cell ${i + 1} shows ${JSON.stringify(got)}, run headless it showed ${JSON.stringify(expected)}`);
      }
    });
  }
  if (problems.length > 0) {
    fail("run-all", problems.join("; "));
  } else {
    pass("run-all", `${LESSON_00} opened from the file browser, Run All Cells ran ${codeCells} code cells: ` +
      `${images.length} chart(s) and ${tables.length} table(s) shown, no error; screenshot ${out}/lab-00-run-all.png`);
  }
}

// The charts (image/png) and tables (text/html with a <table>) each code cell of an executed notebook holds.
function expectedPerCell(file) {
  const notebook = JSON.parse(readFileSync(file, "utf8"));
  return notebook.cells.filter((c) => c.cell_type === "code").map((c) => {
    const data = (c.outputs || []).map((o) => o.data || {});
    return {
      images: data.filter((d) => d["image/png"]).length,
      tables: data.filter((d) => [].concat(d["text/html"] || []).join("").includes("<table")).length,
    };
  });
}

// 2. A cell that never ends, stopped with the toolbar's stop button; the kernel keeps what earlier cells defined.
async function interruptRunaway(page) {
  const runaway = await addCell(page, "long spins = 0;\nwhile (true) spins++;");
  await page.keyboard.press("Shift+Enter");
  await runaway.locator(".jp-InputArea-prompt", { hasText: "[*]" }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  await activeNotebook(page).locator('jp-button[data-command="notebook:interrupt-kernel"]').click();
  await runaway.locator(".jp-InputArea-prompt", { hasText: /^\[\d+\]:$/ }).waitFor({ timeout: 30_000 });
  await waitIdle(page);
  const next = await addCell(page, "guessMillis");
  await runCell(page, next);
  const shown = (await outputText(next)).trim();
  await next.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/lab-interrupt.png` });
  if (!shown.includes("1000000")) {
    fail("interrupt", `after the stop, the next cell showed ${JSON.stringify(shown)}, not guessMillis (1000000.0)`);
  } else {
    pass("interrupt", `the runaway cell stopped from the toolbar (it shows ${JSON.stringify((await outputText(runaway)).trim().slice(0, 80))}); ` +
      `the next cell read guessMillis = ${shown}; screenshot ${out}/lab-interrupt.png`);
  }
}

// 3. Tab completion in a cell.
async function completeOfVirtual(page) {
  const cell = await addCell(page, "");
  await page.keyboard.type("Thread.ofV");
  await page.keyboard.press("Tab");
  const completer = page.locator(".jp-Completer").filter({ visible: true }).first();
  let offered;
  try {
    // A kernel just restarted may take a while for its first completion; a learner presses Tab again.
    await completer.waitFor({ state: "visible", timeout: 15_000 }).catch(async () => {
      await page.keyboard.press("Tab");
      await completer.waitFor({ state: "visible", timeout: 30_000 });
    });
    offered = await completer.locator(".jp-Completer-item").allInnerTexts();
  } catch {
    offered = null; // a single match is inserted without a list
  }
  await page.screenshot({ path: `${out}/lab-completion.png` });
  const text = await cell.locator(".cm-content").innerText();
  await page.keyboard.press("Escape");
  if ((offered && offered.some((o) => o.includes("ofVirtual"))) || text.includes("Thread.ofVirtual")) {
    pass("completion", `Tab after Thread.ofV ${offered ? `offered ${JSON.stringify(offered.map((o) => o.trim()))}` : `completed the cell to ${JSON.stringify(text)}`}; screenshot ${out}/lab-completion.png`);
  } else {
    fail("completion", `Tab after Thread.ofV offered ${JSON.stringify(offered)}, the cell reads ${JSON.stringify(text)}`);
  }
}

// 4. Help > Show Contextual Help, then the cursor on ExecutorService.
async function contextualHelp(page) {
  await addCell(page, "");
  await page.keyboard.type("ExecutorService");
  await menu(page, "Help", "Show Contextual Help");
  const inspector = page.locator(".jp-Inspector").first();
  await inspector.waitFor({ state: "visible", timeout: 15_000 });
  const cells = activeNotebook(page).locator(".jp-Cell");
  const cell = cells.nth((await cells.count()) - 1);
  await cell.locator(".cm-content").click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  let help = "";
  try {
    await page.waitForFunction(() => {
      const content = document.querySelector(".jp-Inspector-content");
      return content && /ExecutorService/.test(content.innerText) && content.innerText.length > 80;
    }, null, { timeout: 30_000 });
  } catch { /* judged below */ }
  help = await page.locator(".jp-Inspector-content").innerText().catch(() => "");
  await page.screenshot({ path: `${out}/lab-contextual-help.png` });
  // Javadoc of ExecutorService begins "An Executor that provides methods to manage termination".
  if (/provides methods to manage termination/.test(help)) {
    pass("contextual-help", `the contextual help shows ExecutorService's javadoc: ${JSON.stringify(help.trim().slice(0, 160))}; screenshot ${out}/lab-contextual-help.png`);
  } else {
    fail("contextual-help", `the contextual help for ExecutorService shows no javadoc, only ${JSON.stringify(help.trim().slice(0, 300))}`);
  }
  await menu(page, "Help", "Show Contextual Help").catch(() => {});
}

// 5. Reading System.in: the cell shows an input box; what is typed there reaches the program.
async function readStdin(page) {
  const cell = await addCell(page, "Scanner in = new Scanner(System.in);\nSystem.out.print(\"your name? \");\n" +
    "String name = in.nextLine();\n\"hello, \" + name");
  await page.keyboard.press("Shift+Enter");
  const box = cell.locator(".jp-Stdin-input");
  await box.waitFor({ state: "visible", timeout: 60_000 });
  await box.fill("Ada");
  await page.screenshot({ path: `${out}/lab-stdin.png` });
  await box.press("Enter");
  await cell.locator(".jp-InputArea-prompt", { hasText: /^\[\d+\]:$/ }).waitFor({ timeout: 60_000 });
  await waitIdle(page);
  const shown = await outputText(cell);
  await page.screenshot({ path: `${out}/lab-stdin-answered.png` });
  if (shown.includes("hello, Ada")) {
    pass("stdin", `the Scanner cell showed an input box; typed "Ada", it answered ${JSON.stringify(shown.trim().split("\n").pop())}; screenshots ${out}/lab-stdin*.png`);
  } else {
    fail("stdin", `typed "Ada" into the input box, the cell shows ${JSON.stringify(shown)}`);
  }
}

// 7. Kernel > Restart Kernel: the old kernel's JVM and a child process it had started are gone afterwards.
async function restartLeavesNoProcess(page) {
  const cell = await addCell(page, "Process sleeper = new ProcessBuilder(\"sleep\", \"600\").start();\n" +
    "ProcessHandle.current().pid() + \" \" + ProcessHandle.current().descendants().map(p -> String.valueOf(p.pid())).toList()");
  await runCell(page, cell);
  const pids = (await outputText(cell)).match(/\d+/g).map(Number);
  if (pids.length < 2) throw new Error(`the kernel named no child process: ${await outputText(cell)}`);
  await menu(page, "Kernel", "Restart Kernel…");
  await page.locator(".jp-Dialog .jp-mod-accept").click();
  await page.waitForTimeout(1000);
  await waitIdle(page);
  const deadline = Date.now() + 30_000;
  let alive = pids.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    alive = pids.filter(isAlive);
  }
  const after = await addCell(page, "ProcessHandle.current().pid()");
  await runCell(page, after);
  const newPid = Number((await outputText(after)).trim());
  await page.screenshot({ path: `${out}/lab-restart.png` });
  if (alive.length > 0) {
    fail("restart", `after Kernel > Restart Kernel, processes of the old kernel are still running: ${alive.join(", ")}`);
  } else if (!newPid || pids.includes(newPid)) {
    fail("restart", `the restarted kernel answered ${JSON.stringify(await outputText(after))}`);
  } else {
    pass("restart", `Kernel > Restart Kernel ended the old kernel ${pids[0]} and its child process ${pids.slice(1).join(", ")}; ` +
      `the new kernel is ${newPid}; screenshot ${out}/lab-restart.png`);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// 6. Lesson 02's first sweep: while its cell runs, the chart under it is redrawn in place: one chart at a time, whose
// picture changes several times, and the same one stays when the cell ends.
async function liveSweep(page) {
  const panel = await openFromFileBrowser(page, LESSON_02);
  const cells = panel.locator(".jp-CodeCell");
  // Which code cell holds the sweep, read from the file (cells far below the view are not drawn yet).
  const file = await page.request.get(`${base}/api/contents/${LESSON_02}`, { headers: { Authorization: `token ${token}` } });
  const index = (await file.json()).content.cells.filter((c) => c.cell_type === "code")
    .findIndex((c) => [].concat(c.source).join("").includes("SweepResult parallel = Sweep.of"));
  if (index < 0) throw new Error(`${LESSON_02} has no cell with the sweep 'SweepResult parallel = Sweep.of'`);
  const sweep = cells.nth(index);
  await sweep.locator(".jp-InputPrompt").click();
  await menu(page, "Run", "Run All Above Selected Cell");
  await waitIdle(page, CELL_TIMEOUT_MS * (index + 1));
  // ./test runs the kernels in quick mode, where this sweep ends before its live chart is due (2 s); this one sweep
  // measures as a reader's run does.
  const full = await addCell(page, 'System.setProperty("jcn.quick", "false")');
  await runCell(page, full);
  await sweep.scrollIntoViewIfNeeded();
  await sweep.locator(".jp-InputPrompt").click();
  await page.keyboard.press("Shift+Enter");
  const pictures = new Set();
  let mostCharts = 0;
  let mostOutputs = 0;
  let shot = false;
  const deadline = Date.now() + CELL_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const state = await sweep.evaluate((c) => ({
      // Each picture by a hash of its whole data URL.
      srcs: [...c.querySelectorAll(".jp-OutputArea-output img")].map((img) => {
        let h = 0;
        for (let i = 0; i < img.src.length; i++) h = (h * 31 + img.src.charCodeAt(i)) | 0;
        return h;
      }),
      outputs: c.querySelectorAll(".jp-OutputArea-output").length,
      done: /^\[\d+\]:$/.test(c.querySelector(".jp-InputArea-prompt").textContent.trim()),
    }));
    state.srcs.forEach((s) => pictures.add(s));
    mostCharts = Math.max(mostCharts, state.srcs.length);
    mostOutputs = Math.max(mostOutputs, state.outputs);
    if (!shot && pictures.size >= 2 && !state.done) {
      await sweep.locator(".jp-OutputArea").scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${out}/lab-02-live-sweep-running.png` });
      shot = true;
    }
    if (state.done) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await waitIdle(page);
  await sweep.locator(".jp-OutputArea").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/lab-02-live-sweep.png` });
  // At the end the chart gives way, in the same place, to one line saying how long the sweep took.
  const finalText = await outputText(sweep);
  const errors = await errorsShown(sweep);
  if (errors.length > 0) {
    fail("live-sweep", `the sweep cell shows an error: ${errors[0]}`);
  } else if (pictures.size < 3 || mostCharts !== 1 || mostOutputs !== 1) {
    fail("live-sweep", `the sweep's chart was not redrawn in place: ${pictures.size} different pictures, at most ` +
      `${mostCharts} chart(s) and ${mostOutputs} output(s) at once`);
  } else {
    pass("live-sweep", `lesson 02's sweep chart was redrawn in place ${pictures.size - 1} times while it ran (one ` +
      `chart throughout), then replaced by ${JSON.stringify(finalText.trim())}; screenshots ` +
      `${out}/lab-02-live-sweep-running.png, ${out}/lab-02-live-sweep.png`);
  }
}
