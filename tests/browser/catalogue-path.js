// Issue #29 on a 375 px phone: from the portal's home, search (config.query), open the service's
// start page on the OPD's site, follow "Mulai" (the application is answered here, never fetched
// from the internet), come back and answer "Apakah halaman ini membantu?". Prints one JSON report
// {steps: [{name, url, status, text, scrollWidth, axe, ...}]}; the caller
// (tests/services/test_catalogue_browser.py) checks what each step saw. Then each of config.visit
// ([{name, url}]: a village's /layanan/ and a regency service's start page) is opened and recorded.
const { axeViolations, launch, readConfig } = require("./browser");

const PHONE = { width: 375, height: 800 };

async function main() {
  const config = readConfig();
  // axe-core is injected as a script, which the pages' Content-Security-Policy rightly refuses.
  const { context, close } = await launch({ bypassCSP: true });
  const steps = [];
  const tab = await context.newPage();
  await tab.setViewportSize(PHONE);
  const applicationVisits = [];
  await context.route(config.applicationPattern, (route) => {
    applicationVisits.push(route.request().url());
    route.fulfill({
      status: 200,
      contentType: "text/html",
      body: "<!DOCTYPE html><html lang='id'><title>Aplikasi OPD</title><h1>Aplikasi OPD</h1></html>",
    });
  });
  const record = async (name, response, extra = {}) => {
    const seen = await tab.evaluate(() => ({
      text: document.body.innerText,
      scrollWidth: document.documentElement.scrollWidth,
      lang: document.documentElement.lang,
      jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
    }));
    const row = { name, url: tab.url(), status: response ? response.status() : null, ...seen, ...extra };
    if (config.screenshots) {
      await tab.screenshot({ path: `${config.screenshots}/${name}.png`, fullPage: true });
    }
    steps.push(row);
    return row;
  };
  try {
    let response = await tab.goto(`${config.portal}/`);
    await tab.fill("#cari-layanan", config.query);
    [response] = await Promise.all([tab.waitForNavigation(), tab.press("#cari-layanan", "Enter")]);
    const results = await tab.$$eval("article.service-card h3 a", (links) =>
      links.map((link) => ({ text: link.textContent, href: link.href })),
    );
    await record("portal-cari", response, { results, axe: await axeViolations(tab) });

    [response] = await Promise.all([tab.waitForNavigation(), tab.click("article.service-card h3 a >> nth=0")]);
    const start = await tab.$eval("a.button-start", (link) => ({ text: link.textContent, href: link.href }));
    await record("halaman-layanan", response, { start, axe: await axeViolations(tab) });

    [response] = await Promise.all([tab.waitForNavigation(), tab.click("a.button-start")]);
    await record("mulai", response, { applicationVisits });

    await tab.goBack();
    [response] = await Promise.all([
      tab.waitForNavigation(),
      tab.click(".service-feedback button[value='ya']"),
    ]);
    await record("umpan-balik", response, { axe: await axeViolations(tab) });

    for (const page of config.visit || []) {
      response = await tab.goto(page.url);
      await record(page.name, response, { axe: await axeViolations(tab) });
    }
  } finally {
    await close();
  }
  process.stdout.write(JSON.stringify({ steps }));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
