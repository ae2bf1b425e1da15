// Printing: serves a built site and prints each page given to A4 PDF as Chromium's
// print dialog would (the theme's @page rules), then reports how many sheets each took.
//
//   node print.mjs PUBLIC_DIR PATH...
//
// Prints one JSON object: { "<path>": pages }. Driven by tests/browser.rs.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [dir, ...paths] = process.argv.slice(2);
if (!dir || paths.length === 0) {
  console.error("usage: node print.mjs PUBLIC_DIR PATH...");
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
  const page = await browser.newPage();
  for (const p of paths) {
    await page.goto(base + p, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    // Each sheet is one page object: `/Type /Page` (the tree's root is `/Pages`).
    const text = pdf.toString("latin1");
    result[p] = (text.match(/\/Type\s*\/Page(?!s)/g) || []).length;
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
