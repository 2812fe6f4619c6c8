// The path of issues #16 and #27 on a 375 px phone whose browser is set to English: a new user logs in
// with an issued password, changes it, writes news with a photo in Tulis Kabar (a photo too big to
// shrink is refused before sending; Enter in the title field saves a draft, the photo shrunk on the
// phone); a village admin publishes it in the full editor; the news is then read on the village site
// and the regency portal, and a citizen walks home, APBDes, search, contact and Direktori Desa. Prints one JSON report: {steps: [{name, url, status, ...}], transfer: {...}}. Any step
// that cannot be done throws: the script exits 1 and names the step on stderr.
// The caller (tests/news/test_phone_path.py) checks what each step saw.
const fs = require("fs");
const path = require("path");
const { launch, readConfig } = require("./browser");

const PHONE = { width: 375, height: 800 };
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

// The page's images and whether each loaded; lazy ones load once scrolled to, as a reader would.
async function loadedImages() {
  const images = [...document.querySelectorAll("main img")];
  for (const image of images) {
    image.scrollIntoView();
    await image.decode().catch(() => {});
  }
  return images.map((image) => ({ alt: image.alt, loaded: image.naturalWidth > 0, src: image.currentSrc }));
}

// Where each dashboard panel heading sits, and whether its text is cut off.
function headingBoxes() {
  return [...document.querySelectorAll(".w-panel__heading")].map((heading) => {
    const rect = heading.getBoundingClientRect();
    return {
      text: heading.textContent.trim(),
      left: Math.round(rect.left),
      right: Math.round(rect.right),
      cut: heading.scrollWidth > heading.clientWidth + 1,
    };
  });
}

