// Lighthouse (mobile preset: emulated phone, simulated slow 4G and CPU
// slowdown) on the citizen pages, with Debian's Chromium. Prints the
// performance and accessibility scores against the budgets (90 and 95) and
// exits non-zero when one is missed. Usage: node bench/lighthouse.mjs BASE_URL [PATH...]
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const paths = process.argv.length > 3 ? process.argv.slice(3) : ["/", "/gui-phan-anh", "/tra-cuu", "/phan-anh"];
const budgets = { performance: 90, accessibility: 95 };

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let failed = false;
try {
  console.log("page                      performance  accessibility");
  for (const path of paths) {
    const result = await lighthouse(base + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
    });
    const { categories, audits } = result.lhr;
    const perf = Math.round(categories.performance.score * 100);
    const a11y = Math.round(categories.accessibility.score * 100);
    const miss = perf < budgets.performance || a11y < budgets.accessibility;
    failed ||= miss;
    console.log(`${path.padEnd(26)}${String(perf).padStart(11)}  ${String(a11y).padStart(13)}${miss ? "   BELOW BUDGET" : ""}`);
    if (miss) {
      for (const ref of categories.accessibility.auditRefs) {
        const audit = audits[ref.id];
        if (audit.score !== null && audit.score < 1 && ref.weight > 0) console.log(`    a11y: ${audit.id}: ${audit.title}`);
      }
      for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
        console.log(`    ${id}: ${audits[id].displayValue}`);
      }
    }
  }
} finally {
  await chrome.kill();
}
console.log(`budgets: performance ≥ ${budgets.performance}, accessibility ≥ ${budgets.accessibility}`);
process.exit(failed ? 1 : 0);
