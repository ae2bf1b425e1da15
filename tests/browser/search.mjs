// The search page in headless Chromium, driven by tests/search.rs:
//
//   node search.mjs <built site folder> <cases.json>
//
// Serves the folder under the site's base path, types queries with the keyboard, reads
// the results and compares them with the documents the Rust test computed from the
// sources; checks ?q= links, the live status, 390 px, keyboard use, axe and <noscript>.
// Prints "search.mjs: ok" on success; exits 1 with the failures otherwise.
import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [siteDir, casesFile] = process.argv.slice(2);
const cases = JSON.parse(await readFile(casesFile, "utf8"));
const base = cases.base;
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".bin": "application/octet-stream" };

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  let p = decodeURIComponent(url.pathname);
  if (!p.startsWith(base)) { res.writeHead(404); return res.end(); }
  p = path.join(siteDir, p.slice(base.length));
  if (!p.startsWith(path.resolve(siteDir))) { res.writeHead(403); return res.end(); }
  try {
    if ((await stat(p)).isDirectory()) p = path.join(p, "index.html");
    const body = await readFile(p);
    res.writeHead(200, { "content-type": types[path.extname(p)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const failures = [];
const check = (ok, what) => { if (!ok) failures.push(what); };
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("pageerror", (e) => failures.push("page error: " + e.message));
  await page.goto(origin + base + "search/");

  // Keyboard only: from the top of the page, Tab reaches the search box.
  let focused = "";
  for (let i = 0; i < 20 && focused !== "q"; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  }
  check(focused === "q", "Tab never reached the search box");

  const results = () => page.$$eval("#search-results li h2 a", (as) => as.map((a) => a.getAttribute("href")));
  const status = () => page.textContent("#search-status");
  async function search(q) {
    await page.focus("#q");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    await page.keyboard.type(q);
    await page.keyboard.press("Enter");
    await page.waitForFunction((q) => {
      const s = document.getElementById("search-status").textContent;
      return s && !/搜索…/.test(s) && new URLSearchParams(location.search).get("q") === q;
    }, q);
    // Let the last render land.
    await page.waitForTimeout(50);
  }

  for (const c of cases.queries) {
    await search(c.q);
    const got = await results();
    check(same(got, c.urls), `query ${c.q}: got ${JSON.stringify(got)}, want ${JSON.stringify(c.urls)}`);
    const s = await status();
    check(s.includes(String(c.urls.length)), `query ${c.q}: status "${s}" does not say ${c.urls.length}`);
    check((await page.$$eval("#search-results mark", (m) => m.length)) > 0, `query ${c.q}: nothing highlighted`);
    if (c.attachment) {
      // The match is only in an attachment: the result names it, and the excerpt is
      // cut from its text with the query marked.
      const ex = await page.textContent("#search-results li .search-excerpt");
      check(ex.startsWith(c.attachment + " "), `query ${c.q}: excerpt "${ex}" does not start with "${c.attachment}"`);
      const marks = await page.$$eval("#search-results li .search-excerpt mark", (m) => m.map((x) => x.textContent));
      check(marks.includes(c.q), `query ${c.q}: the excerpt marks ${JSON.stringify(marks)}`);
    }
    if (c.withdrawn) check((await page.textContent("#search-results")).includes("已撤销"), `query ${c.q}: withdrawn not marked`);
  }
  check((await page.getAttribute("#search-status", "aria-live")) === "polite", "status is not aria-live");

  // Keyboard: Tab from the box reaches the first result link; Enter opens it.
  await search(cases.queries[0].q);
  let onLink = false;
  for (let i = 0; i < 12 && !onLink; i++) {
    await page.keyboard.press("Tab");
    onLink = await page.evaluate(() => !!document.activeElement.closest("#search-results"));
  }
  check(onLink, "Tab never reached a result");
  if (onLink) {
    const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === href);
    check(new URL(page.url()).pathname === href, "Enter on a result did not open it");
  }

  // No match.
  await page.goto(origin + base + "search/");
  await search(cases.none);
  check((await results()).length === 0, "a query with no match listed results");
  check((await status()).includes(cases.none), "no-match status does not repeat the query");

  // 390 px: nothing wider than the screen.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= 390, `page is ${wide}px wide at 390px`);

  // A shared link runs its query on load.
  const shared = await context.newPage();
  await shared.goto(origin + base + "search/?q=" + encodeURIComponent(cases.shared.q));
  await shared.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0 || /没有/.test(document.getElementById("search-status").textContent));
  const sharedGot = await shared.$$eval("#search-results li h2 a", (as) => as.map((a) => a.getAttribute("href")));
  check(same(sharedGot, cases.shared.urls), `?q=${cases.shared.q}: got ${JSON.stringify(sharedGot)}`);
  check((await shared.inputValue("#q")) === cases.shared.q, "?q= did not fill the search box");

  // Accessibility of the search region with results shown.
  await shared.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const axe = await shared.evaluate(async () => {
    const r = await window.axe.run("#main", { runOnly: ["wcag2a", "wcag2aa"] });
    return r.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", "));
  });
  check(axe.length === 0, "axe: " + axe.join("; "));

  // Without JavaScript: the page says search needs it; other pages still work.
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const np = await nojs.newPage();
  await np.goto(origin + base + "search/");
  check((await np.textContent("body")).includes("JavaScript"), "no <noscript> message without JavaScript");
  const home = await np.goto(origin + base);
  check(home.ok(), "home page fails without JavaScript");
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.log("search.mjs: FAILED\n- " + failures.join("\n- "));
  process.exit(1);
}
console.log("search.mjs: ok");
