// Ledger import benchmark of the built app in Debian's headless Chromium:
// a 100,000-row and a 1,000,000-row invoice CSV imported through /import
// (file input → worker reads, splits and checks → commit → worker merges,
// encodes and writes IndexedDB), then the page reloaded (cold load of the
// stored portfolio to the dashboard). Figures: the worker's own timings
// (data-ms attributes), wall time in the page, window.__credit_timings, the
// longest gap between ticks of a 16 ms timer on the page's main thread (the
// page must stay responsive) and the peak memory of all of Chromium's
// processes (RSS and PSS summed, sampled from /proc every 250 ms).
//
// The 1M CSV is the one `cargo bench -p credit-core --bench import` writes
// (target/import_bench.csv); the 100k CSV is made from its first 100,000 rows
// next to it. Run from tests/:
//   node bench/ledger-bench.mjs [dist=../dist] [csv=../target/import_bench.csv] [more.csv…]
// LEDGER_BENCH_TIMEOUT_S (default 600) bounds each wait; LEDGER_BENCH_VERBOSE=1
// prints the steps. A failed size leaves a screenshot in /tmp.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { chromium } from '@playwright/test';
import { chromiumArgs } from '../playwright.config.js';

const testsDir = new URL('..', import.meta.url).pathname;
const dist = path.resolve(process.argv[2] || process.env.E2E_DIST || path.join(testsDir, '../dist'));
const big = path.resolve(process.argv[3] || path.join(testsDir, '../target/import_bench.csv'));
const port = Number(process.env.LEDGER_BENCH_PORT || 4175);
const waitMs = Number(process.env.LEDGER_BENCH_TIMEOUT_S || 600) * 1000;
const step = (s) => process.env.LEDGER_BENCH_VERBOSE && console.error(`    ${new Date().toISOString().slice(11, 19)} ${s}`);

if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`no build in ${dist} (trunk build --release)`);
if (!fs.existsSync(big)) throw new Error(`no CSV at ${big}: run \`cargo bench -p credit-core --bench import\` once`);

// The first 100,000 rows of the big file, header kept; remade when older.
async function head(src, rows) {
  const dst = path.join(path.dirname(src), `${path.basename(src, '.csv')}_${rows / 1000}k.csv`);
  if (fs.existsSync(dst) && fs.statSync(dst).mtimeMs >= fs.statSync(src).mtimeMs) return dst;
  const out = fs.createWriteStream(`${dst}.tmp`);
  const rl = readline.createInterface({ input: fs.createReadStream(src), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
    if (++n > rows) break;
  }
  rl.close();
  await new Promise((r) => out.end(r));
  fs.renameSync(`${dst}.tmp`, dst);
  return dst;
}

// Memory of every process below this one except the static server: the
// browser, its zygotes, renderers, GPU and utility processes.
function descendants(root, skip) {
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch {}
  }
  const out = [];
  const stack = [...(kids.get(root) || [])];
  while (stack.length) {
    const p = stack.pop();
    if (skip.has(p)) continue;
    out.push(p);
    stack.push(...(kids.get(p) || []));
  }
  return out;
}
function memoryNow(skip) {
  let rss = 0;
  let pss = 0;
  for (const p of descendants(process.pid, skip)) {
    try {
      const r = fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(r)?.[1] || 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(r)?.[1] || 0);
    } catch {
      try {
        rss += Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] || 0);
      } catch {}
    }
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

