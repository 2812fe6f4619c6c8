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
