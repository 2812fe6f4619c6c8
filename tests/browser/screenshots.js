// Takes full-page PNG screenshots: config {shots: [{url, width, file}]}.
const { launch, readConfig } = require("./browser");

async function main() {
  const { shots } = readConfig();
  const { context, close } = await launch();
  try {
    const tab = await context.newPage();
    for (const { url, width, file } of shots) {
      await tab.setViewportSize({ width, height: width < 600 ? 812 : 800 });
      await tab.goto(url, { waitUntil: "load" });
      // Scroll through the page so lazy images load, as they would for a reader.
      await tab.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += 500) {
          window.scrollTo(0, y);
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
        window.scrollTo(0, 0);
      });
      await tab.waitForLoadState("networkidle");
      await tab.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}\n`);
    }
  } finally {
    await close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
