// gongkai serve in a real browser: an open page updates by itself after a save, shows a
// broken save as an overlay over the last good page, and clears it after the fix.
// Usage: node serve.mjs URL FILE   (driven by tests/serve.rs)
import { chromium } from "playwright-core";
import { readFileSync, writeFileSync } from "node:fs";

const [url, file] = process.argv.slice(2);
if (!url || !file) {
  console.error("usage: node serve.mjs URL FILE");
  process.exit(2);
}
const TIMEOUT = 30000;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage();
  await page.goto(url);
  // Wait until the page listens for rebuilds (its events channel said hello).
  await page.waitForFunction(() => document.documentElement.hasAttribute("data-gongkai-generation"), null, { timeout: TIMEOUT });
  const original = readFileSync(file, "utf8");

  // 1. A save shows by itself.
  writeFileSync(file, original.replace(/\n\n[\s\S]*$/, "\n\n浏览器里自动出现的修改。\n"));
  await page.waitForFunction(() => document.body.innerText.includes("浏览器里自动出现的修改。"), null, { timeout: TIMEOUT });
  console.log("edit shown without a manual reload");

  // 2. A broken save: an overlay with file, line and message; the last good page stays.
  writeFileSync(file, original.replace("title:", "titel:"));
  const overlay = await page.waitForSelector("#gongkai-overlay", { timeout: TIMEOUT });
  const text = await overlay.innerText();
  for (const want of ["content/notices/budget.md:2:1", "titel"]) {
    if (!text.includes(want)) throw new Error(`overlay lacks ${want}: ${text}`);
  }
  if (!(await page.innerText("body")).includes("浏览器里自动出现的修改。")) throw new Error("the last good page is gone");
  console.log("overlay shown: " + text.split("\n").find((l) => l.includes("error")));

  // 3. The fix clears the overlay by itself.
  writeFileSync(file, original.replace(/\n\n[\s\S]*$/, "\n\n修好以后的内容。\n"));
  await page.waitForFunction(
    () => document.body.innerText.includes("修好以后的内容。") && !document.getElementById("gongkai-overlay"),
    null, { timeout: TIMEOUT });
  console.log("overlay cleared after the fix");
  console.log("ok");
} catch (e) {
  failed = true;
  console.error("FAILED: " + (e && e.stack ? e.stack : e));
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
