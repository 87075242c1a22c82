// Opens a notebook in headless Chromium on a running Jupyter server, runs all its cells through the page, and
// checks what a learner would see: every cell finished, a chart image is visible, no error output is shown.
// Given a piece of a code cell's text and a file, it also saves that cell's chart as the screen shows it, on a
// high-DPI screen (2 device pixels per CSS pixel), after checking that the chart is shown at its own size (the
// kernel sends it at twice that, with its size as metadata).
//
//   node run-notebook.mjs BASE_URL TOKEN NOTEBOOK SCREENSHOT.png [CELL_TEXT CHART.png]
//
// Works with the classic Notebook (what Debian has, and what ./lab starts there) and with JupyterLab. Autosave is
// switched off first, so the notebook file on disk keeps no outputs. Exits 1 naming the first problem.
import { launchBrowser, outputProblems, outputsShown, runAllCells } from "./notebook-page.mjs";

const [base, token, notebook, screenshot, chartCell, chartShot] = process.argv.slice(2);

function fail(message) {
  console.log(`FAIL browser: ${notebook}: ${message}`);
  process.exitCode = 1;
}

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 }, deviceScaleFactor: chartShot ? 2 : 1 });
  await page.goto(`${base}/notebooks/${notebook}?token=${token}`);
  const codeCells = await runAllCells(page);
  const shown = await outputsShown(page);
  const { images, tables } = shown;
  const last = page.locator(".output_area img").first();
  if (images.length > 0) {
    await last.scrollIntoViewIfNeeded();
  }
  await page.screenshot({ path: screenshot, fullPage: true });
  if (chartShot) {
    await saveChart(page, chartCell, chartShot);
  }

  outputProblems(shown).forEach(fail);
  if (!process.exitCode) {
    console.log(`PASS browser: ${notebook}: ${codeCells} cells ran in Chromium, ${images.length} chart(s) and ` +
      `${tables} table(s) visible, no error output; screenshot ${screenshot}`);
  }
} catch (e) {
  fail(`${e.name}: ${e.message.split("\n")[0]}`);
} finally {
  await browser.close();
}

// The chart of the first code cell whose text holds `text`: it must be drawn at twice its CSS size and shown at its
// CSS size (crisp on a high-DPI screen); saved as the screen shows it.
async function saveChart(page, text, file) {
  const image = await page.evaluateHandle((wanted) => {
    const cell = Jupyter.notebook.get_cells().find((c) => c.cell_type === "code" && c.get_text().includes(wanted));
    return cell ? cell.element[0].querySelector(".output_area img") : null;
  }, text);
  const element = image.asElement();
  if (!element) {
    fail(`no chart in a cell whose code holds ${JSON.stringify(text)}`);
    return;
  }
  const size = await element.evaluate((img) => ({ natural: img.naturalWidth, shown: img.getBoundingClientRect().width }));
  if (size.natural !== 2 * Math.round(size.shown)) {
    fail(`the chart of ${JSON.stringify(text)} is ${size.natural} pixels wide, shown ${size.shown} wide: not drawn at 2x, shown at 1x`);
  }
  await element.scrollIntoViewIfNeeded();
  await element.screenshot({ path: file });
  console.log(`PASS browser: ${notebook}: the chart of ${JSON.stringify(text)} is drawn at ${size.natural} pixels, ` +
    `shown at ${size.shown}; screenshot ${file}`);
}
