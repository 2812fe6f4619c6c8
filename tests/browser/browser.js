// Launches Debian's chromium (never a downloaded browser build) in a fresh, empty profile.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { chromium } = require("playwright-core");

const EXECUTABLE = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// `options` go to playwright's context: e.g. {locale: "en-US", extraHTTPHeaders: {...}} for a phone set
// to English (the default profile speaks Indonesian).
async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "villageweb-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: ARGS,
    locale: "id-ID",
    ...options,
  });
  const close = async () => {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}

function readConfig() {
  const file = process.argv[2];
  if (!file) {
    throw new Error("usage: node <script> <config.json>");
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

const AXE_SOURCE = require.resolve("axe-core/axe.min.js");

// axe-core's WCAG 2.1 A/AA rules on the open page: its serious and critical violations.
async function axeViolations(tab) {
  await tab.addScriptTag({ path: AXE_SOURCE });
  const result = await tab.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    }),
  );
  return result.violations
    .filter((violation) => ["serious", "critical"].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

module.exports = { axeViolations, launch, readConfig };
