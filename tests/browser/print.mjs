// Printing: serves a built site and prints each page given to A4 PDF as Chromium's
// print dialog would (the theme's @page rules), then reports how many sheets each took.
//
//   node print.mjs PUBLIC_DIR PATH...
//
// Prints one JSON object: { "<path>": pages }. Driven by tests/browser.rs.
import { serveFolder, launchChromium } from "./static-site.mjs";

const [dir, ...paths] = process.argv.slice(2);
if (!dir || paths.length === 0) {
  console.error("usage: node print.mjs PUBLIC_DIR PATH...");
  process.exit(2);
}
const { base, server } = await serveFolder(dir);
const browser = await launchChromium();
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
    // The QR code is a lazy image, hidden on screen: printing must have loaded it.
    const qr = await page.evaluate(() => {
      const img = document.querySelector(".qr-box img.qr");
      return img ? img.complete && img.naturalWidth > 0 : null;
    });
    if (qr === false) {
      console.error(`${p}: the QR code was not loaded for printing`);
      process.exitCode = 1;
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(JSON.stringify(result));
