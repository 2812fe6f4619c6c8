// Issue 30's paths on a 375 px phone whose browser asks for English, without JavaScript (run by
// tests/cases/test_cases_browser.py): a citizen files a complaint on the village's contact page and
// reads the code; tracks it on the portal; sees both transparency boards and the portal's form; an
// empty form's refusal; the official logs in, opens the inbox and the case, and answers it; the citizen
// reads the answer and objects; the inbox shows the objection for the Kepala Desa. Then axe-core on the
// public pages (with JavaScript, which axe needs).
// usage: node cases-check.js <config.json> with {village, port, password, out}; prints JSON
// {steps: [{name, url, status, scrollWidth, text}], code, axe: {name: [violations]}}
const { axeViolations, launch, readConfig } = require("./browser");

const ENGLISH = { locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } };
const PHONE = { viewport: { width: 375, height: 740 } };

async function main() {
  const config = readConfig();
  const village = `http://${config.village}:${config.port}`;
  const portal = `http://localhost:${config.port}`;
  const { context, close } = await launch({ ...PHONE, ...ENGLISH, javaScriptEnabled: false });
  const page = await context.newPage();
  const steps = [];
  const record = async (name, response) => {
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    const text = await page.evaluate(() => document.body.innerText);
    steps.push({ name, url: page.url(), status: response ? response.status() : null, scrollWidth, text });
    if (config.out) {
      await page.screenshot({ path: `${config.out}/${name}.png`, fullPage: true });
    }
  };
  const visit = async (name, url) => record(name, await page.goto(url));
  const submit = async (name, selector) => {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    await record(name, response);
  };

  await visit("kontak", `${village}/kontak/`);
  await page.check("input[name=jenis][value=pengaduan]");
  await page.selectOption("select[name=kategori]", "infrastruktur");
  await page.fill("input[name=perihal]", "Jalan berlubang di dusun selatan");
  await page.fill("textarea[name=pesan]", "Lubang besar di depan masjid, sudah dua motor jatuh.");
  await submit("terima-kasih", "form.case-form button[type=submit]");
  const code = (await page.textContent("#kode-lacak")).trim();
  await visit("lacak-portal", `${portal}/lacak/?kode=${code}`);
  await visit("transparansi-desa", `${village}/transparansi/`);
  await visit("transparansi-portal", `${portal}/transparansi/`);
  await visit("pengaduan-portal", `${portal}/pengaduan/`);
  // The refusal is where the citizen looks: send an empty form.
  await page.goto(`${village}/kontak/`);
  await submit("kontak-galat", "form.case-form button[type=submit]");

  await page.goto(`${village}/admin/login/`);
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", config.password);
  await Promise.all([page.waitForNavigation(), page.press("input[name=password]", "Enter")]);
  await visit("admin-dasbor", `${village}/admin/`);
  await visit("admin-pengaduan", `${village}/admin/pengaduan/`);
  const first = await page.getAttribute(".case a", "href");
  await visit("admin-kasus", `${village}${first}`);
  const filePick = await withScript(village, config.password, `${village}${first}`, config.out);
  await page.fill("form[action$='/jawab/'] textarea[name=text]", "Lubang sudah ditimbun sirtu pada hari Senin.");
  await submit("admin-jawab", "form[action$='/jawab/'] button[type=submit]");

  await visit("lacak-dijawab", `${village}/lacak/?kode=${code}`);
  await page.click("text=Tidak puas? Ajukan keberatan"); // a <details>: opens without a script
  await page.fill("textarea[name=alasan]", "Timbunan sudah hanyut lagi karena hujan.");
  await submit("keberatan", "form[action='/lacak/keberatan/'] button[type=submit]");
  await visit("admin-keberatan", `${village}/admin/pengaduan/?tampil=keberatan`);
  await close();

  const axe = {};
  const checked = await launch({ ...PHONE, ...ENGLISH, bypassCSP: true }); // axe is injected
  const tab = await checked.context.newPage();
  for (const [name, url] of [
    ["kontak", `${village}/kontak/`],
    ["lacak", `${village}/lacak/?kode=${code}`],
    ["transparansi-desa", `${village}/transparansi/`],
    ["transparansi-portal", `${portal}/transparansi/`],
    ["pengaduan-portal", `${portal}/pengaduan/`],
  ]) {
    await tab.goto(url);
    axe[name] = await axeViolations(tab);
  }
  await checked.close();
  console.log(JSON.stringify({ steps, code, axe, filePick }));
}

// The case page again, with JavaScript, in an English browser: the reply's document field says what
// it is and what was chosen in Indonesian (cases_inbox/file_pick.js), not the browser's "Choose File".
async function withScript(village, password, caseUrl, out) {
  const { context, close } = await launch({ ...PHONE, ...ENGLISH });
  const tab = await context.newPage();
  await tab.goto(`${village}/admin/login/`);
  await tab.fill("input[name=username]", "admin");
  await tab.fill("input[name=password]", password);
  await Promise.all([tab.waitForNavigation(), tab.press("input[name=password]", "Enter")]);
  await tab.goto(caseUrl);
  const seen = () =>
    tab.evaluate(() => {
      const field = document.querySelector(".photo-pick");
      const box = (node) => node.getBoundingClientRect();
      return {
        text: field.innerText,
        labelWidth: box(field.querySelector("label")).width,
        inputOpacity: getComputedStyle(field.querySelector("input[type=file]")).opacity,
        scrollWidth: document.documentElement.scrollWidth,
      };
    });
  const before = await seen();
  await tab.setInputFiles(".photo-pick input[type=file]", {
    name: "jawaban-ppid.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n"),
  });
  const after = await seen();
  if (out) {
    await tab.locator(".photo-pick").scrollIntoViewIfNeeded();
    await tab.screenshot({ path: `${out}/admin-kasus-dokumen.png` });
  }
  await close();
  return { before, after };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
