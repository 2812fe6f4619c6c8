// Opens an imported village site the way a citizen following an old shared link does: each URL (an
// old WordPress or OpenSID address, or a new page) at each width, following redirects. Prints one JSON
// report: [{label, url, width, status, redirects: [{url, status}], finalUrl, title, scrollWidth,
// viewportWidth, images: [{src, alt, loaded, width}], axe}] and saves a screenshot per row when the
// config names a folder. The caller (tests/provisioning/site_import/test_imported_site_browser.py)
// decides pass or fail.
const path = require("path");
const { axeViolations, launch, readConfig } = require("./browser");

function measure() {
  const images = [...document.querySelectorAll("main img")].map((image) => ({
    src: image.currentSrc || image.src,
    alt: image.alt,
    loaded: image.complete && image.naturalWidth > 0,
    width: Math.round(image.getBoundingClientRect().width),
  }));
  return {
    title: document.title,
    heading: (document.querySelector("main h1") || {}).textContent || "",
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: document.documentElement.clientWidth,
    images,
  };
}

// Scroll every photo into view, as a reader going down the page does, and wait for it (photos below
// the first screen load lazily).
async function scrollThrough() {
  for (const image of document.querySelectorAll("main img")) {
    image.scrollIntoView();
    if (!image.complete) {
      await new Promise((done) => {
        image.addEventListener("load", done, { once: true });
        image.addEventListener("error", done, { once: true });
      });
    }
  }
  window.scrollTo(0, 0);
}

async function main() {
  const { pages, widths, screenshots } = readConfig();
  // axe-core is injected as a script the pages' CSP would refuse.
  const { context, close } = await launch({ bypassCSP: true });
  const report = [];
  try {
    const tab = await context.newPage();
    for (const width of widths) {
      await tab.setViewportSize({ width, height: 800 });
      for (const { label, url } of pages) {
        const response = await tab.goto(url, { waitUntil: "load" });
        await tab.evaluate(scrollThrough);
        const redirects = [];
        for (let request = response && response.request().redirectedFrom(); request; request = request.redirectedFrom()) {
          const answer = await request.response();
          redirects.unshift({ url: request.url(), status: answer ? answer.status() : 0 });
        }
        const row = {
          label,
          url,
          width,
          status: response ? response.status() : 0,
          redirects,
          finalUrl: tab.url(),
          ...(await tab.evaluate(measure)),
          axe: await axeViolations(tab),
        };
        if (screenshots) {
          const file = path.join(screenshots, `${label}-${width}.png`);
          await tab.screenshot({ path: file, fullPage: true });
          row.screenshot = file;
        }
        report.push(row);
      }
    }
  } finally {
    await close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