// Installed before the app's scripts on every navigation: a 16 ms timer on
// the main thread noting every late tick, and the moments import-done and
// ageing-total first appear.
const probe = () => {
  const b = (window.__bench = { gaps: [], marks: {} });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 20) b.gaps.push([now, now - last]);
    last = now;
  }, 16);
  const seen = () => {
    for (const id of ['import-summary', 'import-done', 'ageing-total', 'import-failure', 'report-error']) {
      if (!(id in b.marks) && document.querySelector(`[data-testid=${id}]`)) b.marks[id] = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
};
// The longest gap between ticks in the window (from, to] (gap end times).
const longest = (gaps, from, to) =>
  gaps.filter(([end, gap]) => end > from && end - gap < to).reduce((m, [, g]) => Math.max(m, g), 0);

const server = spawn('node', ['serve.mjs', dist, String(port)], { cwd: testsDir, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));

const sizes = [
  ['100k', await head(big, 100_000)],
  ['1M', big],
  // Further CSV files (e.g. the CNY rows only, whose dashboard can be aged
  // without exchange rates), labelled by their file name.
  ...process.argv.slice(4).map((f) => [path.basename(f, '.csv').replace(/^import_bench_?/, '') || f, path.resolve(f)]),
];
const results = [];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs });
let peak = null;
const sampler = setInterval(() => {
  if (!peak) return;
  const m = memoryNow(new Set([server.pid]));
  peak.rss = Math.max(peak.rss, m.rss);
  peak.pss = Math.max(peak.pss, m.pss);
}, 250);
try {
  for (const [label, csv] of sizes) {
    const mb = fs.statSync(csv).size / 1e6;
    console.error(`--> ${label}: ${csv} (${mb.toFixed(0)} MB)`);
    const ctx = await browser.newContext({ locale: 'en-US' });
    await ctx.addInitScript(probe);
    const page = await ctx.newPage();
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    page.on('worker', (w) => w.on('console', (m) => consoleLines.push(`[worker ${m.type()}] ${m.text()}`)));
    const r = { label, mb };
    const dashboard = page.locator('[data-testid=ageing-total], [data-testid=report-error]');
    try {
      await page.goto(`http://127.0.0.1:${port}/import`);
      await page.getByTestId('import-file').waitFor({ state: 'attached' });
      await page.getByTestId('import-target').selectOption('new');
      await page.getByTestId('import-new-name').fill(`bench ${label}`);
      peak = { rss: 0, pss: 0 };
      const base = memoryNow(new Set([server.pid]));
      r.baseRss = base.rss;
      const tSet = await page.evaluate(() => performance.now());
      const w0 = Date.now();
      step('set files');
      await page.getByTestId('import-file').setInputFiles(csv);
      await page.locator('[data-testid=import-summary], [data-testid=import-failure]').first().waitFor({ timeout: waitMs });
      if (await page.getByTestId('import-failure').count()) throw new Error(`import failed: ${await page.getByTestId('import-failure').innerText()}`);
      step('summary');
      r.readSplitMs = Number(await page.getByTestId('file-info').getAttribute('data-ms'));
      r.checkMs = Number(await page.getByTestId('import-summary').getAttribute('data-ms'));
      r.rows = await page.getByTestId('summary-rows').innerText();
      r.errorRows = Number((await page.getByTestId('summary-error-rows').innerText()).replace(/\D/g, ''));
      const commit = page.getByTestId('import-commit');
      if (await commit.isEnabled()) await commit.click();
      else {
        r.note = `${r.errorRows} rows with errors: imported the valid rows only`;
        await page.getByTestId('import-valid-only').click();
      }
      step('committing');
      await page.locator('[data-testid=import-done], [data-testid=import-failure]').first().waitFor({ timeout: waitMs });
      r.wallNodeS = (Date.now() - w0) / 1000;
      if (await page.getByTestId('import-failure').count()) throw new Error(`commit failed: ${await page.getByTestId('import-failure').innerText()}`);
      r.mergeMs = Number(await page.getByTestId('import-done').getAttribute('data-merge-ms'));
      r.saveMs = Number(await page.getByTestId('import-done').getAttribute('data-save-ms'));
      r.peakImportRss = peak.rss;
      // The page loads the stored portfolio itself after the commit.
      await page.waitForFunction(() => window.__credit_timings?.load_ms !== undefined, null, { timeout: waitMs });
      step('stored portfolio loaded');
      const a = await page.evaluate(() => window.__bench);
      r.wallS = (a.marks['import-done'] - tSet) / 1000;
      r.gapImportMs = longest(a.gaps, tSet, a.marks['import-done']);
      await page.getByTestId('import-open-dashboard').click();
      await dashboard.first().waitFor({ timeout: waitMs });
      const b = await page.evaluate(() => ({ ...window.__bench, timings: { ...window.__credit_timings }, now: performance.now() }));
      r.gapAfterMs = longest(b.gaps, b.marks['import-done'], b.now);
      r.afterImport = b.timings;
      r.wasmMb = await page.evaluate(() => globalThis.__credit_wasm_memory?.buffer.byteLength / 1048576 || null);
      // Cold load: reload → the stored portfolio on the dashboard.
      const l0 = Date.now();
      step('reload');
      await page.reload();
      await dashboard.first().waitFor({ timeout: waitMs });
      r.reloadNodeMs = Date.now() - l0;
      const c = await page.evaluate(() => ({ ...window.__bench, timings: { ...window.__credit_timings } }));
      // The dashboard of a portfolio in several currencies without rates
      // shows why the report cannot be computed instead of the ageing.
      if (await page.getByTestId('report-error').count()) r.dashboard = `report-error: ${(await page.getByTestId('report-error').innerText()).replace(/\s+/g, ' ')}`;
      r.reloadMs = c.marks['ageing-total'] ?? c.marks['report-error'];
      r.loadMs = c.timings.load_ms;
      r.indexMs = c.timings.index_ms;
      r.gapReloadMs = longest(c.gaps, 0, r.reloadMs);
      r.wasmReloadMb = await page.evaluate(() => globalThis.__credit_wasm_memory?.buffer.byteLength / 1048576 || null);
      r.peakRss = peak.rss;
      r.peakPss = peak.pss;
    } catch (e) {
      r.error = String(e.message || e).split('\n')[0];
      r.peakRss = peak?.rss;
      r.peakPss = peak?.pss;
      console.error(`${label}: ${e.message}`);
      await page.screenshot({ path: `/tmp/ledger-bench-${label}.png`, fullPage: true }).catch(() => {});
      console.error(consoleLines.slice(-40).join('\n'));
    }
    peak = null;
    results.push(r);
    console.error(JSON.stringify(r));
    await ctx.close();
  }
} finally {
  clearInterval(sampler);
  await browser.close();
  server.kill();
}

