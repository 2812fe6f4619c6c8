// The publishing schedule on a phone (issue #27, item 5): logs in, opens a page's editor, opens
// Wagtail's schedule dialog and the go-live picker, and reports where the picker lies against the
// screen and which times it offers.
// Config: {"login": {"url", "username", "password"}, "edit": url, "width": 375, "screenshot": "file or null"}
const { launch, readConfig } = require("./browser");

(async () => {
  const config = readConfig();
  const { context, close } = await launch();
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: config.width, height: config.width < 600 ? 740 : 900 });
    await page.goto(config.login.url, { waitUntil: "load" });
    await page.fill("#id_username", config.login.username);
    await page.fill("#id_password", config.login.password);
    await Promise.all([page.waitForNavigation(), page.click("form button[type=submit]")]);
    await page.goto(config.edit, { waitUntil: "networkidle" });
    // The status side panel holds the "set schedule" button that opens the dialog.
    const toggle = page.locator('[data-side-panel-toggle="status"]');
    if (await toggle.count()) {
      await toggle.first().click();
    }
    await page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first().click();
    await page.locator("#id_go_live_at").click();
    const picker = page.locator("#schedule-publishing-dialog .xdsoft_datetimepicker").first();
    await picker.waitFor({ state: "visible" });
    if (config.screenshot) {
      await page.screenshot({ path: config.screenshot });
    }
    const result = await picker.evaluate((node) => {
      const box = node.getBoundingClientRect();
      const times = [...node.querySelectorAll(".xdsoft_timepicker .xdsoft_time")].map((t) => t.textContent.trim());
      return { left: box.left, right: box.right, width: box.width, times };
    });
    result.viewportWidth = await page.evaluate(() => window.innerWidth);
    process.stdout.write(JSON.stringify(result));
  } finally {
    await close();
  }
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
