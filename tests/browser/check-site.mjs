// Opens the lesson website (./site) from its folder in headless Chromium, as a learner opens it from a USB stick,
// and checks each page as a reader sees it: the index links to every lesson; each lesson page shows all its charts
// (loaded, drawn, visible unless inside a folded solution), every solution starts folded, no link still points
// at a notebook file, and no page asks the network for anything.
//
//   node check-site.mjs SITE_DIR SCREENSHOT.png PAGE=CHARTS...
//
// PAGE=CHARTS names a lesson page and how many charts its executed notebook holds. Exits 1 naming each problem.
import { pathToFileURL } from "node:url";
import path from "node:path";
import { launchBrowser } from "./notebook-page.mjs";

const [siteDir, screenshot, ...expected] = process.argv.slice(2);
const base = pathToFileURL(path.resolve(siteDir)).href;

function fail(message) {
  console.log(`FAIL site: ${message}`);
  process.exitCode = 1;
}

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const outside = [];
  page.on("request", (request) => {
    if (!/^(file|data|about):/.test(request.url())) {
      outside.push(request.url());
    }
  });
  await page.goto(`${base}/index.html`);
  const links = await page.$$eval("ol.lessons a", (as) => as.map((a) => a.getAttribute("href")));
  const pages = expected.map((e) => e.split("=")[0]);
  if (JSON.stringify(links) !== JSON.stringify(pages)) {
    fail(`the index links to ${JSON.stringify(links)}, expected ${JSON.stringify(pages)}`);
  }
  let first = true;
  for (const item of expected) {
    const [name, count] = item.split("=");
    const charts = Number(count);
    await page.goto(`${base}/${name}`);
    await page.waitForLoadState("load");
    // Every picture must decode (a broken one rejects); charts are the pictures in the cells' outputs.
    const seen = await page.$$eval("img", (imgs) => Promise.all(imgs.map(async (img) => ({
      drawn: await img.decode().then(() => true, () => false),
      chart: img.closest(".jp-OutputArea-output") !== null,
      wide: img.naturalWidth > 100,
      visible: img.getBoundingClientRect().width > 100,
      folded: img.closest("details") !== null,
    }))));
    const shownCharts = seen.filter((i) => i.chart);
    const open = await page.$$eval("details", (ds) => ds.filter((d) => d.open).length);
    const folded = await page.$$eval("details", (ds) => ds.length);
    const notebookLinks = await page.$$eval("a[href]", (as) => as.map((a) => a.getAttribute("href"))
      .filter((h) => /\.ipynb(#|$)/.test(h)));
    const problems = [];
    if (shownCharts.length !== charts) problems.push(`shows ${shownCharts.length} charts, its notebook has ${charts}`);
    if (seen.some((i) => !i.drawn)) problems.push(`${seen.filter((i) => !i.drawn).length} picture(s) did not load`);
    if (shownCharts.some((i) => !i.wide || (!i.folded && !i.visible))) {
      problems.push("a chart outside the solutions is not shown at its size");
    }
    if (open > 0) problems.push(`${open} of ${folded} solutions are open`);
    if (notebookLinks.length > 0) problems.push(`links to notebook files: ${notebookLinks.join(", ")}`);
    if (problems.length > 0) {
      fail(`${name}: ${problems.join("; ")}`);
    } else {
      const pictures = seen.length - shownCharts.length;
      console.log(`PASS site: ${name}: ${charts} chart(s) shown${pictures ? `, ${pictures} other picture(s)` : ""}, ` +
        `${folded} solution(s) folded`);
    }
    if (first) {
      await page.screenshot({ path: screenshot });
      first = false;
    }
  }
  if (outside.length > 0) {
    fail(`pages asked the network for ${outside.length} resource(s), such as ${outside[0]}`);
  }
} catch (e) {
  fail(`${e.name}: ${e.message.split("\n")[0]}`);
} finally {
  await browser.close();
}
