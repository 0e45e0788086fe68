// The embedded self-check on a throttled phone (issue 16's measure): a
// 390×844 touch screen, 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up,
// cache disabled (CDP). Prints the bytes transferred for
// /self-check?embed=1 and the time from navigation to the first question
// visible, median of several runs, as served by tests/serve.mjs (which
// sends the build's precompressed copies), and with compression refused
// (Accept-Encoding: identity) for comparison.
// Usage: [E2E_DIST=dir] node tests/bench/phone-selfcheck.mjs [runs=3]
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config.js';

const runs = Number(process.argv[2] || 3);
const port = 4175;
const server = spawn('node', ['serve.mjs', process.env.E2E_DIST || '../dist', String(port)], { cwd: new URL('..', import.meta.url).pathname, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs });
async function once(identity) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3, locale: 'en-US' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) });
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/self-check?embed=1`, { waitUntil: 'commit' });
  await page.getByTestId('sc-next').waitFor({ state: 'visible', timeout: 120_000 });
  const ms = Date.now() - t0;
  await context.close();
  return { ms, bytes };
}
for (const identity of [false, true]) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await once(identity));
  const ms = median(rs.map((r) => r.ms));
  const bytes = median(rs.map((r) => r.bytes));
  // Issue 16's targets apply to what is served (precompressed brotli).
  const against = identity ? '' : `; target <= 1.5 s and <= 122,880 bytes (120 KB): ${ms <= 1500 && bytes <= 122_880 ? 'met' : 'NOT met'}`;
  console.log(`${identity ? 'uncompressed (identity)' : 'as served (precompressed)'}: first question ${(ms / 1000).toFixed(2)} s, ${bytes} bytes transferred (median of ${runs})${against}`);
}
await browser.close();
server.kill();
