// The citizen's and the official's case paths at 375 px without JavaScript: file a complaint on a
// village's contact page, read the code, track it, see the boards; log in and open the inbox.
// usage: node cases-check.js <config.json> with {base, village, password, out}
const { launch, readConfig } = require("./browser");

async function main() {
  const config = readConfig();
  const { context, close } = await launch({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
  const page = await context.newPage();
  const report = [];
  const shot = async (name) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    report.push({ name, url: page.url(), status: "ok", scrollWidth: width });
    await page.screenshot({ path: `${config.out}/${name}.png`, fullPage: true });
  };
  const village = `http://${config.village}:${config.port}`;
  const portal = `http://localhost:${config.port}`;
  await page.goto(`${village}/kontak/`);
  await shot("kontak");
  await page.check("input[name=jenis][value=pengaduan]");
  await page.selectOption("select[name=kategori]", "infrastruktur");
  await page.fill("input[name=perihal]", "Jalan berlubang di dusun selatan");
  await page.fill("textarea[name=pesan]", "Lubang besar di depan masjid, sudah dua motor jatuh.");
  await page.click("form.case-form button[type=submit]");
  await shot("terima-kasih");
  const code = (await page.textContent("#kode-lacak")).trim();
  report.push({ code });
  await page.goto(`${portal}/lacak/?kode=${code}`);
  await shot("lacak-portal");
  await page.goto(`${village}/transparansi/`);
  await shot("transparansi-desa");
  await page.goto(`${portal}/transparansi/`);
  await shot("transparansi-portal");
  await page.goto(`${portal}/pengaduan/`);
  await shot("pengaduan-portal");
  // The refusal is where the citizen looks: send an empty form.
  await page.goto(`${village}/kontak/`);
  await page.click("form.case-form button[type=submit]");
  await shot("kontak-galat");
  await page.goto(`${village}/admin/login/`);
  await page.fill("input[name=username]", "admin");
  await page.fill("input[name=password]", config.password);
  await page.press("input[name=password]", "Enter");
  await page.waitForLoadState();
  await page.goto(`${village}/admin/`);
  await shot("admin-dasbor");
  await page.goto(`${village}/admin/pengaduan/`);
  await shot("admin-pengaduan");
  const first = await page.getAttribute(".case a", "href");
  await page.goto(`${village}${first}`);
  await shot("admin-kasus");
  console.log(JSON.stringify(report, null, 1));
  await close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
