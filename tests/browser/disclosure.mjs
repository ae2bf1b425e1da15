// Disclosure status in the browser: serves a built site, fixes the page clock, and
// reports what each page's status badges say after gongkai.js ran.
//
//   node disclosure.mjs PUBLIC_DIR NOW_ISO PATH...
//
// Prints one JSON object: { "<path>": { periods: [{text, status, inList}], panelHidden } }.
// Driven by tests/disclosure.rs, which makes the site and checks the result.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [dir, now, ...paths] = process.argv.slice(2);
if (!dir || !now || paths.length === 0) {
  console.error("usage: node disclosure.mjs PUBLIC_DIR NOW_ISO PATH...");
  process.exit(2);
}
const root = path.resolve(dir);
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  if (p.endsWith("/")) p += "index.html";
  const file = path.resolve(root, "." + p);
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  fs.readFile(file, (err, data) => {
    if (err) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
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