async function main() {
  const config = readConfig();
  const { context, close } = await launch({
    locale: "en-US",
    extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" },
  });
  const steps = [];
  let current = "start";
  const tab = await context.newPage();
  await tab.setViewportSize(PHONE);

  // Bytes over the network for each response, as Chromium counts them (headers + encoded body),
  // by URL; the request bodies (the photo upload) are not counted.
  let received = [];
  let posts = 0;
  const sending = [];
  await tab.exposeFunction("reportSending", (text) => sending.push(text));
  tab.on("request", (request) => {
    if (request.method() === "POST") {
      posts += 1;
    }
  });
  tab.on("requestfinished", (request) => {
    received.push(
      request.sizes().then((sizes) => ({
        url: request.url(),
        method: request.method(),
        bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        uploaded: sizes.requestBodySize,
      })),
    );
  });
  const settle = async () => {
    await tab.waitForLoadState("networkidle");
    const rows = await Promise.all(received);
    received = [];
    return rows;
  };
  const shot = async (name) => {
    if (config.screenshots) {
      await tab.screenshot({ path: path.join(config.screenshots, `${name}.png`), fullPage: true });
    }
  };
  const step = async (name, extra = {}) => {
    const response = extra.response;
    delete extra.response;
    const row = {
      name,
      url: tab.url(),
      status: response ? response.status() : null,
      contentLanguage: response ? (await response.allHeaders())["content-language"] || null : null,
      lang: await tab.evaluate(() => document.documentElement.lang),
      text: await tab.evaluate(() => document.body.innerText),
      scrollWidth: await tab.evaluate(() => document.documentElement.scrollWidth),
      ...extra,
    };
    steps.push(row);
    await shot(name);
    return row;
  };
  const navigation = (action) => Promise.all([tab.waitForNavigation({ waitUntil: "load" }), action()]);

  try {
    const { site, portal, user, admin, news } = config;

    current = "log in with the issued password";
    await tab.goto(`${site}/admin/login/`, { waitUntil: "load" });
    await tab.fill("#id_username", user.username);
    await tab.fill("#id_password", user.issuedPassword);
    let [response] = await navigation(() => tab.click("button[type=submit]"));
    await step("ganti-kata-sandi", { response });

    current = "change the password";
    await tab.fill("#id_old_password", user.issuedPassword);
    await tab.fill("#id_new_password1", user.newPassword);
    await tab.fill("#id_new_password2", user.newPassword);
    [response] = await navigation(() => tab.click("main button[type=submit]"));
    await step("dasbor", { response, headings: await tab.evaluate(headingBoxes) });

    current = "open Tulis Kabar from the dashboard";
    await settle();
    [response] = await navigation(() => tab.click(".tulis-kabar-panel a"));
    const formTransfer = await settle();
    await step("tulis-kabar-kosong", { response, transfer: formTransfer, axe: await axeViolations(tab) });

    current = "send Tulis Kabar without a title";
    await tab.fill("#id_summary", news.summary);
    [response] = await navigation(() => tab.click('button[value="submit"]'));
    const errorTransfer = await settle();
    await step("tulis-kabar-galat", {
      response,
      transfer: errorTransfer,
      axe: await axeViolations(tab),
      focusTargets: await tab.evaluate(() =>
        [...document.querySelectorAll(".summary a")].map((link) => link.getAttribute("href")),
      ),
      invalid: await tab.evaluate(() =>
        [...document.querySelectorAll('[aria-invalid="true"]')].map((field) => ({
          id: field.id,
          describedBy: field.getAttribute("aria-describedby"),
        })),
      ),
    });

    current = "a photo too big for the phone to shrink is refused before anything is sent";
    const postsBefore = posts;
    await tab.setInputFiles("#id_photos", news.unreadablePhoto);
    await tab.click('button[value="save"]');
    await tab.waitForFunction(() => /terlalu besar/.test(document.getElementById("pengiriman").textContent));
    const refusedBeforeSending = {
      text: await tab.textContent("#pengiriman"),
      posts: posts - postsBefore,
    };

    current = "write the news with a photo and press Enter in the title field";
    await tab.fill("#id_title", news.title);
    await tab.fill("#id_summary", news.summary);
    await tab.fill("#id_body", news.body);
    await tab.setInputFiles("#id_photos", news.photo);
    await tab.fill("#id_alt_1", news.alt);
    await shot("tulis-kabar-foto-dipilih");
    // What the sending line says while the photo goes up (it is gone once the saved page opens).
    await tab.evaluate(() => {
      const line = document.getElementById("pengiriman");
      new MutationObserver(() => window.reportSending(line.textContent)).observe(line, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await tab.focus("#id_title");
    [response] = await navigation(() => tab.keyboard.press("Enter"));
    await tab.waitForURL(/tersimpan/);
    const draftTransfer = await settle();
    const draft = await step("tulis-kabar-draf", {
      response,
      transfer: draftTransfer,
      sending,
      refusedBeforeSending,
      axe: await axeViolations(tab),
    });
    const editUrl = await tab.getAttribute("a:text('Buka di editor lengkap')", "href");
    if (!draft.text.includes("draf")) {
      throw new Error("Enter in the title field did not save a draft");
    }

    current = "a village admin publishes the draft in the full editor";
    await context.clearCookies();
    await tab.goto(`${site}/admin/login/`, { waitUntil: "load" });
    await tab.fill("#id_username", admin.username);
    await tab.fill("#id_password", admin.password);
    await navigation(() => tab.click("button[type=submit]"));
    await tab.goto(new URL(editUrl, site).href, { waitUntil: "networkidle" });
    await shot("editor-lengkap");
    // The title field: inside the screen and not covered at its right end (by the minimap strip).
    const editorTitle = await tab.evaluate(() => {
      const title = document.querySelector("#id_title");
      const rect = title.getBoundingClientRect();
      const covering = document.elementFromPoint(rect.right - 4, rect.top + rect.height / 2);
      return {
        left: Math.round(rect.left),
        right: Math.round(rect.right),
        uncovered: covering === title,
        fontSize: parseFloat(getComputedStyle(title).fontSize),
        minimapShown: [...document.querySelectorAll(".w-minimap")].some((strip) => strip.checkVisibility()),
      };
    });
    const publish = tab.locator('footer button[name="action-publish"]').first();
    if (!(await publish.isVisible())) {
      await tab.click("footer [data-w-dropdown-target='toggle']");
    }
    [response] = await navigation(() => publish.click());
    await step("diterbitkan", { response, editorTitle });

    current = "read it on the village site";
    await context.clearCookies();
    response = await tab.goto(`${site}/berita/`, { waitUntil: "load" });
    await step("situs-desa-daftar", { response });
    [response] = await navigation(() => tab.getByRole("link", { name: news.title }).first().click());
    await step("situs-desa-berita", {
      response,
      images: await tab.evaluate(loadedImages),
    });

    current = "read it on the regency portal";
    response = await tab.goto(`${portal}/berita-desa/`, { waitUntil: "load" });
    await step("portal-berita-desa", { response, images: await tab.evaluate(loadedImages) });

    current = "a citizen walks the village site and the portal";
    for (const [name, url] of [
      ["warga-beranda-desa", `${site}/`],
      ["warga-apbdes", `${site}/apbdes/`],
      ["warga-cari", `${site}/cari/?q=${encodeURIComponent(news.searchWord)}`],
      ["warga-kontak", `${site}/kontak/`],
      ["warga-beranda-portal", `${portal}/`],
      ["warga-direktori", `${portal}/desa/`],
    ]) {
      response = await tab.goto(url, { waitUntil: "load" });
      await step(name, { response });
    }
  } catch (error) {
    await shot("gagal").catch(() => {});
    throw new Error(`step "${current}" failed at ${tab.url()}: ${error.message}`);
  } finally {
    await close();
  }
  const report = JSON.stringify({ steps });
  if (config.screenshots) {
    fs.writeFileSync(path.join(config.screenshots, "report.json"), report);
  }
  process.stdout.write(report);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
