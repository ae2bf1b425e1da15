// Browser checks of a built gongkai site in headless Chromium:
//
//   node pages.mjs <built folder> [--base /sub/path/] [--shots <folder>]
//
// - at 390 px (and 360 px for one page of each kind) no page scrolls sideways;
// - axe-core finds no serious or critical violation on one page of each kind, light and dark;
// - printing hides the navigation and shows the QR code and the source hash;
// - the large-text mode is remembered across a reload;
// - without JavaScript the pages still show their content.
// With --shots, full-page PNGs at 390 px and 1280 px (light and dark) are written there.
// Exit status 1 when any check fails; every failure is printed.

import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
const root = path.resolve(args[0] || "public");
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
let base = opt("--base") || "/";
if (!base.endsWith("/")) base += "/";
const shots = opt("--shots");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png",
  ".md": "text/markdown; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf",
};

// A tiny static server for the built folder, mounted at the site's base path.
function serve() {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!p.startsWith(base)) { res.writeHead(404); res.end(); return; }
    p = p.slice(base.length);
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(fs.existsSync(path.join(root, "404.html")) ? fs.readFileSync(path.join(root, "404.html")) : "");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Every page of the site as a site path, with its kind from <body data-kind>.
function pages() {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name === "index.html" || e.name === "404.html") {
        const html = fs.readFileSync(f, "utf8");
        const m = html.match(/<body[^>]*data-kind="([^"]+)"/);
        let rel = path.relative(root, f).split(path.sep).join("/");
        rel = e.name === "index.html" ? rel.slice(0, -"index.html".length) : rel;
        out.push({ path: rel, kind: m ? m[1] : "unknown", html });
      }
    }
  };
  walk(root);
  return out;
}

// One page of each kind; for documents, a plan with a schedule and a notice too.
function representatives(all) {
  const pick = new Map();
  const want = (key, p) => { if (!pick.has(key)) pick.set(key, p); };
  for (const p of all) {
    if (p.kind === "document") {
      if (p.html.includes('class="schedule"')) want("document-plan", p);
      if (p.html.includes("data-period")) want("document-notice", p);
      if (p.html.includes("banner-withdrawn")) want("document-withdrawn", p);
      if (p.html.includes('class="corrections"')) want("document-corrected", p);
      if (p.html.includes('class="attachments"')) want("document-attachments", p);
      if (p.html.includes('class="table-preview"')) want("document-preview", p);
      want("document", p);
    } else if (p.kind === "section" || p.kind === "category") {
      want(p.path.includes("/page/") ? p.kind + "-page2" : p.kind, p);
    } else {
      want(p.kind, p);
    }
  }
  return [...pick.entries()];
}

const failures = [];
const fail = (msg) => { failures.push(msg); console.log("FAIL " + msg); };
const ok = (msg) => console.log("ok   " + msg);

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const url = (p) => origin + base + p.split("/").map(encodeURIComponent).join("/");
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

