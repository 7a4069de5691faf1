// Measures what a first visit to each citizen page transfers over the
// network (compressed bytes, as the browser received them), on a phone-sized
// Chromium with an empty cache. Usage: node bench/transfer.mjs BASE_URL [PATH...]
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const paths = process.argv.length > 3 ? process.argv.slice(3) : ["/", "/gui-phan-anh", "/tra-cuu"];
const budget = 200 * 1024;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
let failed = false;
for (const path of paths) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const urls = new Map();
  const sizes = new Map();
  cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  let total = 0;
  console.log(`\n${path}`);
  for (const [id, bytes] of sizes) {
    total += bytes;
    const url = (urls.get(id) ?? "?").replace(base, "");
    console.log(`  ${(bytes / 1024).toFixed(1).padStart(8)} KB  ${url}`);
  }
  const verdict = total <= budget ? "within" : "OVER";
  if (total > budget) failed = true;
  console.log(`  ${(total / 1024).toFixed(1).padStart(8)} KB  total (${verdict} the 200 KB budget)`);
  await context.close();
}
await browser.close();
process.exit(failed ? 1 : 0);
