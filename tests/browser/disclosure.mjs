// Disclosure status in the browser: serves a built site, fixes the page clock, and
// reports what each page's status badges say after gongkai.js ran.
//
//   node disclosure.mjs PUBLIC_DIR NOW_ISO PATH...
//
// Prints one JSON object: { "<path>": { periods: [{text, status, inList}], panelHidden } }.
// Driven by tests/disclosure.rs, which makes the site and checks the result.
import { serveFolder, launchChromium } from "./static-site.mjs";

const [dir, now, ...paths] = process.argv.slice(2);
if (!dir || !now || paths.length === 0) {
  console.error("usage: node disclosure.mjs PUBLIC_DIR NOW_ISO PATH...");
  process.exit(2);
}
const { base, server } = await serveFolder(dir);
const browser = await launchChromium();
const result = {};
try {
  // A reader in another time zone still sees the site's days (Asia/Shanghai).
  const context = await browser.newContext({ timezoneId: "America/Los_Angeles" });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(now));
  for (const p of paths) {
    await page.goto(base + p, { waitUntil: "load" });
    result[p] = await page.evaluate(() => {
      const panel = document.querySelector("[data-disclosure-list]");
      return {
        periods: Array.from(document.querySelectorAll("[data-period]")).map((el) => ({
          text: el.textContent.trim(),
          status: el.getAttribute("data-status"),
          visible: !el.closest("[hidden]"),
        })),
        panelHidden: panel ? panel.hidden : null,
      };
    });
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
