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
  // Tap targets smaller than 44 x 44 px (WCAG 2.5.5): every visible link, button and field, except a
  // link inside a sentence (its block has other text) and the browser's own check boxes and radios.
  const inSentence = (link) => {
    if (getComputedStyle(link).display !== "inline") {
      return false;
    }
    const block = link.parentElement.closest("p, li, td, dd, dt, figcaption, blockquote, div, span");
    return Boolean(block) && block.textContent.trim().length > link.textContent.trim().length + 2;
  };
  const smallTargets = [...document.querySelectorAll("a[href], button, summary, input, select, textarea")]
    .filter((element) => {
      if (!element.checkVisibility() || ["checkbox", "radio", "hidden"].includes(element.type)) {
        return false;
      }
      const box = element.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1 || box.right < 0) {
        return false; // visually hidden, or a skip link waiting off-screen for focus
      }
      if (element.tagName === "A" && inSentence(element)) {
        return false;
      }
      return box.height < 43.5 || box.width < 43.5;
    })
    .map((element) => {
      const box = element.getBoundingClientRect();
      return {
        tag: element.tagName.toLowerCase(),
        text: (element.textContent || element.value || element.name || "").trim().slice(0, 40),
        classes: String(element.className || element.parentElement.className).slice(0, 60),
        width: Math.round(box.width),
        height: Math.round(box.height),
      };
    });
  // Elements reaching past the screen's right edge (what makes a page scroll sideways).
  const wide = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map((element) => `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 40)}`);
  // Headings that skip a level on the way down (h1 -> h3), in the page's order.
  const skipped = [];
  let level = 0;
  for (const heading of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")) {
    const next = Number(heading.tagName[1]);
    if (next > level + 1) {
      skipped.push(`h${level} -> h${next} "${heading.textContent.trim().slice(0, 40)}"`);
    }
    level = next;
  }
  return {
    skippedHeadings: skipped,
    smallTargets,
    wide,
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
