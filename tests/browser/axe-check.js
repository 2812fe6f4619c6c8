// Opens each page at each width, runs axe-core (WCAG 2.1 A and AA rules) and prints one JSON report:
// [{label, url, width, status, violations: [{id, impact, help, targets}]}]. Only serious and critical
// violations are reported; the caller (tests/themes/test_accessibility.py) decides pass or fail.
const { launch, readConfig } = require("./browser");

const AXE_SOURCE = require.resolve("axe-core/axe.min.js");
const REPORTED = new Set(["serious", "critical"]);

async function main() {
  const { pages, widths } = readConfig();
  // axe-core goes in as an inline script, which the public pages' Content-Security-Policy refuses;
  // tests/security/test_csp_browser.py checks the policy itself.
  const { context, close } = await launch({ bypassCSP: true });
  const report = [];
  try {
    const tab = await context.newPage();
    for (const width of widths) {
      await tab.setViewportSize({ width, height: 900 });
      for (const { label, url } of pages) {
        const response = await tab.goto(url, { waitUntil: "load" });
        await tab.addScriptTag({ path: AXE_SOURCE });
        const result = await tab.evaluate(() =>
          window.axe.run(document, {
            runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            resultTypes: ["violations"],
          }),
        );
        report.push({
          label,
          url,
          width,
          status: response ? response.status() : 0,
          violations: result.violations
            .filter((violation) => REPORTED.has(violation.impact))
            .map((violation) => ({
              id: violation.id,
              impact: violation.impact,
              help: violation.help,
              targets: violation.nodes.map((node) => node.target.join(" ")),
            })),
        });
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