const f = (x, d = 0) => (x === undefined || x === null || Number.isNaN(x) ? '—' : Number(x).toFixed(d));
const cols = [
  ['read+split ms', (r) => f(r.readSplitMs)],
  ['check ms', (r) => f(r.checkMs)],
  ['merge ms', (r) => f(r.mergeMs)],
  ['save ms', (r) => f(r.saveMs)],
  ['parse+import s', (r) => f(r.wallS, 2)],
  ['load ms', (r) => f(r.loadMs)],
  ['index ms', (r) => f(r.indexMs)],
  ['reload→dashboard ms', (r) => f(r.reloadMs)],
  ['max gap import ms', (r) => f(r.gapImportMs)],
  ['max gap load ms', (r) => f(Math.max(r.gapAfterMs ?? 0, r.gapReloadMs ?? 0))],
  ['peak RSS MB', (r) => f(r.peakRss)],
  ['peak PSS MB', (r) => f(r.peakPss)],
];
console.log(`ledger import benchmark, Chromium headless (${dist}):`);
console.log(['rows'.padEnd(6), ...cols.map(([h]) => h.padStart(h.length + 1))].join(' '));
for (const r of results) console.log([r.label.padEnd(6), ...cols.map(([h, g]) => g(r).padStart(h.length + 1))].join(' '));
console.log('targets: parse+import 1M ≤ 6 s; save 100k ≤ 0.5 s, load 100k ≤ 0.3 s; save 1M ≤ 3 s, load 1M ≤ 2 s');
const target = (ok, what) => console.log(`  ${ok === undefined ? '?   ' : ok ? 'met ' : 'MISS'} ${what}`);
const by = Object.fromEntries(results.map((r) => [r.label, r]));
const le = (x, t) => (x === undefined || x === null || Number.isNaN(x) ? undefined : x <= t);
target(le(by['1M']?.wallS, 6), `parse + import 1M: ${f(by['1M']?.wallS, 2)} s (≤ 6 s)`);
target(le(by['100k']?.saveMs, 500), `save 100k: ${f(by['100k']?.saveMs)} ms (≤ 500 ms)`);
target(le(by['100k']?.loadMs, 300), `load 100k: ${f(by['100k']?.loadMs)} ms (≤ 300 ms)`);
target(le(by['1M']?.saveMs, 3000), `save 1M: ${f(by['1M']?.saveMs)} ms (≤ 3000 ms)`);
target(le(by['1M']?.loadMs, 2000), `load 1M: ${f(by['1M']?.loadMs)} ms (≤ 2000 ms)`);
for (const r of results) {
  console.log(
    `  ${r.label}: ${r.rows ?? '?'} rows, ${f(r.mb)} MB; wall in node ${f(r.wallNodeS, 2)} s; after import load ${f(r.afterImport?.load_ms)} ms + index ${f(r.afterImport?.index_ms)} ms; reload in node ${f(r.reloadNodeMs)} ms; ` +
      `peak RSS during import ${f(r.peakImportRss)} MB (before ${f(r.baseRss)} MB); main wasm memory ${f(r.wasmMb)} MB (after reload ${f(r.wasmReloadMb)} MB)` +
      (r.note ? `; ${r.note}` : '') +
      (r.dashboard ? `; dashboard: ${r.dashboard}` : '') +
      (r.error ? `; FAILED: ${r.error}` : ''),
  );
}
if (results.some((r) => r.error)) process.exitCode = 1;
