// One-off screenshots while designing: node shot.mjs <built folder> <base> <out.png> <site path> [width] [dark|light|print]
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
const [root, base, out, sitePath, width = "390", mode = "light"] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname).slice(base.length);
  let f = path.join(root, p);
  if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, "index.html");
  if (!fs.existsSync(f)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { "content-type": f.endsWith(".css") ? "text/css" : f.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8" });
  res.end(fs.readFileSync(f));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ viewport: { width: +width, height: 1000 }, colorScheme: mode === "dark" ? "dark" : "light" });
const page = await ctx.newPage();
await page.goto(`http://127.0.0.1:${server.address().port}${base}${sitePath}`);
if (mode === "print") await page.emulateMedia({ media: "print" });
if (mode === "large") { await page.click("[data-large-toggle]"); }
const y = process.env.SEL ? Math.max(0, Math.round(await page.evaluate((s) => document.querySelector(s).getBoundingClientRect().top + scrollY - 20, process.env.SEL))) : +(process.env.Y || 0);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y, width: +width, height: Math.min(1000, h - y) } });
await browser.close();
server.close();