try {
  const all = pages();
  const reps = representatives(all);
  console.log(`${all.length} pages; kinds: ${reps.map(([k]) => k).join(", ")}`);
  for (const kind of ["home", "section", "document", "categories", "category", "archive", "year", "month"]) {
    if (!reps.some(([k]) => k === kind)) fail(`no page of kind ${kind} in ${root}`);
  }

  // 1. No sideways scrolling on phones.
  for (const width of [390, 360]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await ctx.newPage();
    const list = width === 390 ? all : reps.map(([, p]) => p);
    for (const p of list) {
      await page.goto(url(p.path));
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (sw > iw) fail(`${width}px: /${p.path} scrolls sideways (scrollWidth ${sw} > ${iw})`);
    }
    ok(`${width}px: ${list.length} pages checked for sideways scrolling`);
    await ctx.close();
  }

  // 2. Accessibility, light and dark.
  for (const scheme of ["light", "dark"]) {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, colorScheme: scheme });
    const page = await ctx.newPage();
    for (const [kind, p] of reps) {
      await page.goto(url(p.path));
      await page.addScriptTag({ content: AXE });
      const res = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + (n.failureSummary || "").split("\n").slice(1, 2).join("")) }));
      });
      const bad = res.filter((v) => v.impact === "serious" || v.impact === "critical");
      for (const v of bad) fail(`axe ${scheme} ${kind} /${p.path}: ${v.impact} ${v.id}: ${v.help}\n       ${v.nodes.join("\n       ")}`);
      const minor = res.filter((v) => !bad.includes(v));
      if (minor.length) console.log(`     (axe ${scheme} ${kind}: minor ${minor.map((v) => v.id).join(", ")})`);
    }
    ok(`axe ${scheme}: ${reps.length} pages`);
    await ctx.close();
  }

  // 3. Print: no navigation; the QR code and the source hash are shown.
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const docs = reps.filter(([k]) => k.startsWith("document")).map(([, p]) => p);
    for (const p of docs) {
      await page.goto(url(p.path));
      await page.emulateMedia({ media: "print" });
      const r = await page.evaluate(() => {
        const shown = (sel) => {
          const el = document.querySelector(sel);
          if (!el) return null;
          const b = el.getBoundingClientRect();
          return getComputedStyle(el).display !== "none" && getComputedStyle(el).visibility !== "hidden" && b.width > 0 && b.height > 0;
        };
        return {
          nav: shown(".site-nav"), header: shown(".site-header"), footer: shown(".site-footer"), prevNext: shown(".prev-next"),
          qr: shown(".qr-box .qr"), hash: shown(".hash code"), hashText: (document.querySelector(".hash code") || {}).textContent || "",
          signature: shown(".signature"), title: shown("h1"),
        };
      });
      if (r.nav) fail(`print /${p.path}: the navigation is shown`);
      if (r.header) fail(`print /${p.path}: the site header is shown`);
      if (r.footer) fail(`print /${p.path}: the site footer is shown`);
      if (r.prevNext) fail(`print /${p.path}: previous/next links are shown`);
      if (!r.qr) fail(`print /${p.path}: no QR code`);
      if (!r.hash || !/^[0-9a-f]{12}$/.test(r.hashText.trim())) fail(`print /${p.path}: no 12-character source hash (${r.hashText})`);
      if (!r.signature) fail(`print /${p.path}: no issuer and date at the foot`);
      if (!r.title) fail(`print /${p.path}: no title`);
      await page.emulateMedia({ media: "screen" });
      const qrOnScreen = await page.evaluate(() => {
        const el = document.querySelector(".qr-box .qr");
        return !!el && el.getBoundingClientRect().width > 0;
      });
      if (qrOnScreen) fail(`screen /${p.path}: the print-only QR code is shown on screen`);
    }
    ok(`print: ${docs.length} document pages`);
    await ctx.close();
  }

  // 4. Large text: switched on, remembered across a reload, switched off again.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await ctx.newPage();
    const home = reps.find(([k]) => k === "home")[1];
    const doc = (reps.find(([k]) => k === "document") || reps[0])[1];
    await page.goto(url(home.path));
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main")).fontSize));
    const before = await size();
    const toggle = page.locator("[data-large-toggle]");
    if (!(await toggle.isVisible())) fail("large text: the toggle is not visible");
    else {
      if ((await toggle.getAttribute("aria-pressed")) !== "false") fail("large text: the toggle starts pressed");
      await toggle.click();
      const on = await size();
      if (!(on > before)) fail(`large text: the font did not grow (${before} → ${on})`);
      await page.reload();
      const after = await size();
      const pressed = await toggle.getAttribute("aria-pressed");
      if (after !== on || pressed !== "true") fail(`large text: not remembered after a reload (${after}px, aria-pressed ${pressed})`);
      await page.goto(url(doc.path));
      if ((await size()) <= before) fail("large text: not remembered on another page");
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (sw > iw) fail(`large text: /${doc.path} scrolls sideways at 390px (${sw} > ${iw})`);
      await page.locator("[data-large-toggle]").click();
      await page.reload();
      if ((await size()) !== before) fail("large text: switching it off is not remembered");
      ok(`large text: ${before}px → ${on}px, remembered across a reload`);
    }
    await ctx.close();
  }

  // 4b. The home page's open list is refreshed for today: only notices open today show.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(url(reps.find(([k]) => k === "home")[1].path));
    const r = await page.evaluate(() => {
      const list = document.querySelector("[data-disclosure-list]");
      if (!list) return null;
      if (!document.querySelector("[data-disclosure-empty]")) return { wrong: 0, visible: 1, emptyShown: false };
      const visible = [...list.querySelectorAll("li")].filter((li) => li.getBoundingClientRect().height > 0);
      const empty = document.querySelector("[data-disclosure-empty]");
      return {
        wrong: visible.filter((li) => li.querySelector("[data-period]").getAttribute("data-status") !== "open").length,
        visible: visible.length,
        emptyShown: !!empty && empty.getBoundingClientRect().height > 0,
      };
    });
    if (!r) ok("home: no notice in or before its disclosure period");
    else {
      if (r.wrong) fail(`home: ${r.wrong} notice(s) listed as open that are not open today`);
      if ((r.visible === 0) !== r.emptyShown) fail(`home: the "nothing open" line is wrong (${r.visible} shown, line shown: ${r.emptyShown})`);
      ok(`home: ${r.visible} notice(s) open today`);
    }
    await ctx.close();
  }

  // 4c. Keyboard: the first Tab shows the skip link with a visible focus ring; it leads to main.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(url(reps.find(([k]) => k === "home")[1].path));
    await page.keyboard.press("Tab");
    const r = await page.evaluate(() => {
      const a = document.activeElement;
      const b = a.getBoundingClientRect();
      const st = getComputedStyle(a);
      return { cls: a.className, inView: b.left >= 0 && b.top >= 0 && b.width > 0, outline: st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2 };
    });
    if (r.cls !== "skip-link" || !r.inView) fail(`keyboard: the first Tab does not show the skip link (${r.cls})`);
    if (!r.outline) fail("keyboard: the focused skip link has no visible focus ring");
    await page.keyboard.press("Enter");
    const inMain = await page.evaluate(() => document.activeElement.id === "main" || location.hash === "#main");
    if (!inMain) fail("keyboard: the skip link does not lead to main");
    await page.keyboard.press("Tab");
    const next = await page.evaluate(() => { const a = document.activeElement; const st = getComputedStyle(a); return { inMain: !!a.closest("main"), outline: st.outlineStyle !== "none" && parseFloat(st.outlineWidth) >= 2 }; });
    if (!next.inMain || !next.outline) fail(`keyboard: after the skip link, Tab does not reach a visibly focused link in main (${JSON.stringify(next)})`);
    ok("keyboard: skip link, focus ring");
    await ctx.close();
  }

  // 5. Without JavaScript: content is there, the toggle (which needs JS) is hidden.
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const [kind, p] of reps) {
      await page.goto(url(p.path));
      const r = await page.evaluate(() => ({
        h1: (document.querySelector("h1") || {}).textContent || "",
        toggle: !!document.querySelector("[data-large-toggle]") && document.querySelector("[data-large-toggle]").getBoundingClientRect().width > 0,
      }));
      if (!r.h1.trim()) fail(`no JavaScript: ${kind} /${p.path} has no heading`);
      if (r.toggle) fail(`no JavaScript: ${kind} shows a large-text button that cannot work`);
    }
    ok(`no JavaScript: ${reps.length} pages`);
    await ctx.close();
  }

  // 6. Screenshots for a person to look at.
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    for (const [width, scheme] of [[390, "light"], [1280, "light"], [390, "dark"]]) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
      const page = await ctx.newPage();
      for (const [kind, p] of reps) {
        await page.goto(url(p.path));
        // In pieces of at most 1000 px, so that each can be looked at at full size.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const step = width > 800 ? 900 : 1000;
        for (let i = 0, y = 0; y < height && i < 4; i++, y += step) {
          const clip = { x: 0, y, width, height: Math.min(step, height - y) };
          await page.screenshot({ path: path.join(shots, `${kind}-${width}-${scheme}-${i + 1}.png`), fullPage: true, clip });
        }
      }
      await ctx.close();
    }
    ok(`screenshots in ${shots}`);
  }
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.log(`\n${failures.length} failure(s)`);
  process.exit(1);
}
console.log("\nall browser checks passed");
