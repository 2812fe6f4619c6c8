// Measures what a phone user sees first on each page at each width and prints one JSON report:
// [{label, url, width, status, headerBottom, scrollWidth, viewportWidth, toggleVisible, links,
//   linksShown, linksShownAfterToggle, linksRightmost, visuallyHiddenLargest, chartTextSmallest}].
// The toggle is opened with the keyboard (Tab focus + Enter), as a user without a mouse would.
// The caller (tests/themes/test_phone_layout.py) decides pass or fail.
const { launch, readConfig } = require("./browser");

function measure() {
  const shown = (element) => element.checkVisibility() && element.getBoundingClientRect().width > 0;
  const links = [...document.querySelectorAll(".site-navigation .menu a")];
  const header = document.querySelector(".site-header");
  const hidden = [...document.querySelectorAll(".visually-hidden")].map((element) => {
    const box = element.getBoundingClientRect();
    return Math.max(box.width, box.height);
  });
  const texts = [...document.querySelectorAll("main svg text")].map((text) => {
    const size = parseFloat(getComputedStyle(text).fontSize);
    return size * text.getScreenCTM().a;
  });
  const toggle = document.querySelector(".site-navigation summary");
  return {
    headerBottom: header ? Math.round(header.getBoundingClientRect().bottom + window.scrollY) : null,
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: document.documentElement.clientWidth,
    toggleVisible: Boolean(toggle && shown(toggle)),
    links: links.length,
    linksShown: links.filter(shown).length,
    linksRightmost: Math.max(0, ...links.filter(shown).map((link) => link.getBoundingClientRect().right)),
    visuallyHiddenCount: hidden.length,
    visuallyHiddenLargest: Math.max(0, ...hidden),
    chartTextCount: texts.length,
    chartTextSmallest: texts.length ? Math.min(...texts) : null,
  };
}

async function main() {
  const { pages, widths } = readConfig();
  const { context, close } = await launch();
  const report = [];
  try {
    const tab = await context.newPage();
    for (const width of widths) {
      await tab.setViewportSize({ width, height: 900 });
      for (const { label, url } of pages) {
        const response = await tab.goto(url, { waitUntil: "load" });
        const row = { label, url, width, status: response ? response.status() : 0, ...(await tab.evaluate(measure)) };
        row.linksShownAfterToggle = row.linksShown;
        if (row.toggleVisible) {
          await tab.focus(".site-navigation summary");
          await tab.keyboard.press("Enter");
          const opened = await tab.evaluate(measure);
          row.linksShownAfterToggle = opened.linksShown;
          row.linksRightmost = opened.linksRightmost;
          row.scrollWidthAfterToggle = opened.scrollWidth;
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
