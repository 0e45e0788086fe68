// Browser benchmark of the built app (dist/) in Debian's headless Chromium:
// how long the user waits for each action, measured in the page from the
// event to the next animation frame (the DOM is updated by then). Median of
// several runs. Usage: [E2E_DIST=dir] node tests/bench/app-bench.mjs [runs=5]
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config.js';

const runs = Number(process.argv[2] || 5);
const port = 4174;
const server = spawn('node', ['serve.mjs', process.env.E2E_DIST || '../dist', String(port)], { cwd: new URL('..', import.meta.url).pathname, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
const record = (name, ms) => (results[name] ||= []).push(ms);

// Runs an action in the page and waits for the frame after it.
const timed = (page, fn, arg) =>
  page.evaluate(
    async ([src, a]) => {
      const t0 = performance.now();
      await (0, eval)(src)(a);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    [fn.toString(), arg],
  );
const click = (sel) => document.querySelector(sel).click();
const setDate = (iso) => {
  const el = document.querySelector('[data-testid=as-of]');
  el.value = iso;
  el.dispatchEvent(new Event('change', { bubbles: true }));
};
const select = ([sel, v]) => {
  const el = document.querySelector(sel);
  el.value = v;
  el.dispatchEvent(new Event('change', { bubbles: true }));
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs });
try {
  for (let k = 0; k < runs; k++) {
    const ctx = await browser.newContext({ locale: 'en-US' });
    const page = await ctx.newPage();
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByTestId('empty-state').waitFor();
    record('first load to interactive (ms, incl. navigation)', Date.now() - t0);
    record('load demo, 3,000 invoices: generate + index + reports', await timed(page, click, '[data-testid=empty-load-demo]'));
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId('empty-state').waitFor();
    record('load large demo, 100,000 invoices: generate + index + reports', await timed(page, click, '[data-testid=load-large-demo]'));
    const today = await page.getByTestId('as-of').inputValue();
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 30);
    record('100k: change as-of date → ageing + KPIs redrawn', await timed(page, setDate, d.toISOString().slice(0, 10)));
    record('100k: open the invoice list (filter + first page)', await timed(page, click, '[data-testid=nav-invoices]'));
    await page.getByTestId('invoice-row').first().waitFor();
    record('100k: filter invoices by status', await timed(page, select, ['[data-testid=filter-status]', 'overdue']));
    record('100k: next page', await timed(page, click, '[data-testid=page-next]'));
    record('100k: open the customer list (2,000 buyers)', await timed(page, click, '[data-testid=nav-customers]'));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = (await cdp.send('Performance.getMetrics')).metrics;
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    record('JS heap used after the walk (MB)', heap / 1048576);
    const wasmMb = await page.evaluate(() => {
      // The wasm linear memory is outside the JS heap; trunk's loader keeps
      // the module's exports on window.wasmBindings' init result when present.
      const m = globalThis.__credit_wasm_memory;
      return m ? m.buffer.byteLength / 1048576 : null;
    });
    if (wasmMb !== null) record('wasm linear memory (MB)', wasmMb);
    await ctx.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`browser benchmark, Chromium headless, median of ${runs} runs:`);
for (const [name, xs] of Object.entries(results)) console.log(`  ${name.padEnd(64)} ${median(xs).toFixed(1)}`);
