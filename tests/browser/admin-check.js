// Opens admin pages in Debian's chromium at each width (one browser profile, so a log-in link opened
// first keeps its session) and reports, per page and width, whether the named elements are on screen
// and not covered by anything else (the element at their centre is themselves or inside them).
// Config: {"open": [urls opened first], "logins": [{"url", "username", "password"}], "pages": [{"label", "url", "selectors": [...]}],
//          "widths": [375, 1280], "screenshots": "dir or null"}
const path = require("path");
const { launch, readConfig } = require("./browser");

async function measure(page, selectors) {
  return page.evaluate((selectors) => {
    const result = {
      scrollWidth: document.documentElement.scrollWidth,
      viewportWidth: window.innerWidth,
      title: document.title,
      elements: {},
    };
    for (const selector of selectors) {
      const nodes = [...document.querySelectorAll(selector)];
      result.elements[selector] = nodes.map((node) => {
        node.scrollIntoView({ block: "center", behavior: "instant" });
        const box = node.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        return {
          text: (node.innerText || node.textContent || "").trim().slice(0, 300),
          left: box.left,
          right: box.right,
          width: box.width,
          height: box.height,
          visible: box.width > 0 && box.height > 0 && getComputedStyle(node).visibility !== "hidden",
          uncovered: Boolean(hit && (hit === node || node.contains(hit) || hit.contains(node))),
          coveredBy: hit && hit !== node && !node.contains(hit) ? hit.outerHTML.slice(0, 120) : null,
        };
      });
    }
    return result;
  }, selectors);
}

(async () => {
  const config = readConfig();
  const { context, close } = await launch();
  const report = [];
  try {
    const page = await context.newPage();
    for (const url of config.open || []) {
      await page.goto(url, { waitUntil: "load" });
    }
    for (const login of config.logins || []) {
      await page.goto(login.url, { waitUntil: "load" });
      await page.fill("#id_username", login.username);
      await page.fill("#id_password", login.password);
      await Promise.all([page.waitForNavigation(), page.click("form button[type=submit]")]);
    }
    for (const width of config.widths) {
      await page.setViewportSize({ width, height: width < 600 ? 740 : 900 });
      for (const target of config.pages) {
        const response = await page.goto(target.url, { waitUntil: "networkidle" });
        const row = await measure(page, target.selectors || []);
        row.label = target.label;
        row.width = width;
        row.status = response ? response.status() : 0;
        row.finalUrl = page.url();
        if (config.screenshots) {
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.screenshot({
            path: path.join(config.screenshots, `${target.label}-${width}.png`),
            fullPage: true,
          });
        }
        report.push(row);
      }
    }
  } finally {
    await close();
  }
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
