// What the JupyterLab checks share: the JupyterLab page as a learner works it, through its menus, toolbar, file
// browser and keyboard, with what a cell shows read from the page. Selectors are JupyterLab 4's own class names and
// the data-command attributes of its menu items.

export const CELL_TIMEOUT_MS = 180_000;

// Opens JupyterLab with a fresh workspace (no tabs restored from an earlier session) and waits until it has
// started (lab-app/index.js marks the page; a JupyterLab installed by conda or pip does not, so its file browser
// showing the notebooks counts too).
export async function openLab(page, base, token) {
  await page.goto(`${base}/lab?reset&token=${token}`);
  await page.waitForFunction(() => document.body.dataset.jcnLabReady === "true"
    || document.querySelector(".jp-DirListing-item") !== null, null, { timeout: 120_000 });
  await page.locator(".jp-DirListing-item").first().waitFor({ timeout: 60_000 });
}

// Switches autosave off through the settings API, before the page loads its settings, so the notebooks on disk
// keep no outputs or added cells.
export async function autosaveOff(page, base, token) {
  const response = await page.request.put(`${base}/lab/api/settings/@jupyterlab/docmanager-extension:plugin`, {
    data: { raw: JSON.stringify({ autosave: false }) },
    headers: { Authorization: `token ${token}` },
  });
  if (!response.ok()) {
    throw new Error(`could not switch autosave off: ${response.status()} ${await response.text()}`);
  }
}

// Clicks a main-menu entry by its label, e.g. menu(page, "Run", "Run All Cells").
export async function menu(page, title, label) {
  await page.locator(".lm-MenuBar-item", { hasText: new RegExp(`^${title}$`) }).click();
  await page.locator(".lm-Menu-item", { has: page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${label}$`) }) })
    .filter({ visible: true }).first().click();
}

// The notebook the main area shows.
export function activeNotebook(page) {
  return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)");
}

// Opens a notebook by double-clicking it in the file browser, as a learner does, and waits for its kernel.
export async function openFromFileBrowser(page, name) {
  await page.locator(".jp-DirListing-item", { has: page.locator(".jp-DirListing-itemText", { hasText: name }) })
    .dblclick();
  const panel = activeNotebook(page);
  await panel.locator(".jp-Cell").first().waitFor({ timeout: 60_000 });
  // Where the kernel specs reach the page after the notebook (a busy machine), JupyterLab asks which kernel to
  // start, with the notebook's own preselected; a learner accepts it.
  const select = page.locator(".jp-Dialog", { hasText: "Select Kernel" });
  const asked = await Promise.race([
    select.waitFor({ timeout: 20_000 }).then(() => true).catch(() => false),
    waitIdle(page, 20_000).then(() => false).catch(() => false),
  ]);
  if (asked) {
    const chosen = await select.locator("select").evaluate((s) => s.options[s.selectedIndex].text);
    if (!chosen.includes("concurrency")) throw new Error(`JupyterLab offered the kernel ${chosen} for ${name}`);
    await select.locator(".jp-mod-accept").click();
  }
  await waitIdle(page);
  return panel;
}

// Waits until the active notebook's kernel is connected and idle (the toolbar's execution indicator says so).
export async function waitIdle(page, timeout = 120_000) {
  await page.waitForFunction(() => {
    const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
    const indicator = panel && panel.querySelector(".jp-Notebook-ExecutionIndicator");
    // The indicator also says idle while the kernel still starts; the status bar says "| Idle" once it is connected.
    const status = [...document.querySelectorAll(".jp-StatusBar-TextItem")].some((t) => /\| Idle$/.test(t.textContent.trim()));
    return indicator && indicator.getAttribute("data-status") === "idle" && status;
  }, null, { timeout, polling: 250 });
}

// The prompts of the active notebook's code cells: "[3]:" run, "[*]:" running or queued, "[ ]:" never run.
export function prompts(page) {
  return activeNotebook(page).locator(".jp-CodeCell .jp-InputArea-prompt").allInnerTexts();
}

// Waits until every code cell of the active notebook has run and the kernel is idle.
export async function waitAllRun(page, codeCells) {
  await page.waitForFunction(() => {
    const panel = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden)");
    const shown = [...panel.querySelectorAll(".jp-CodeCell .jp-InputArea-prompt")].map((p) => p.textContent.trim());
    const indicator = panel.querySelector(".jp-Notebook-ExecutionIndicator");
    return shown.every((p) => /^\[\d+\]:$/.test(p)) && indicator?.getAttribute("data-status") === "idle";
  }, null, { timeout: CELL_TIMEOUT_MS * codeCells, polling: 500 });
}

// Adds a code cell under the last one, types `code` into it (pasted as a whole, so the editor's bracket closing
// does not double anything), and returns its locator. Leaves the cell in edit mode.
export async function addCell(page, code) {
  const panel = activeNotebook(page);
  await panel.locator(".jp-Cell").last().locator(".jp-InputPrompt").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("b");
  // Pinned by position: running the last cell with Shift+Enter appends another, which .last() would then name.
  const cell = panel.locator(".jp-Cell").nth((await panel.locator(".jp-Cell").count()) - 1);
  await cell.locator(".cm-content").click();
  if (code) {
    await page.keyboard.insertText(code);
  }
  return cell;
}

// Runs the cell in edit mode with Shift+Enter and waits until its prompt shows a number and the kernel is idle.
export async function runCell(page, cell) {
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Shift+Enter");
  await cell.locator(".jp-InputArea-prompt", { hasText: /^\[\d+\]:$/ }).waitFor({ timeout: CELL_TIMEOUT_MS });
  await waitIdle(page);
}

// What a cell shows under it, as text.
export function outputText(cell) {
  return cell.locator(".jp-OutputArea-output").evaluateAll((els) => els.map((e) => e.textContent).join("\n"));
}

// Error outputs (tracebacks and stderr) shown in `scope`, as their first lines.
export function errorsShown(scope) {
  return scope.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    .evaluateAll((els) => els.map((e) => e.textContent.slice(0, 300)));
}
