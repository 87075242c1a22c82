// What the browser checks share: a headless Chromium that stays offline, and a classic Notebook page whose cells
// are run through the page and whose outputs are read as a learner sees them.
import { chromium } from "playwright-core";

export const CELL_TIMEOUT_MS = 180_000;

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    // As root in a container Chromium needs --no-sandbox; the background-networking flags keep it from calling
    // out to the internet, which is closed here and in workshops.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}

// Runs every cell of the notebook open in `page` (autosave off first, so the file on disk keeps no outputs) and
// waits until each code cell has an execution count and the kernel is idle. Returns the number of code cells.
export async function runAllCells(page) {
  await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
    && Jupyter.notebook.kernel.is_connected(), null, { timeout: 120_000 });
  const codeCells = await page.evaluate(() => {
    Jupyter.notebook.set_autosave_interval(0);
    Jupyter.notebook.execute_all_cells();
    return Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").length;
  });
  await page.waitForFunction(() => {
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code");
    return !Jupyter.notebook.kernel_busy && cells.every((c) => Number.isInteger(c.input_prompt_number));
  }, null, { timeout: CELL_TIMEOUT_MS * codeCells, polling: 500 });
  return codeCells;
}

// What the page shows under its cells: chart images (natural width, visible or not), error and stderr outputs,
// and HTML tables.
export async function outputsShown(page) {
  const images = await page.$$eval(".output_area img", (imgs) => imgs.map((img) => ({
    width: img.naturalWidth,
    visible: img.getBoundingClientRect().width > 0 && img.getBoundingClientRect().height > 0,
  })));
  const errors = await page.$$eval(".output_error, .output_stderr", (els) => els.map((e) => e.innerText.slice(0, 300)));
  const tables = await page.$$eval(".output_area table", (els) => els.length);
  return { images, errors, tables };
}

// The problems a learner would see in those outputs, as sentences; empty when a chart and a table are shown and
// no error is.
export function outputProblems({ images, errors, tables }) {
  const problems = [];
  if (!images.some((i) => i.visible && i.width > 100)) {
    problems.push(`no chart image is visible (found ${images.length} images)`);
  }
  if (errors.length > 0) {
    problems.push(`error output is shown: ${errors[0]}`);
  }
  if (tables === 0) {
    problems.push("no HTML table is shown");
  }
  return problems;
}
