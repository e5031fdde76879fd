// Lighthouse runs for benchmarks/lighthouse_audit.py, all in one Node.js process and one Chromium:
// the command line would start both again for every run, about 5 s each, 40 times an audit.
// Lighthouse opens each run in a new tab and clears the site's storage and cache before it.
//
// Reads from stdin: {"chromePath": ..., "chromeFlags": [...], "metrics": [...], "runs": [{"url": ..., "preset": "desktop" | "mobile"}]}
// Writes to stdout, a line per run as it ends: {"url", "preset", "categories": {id: {"score"}}, "audits": {metric: {"displayValue"}}}
import { text } from "node:stream/consumers";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";

// Mobile is Lighthouse's default configuration.
const CONFIGS = { desktop: desktopConfig, mobile: undefined };
// Lighthouse sometimes loses its own trace (NO_NAVSTART): 6 times in 5 audits of 40 runs on
// 7 December 2026, twice in a row at times, in a Chromium started afresh too. That
// run measured nothing, so it runs again, up to five times; a low score is never retried.
const ATTEMPTS = 5;

async function audit(port, url, preset) {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const { lhr } = await lighthouse(url, { port, output: "json", logLevel: "error", disableFullPageScreenshot: true }, CONFIGS[preset]);
    if (!lhr.runtimeError) return lhr;
    console.error(`Lighthouse failed on ${url} (attempt ${attempt} of ${ATTEMPTS}): ${lhr.runtimeError.code}`);
  }
  throw new Error(`Lighthouse could not audit ${url}`);
}

const { chromePath, chromeFlags, metrics, runs } = JSON.parse(await text(process.stdin));
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
try {
  for (const { url, preset } of runs) {
    const lhr = await audit(chrome.port, url, preset);
    const categories = Object.fromEntries(Object.entries(lhr.categories).map(([id, { score }]) => [id, { score }]));
    const audits = Object.fromEntries(metrics.map((id) => [id, { displayValue: lhr.audits[id].displayValue }]));
    process.stdout.write(JSON.stringify({ url, preset, categories, audits }) + "\n");
  }
} finally {
  chrome.kill();
}
