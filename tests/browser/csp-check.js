// Visits each page in Debian's chromium and prints every Content-Security-Policy violation as JSON:
// [{label, url, status, violations: [{directive, blocked, source}], console: [...]}].
// With "login" in the config, first logs in to the admin ({url, username, password}). A page may
// name "click": a selector clicked after load (e.g. the image chooser button); the check then waits
// for "waitFor". The caller (tests/security/test_csp_browser.py) decides pass or fail.
const { launch, readConfig } = require("./browser");

function recordViolations() {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      source: `${event.sourceFile}:${event.lineNumber}`,
    });
  });
}

async function main() {
  const { pages, login } = readConfig();
  const { context, close } = await launch();
  const report = [];
  try {
    await context.addInitScript(recordViolations);
    const tab = await context.newPage();
    let messages = [];
    tab.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) messages.push(message.text());
    });
    if (login) {
      await tab.goto(login.url, { waitUntil: "load" });
      await tab.fill("#id_username", login.username);
      await tab.fill("#id_password", login.password);
      await Promise.all([tab.waitForNavigation({ waitUntil: "load" }), tab.click("button[type=submit]")]);
    }
    for (const { label, url, click, waitFor } of pages) {
      messages = [];
      const response = await tab.goto(url, { waitUntil: "networkidle" });
      let clicked = null;
      if (click) {
        await tab.click(click, { timeout: 15000 }).catch(() => null);
        clicked = Boolean(await tab.waitForSelector(waitFor, { timeout: 15000 }).catch(() => null));
        await tab.waitForLoadState("networkidle");
      }
      const violations = await tab.evaluate(() => window.__cspViolations);
      report.push({ label, url, status: response ? response.status() : 0, clicked, violations, console: messages });
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
