// Takes the "after" pictures of tests/review/issue-22 from the release
// build in dist/ (run from tests/: node review/issue-22/shoot.mjs). The
// clock is fixed at 3 December 2026, so the demo and its alerts are the
// ones the screenshot baselines show.
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../../playwright.config.js';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const port = 4399;
const server = spawn('node', ['serve.mjs', '../dist', String(port)], { cwd: path.join(here, '../..'), stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs });
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-12-03T09:00:00'));
  await page.goto(`http://127.0.0.1:${port}/?lang=en`);
  await page.getByTestId('load-demo').click();
  await page.getByTestId('ageing-total').waitFor();
  await page.getByTestId('nav-alerts').click();
  await page.locator('main h1').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(here, 'after-alerts-laptop-1366.png'), animations: 'disabled', caret: 'hide' });
} finally {
  await browser.close();
  server.kill();
}
