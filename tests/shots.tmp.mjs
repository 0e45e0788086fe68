import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
const errs = [];
page.on('console', (m) => { if (m.type() === 'error') errs.push(m.text()); });
await page.goto('http://127.0.0.1:4199/');
const LANG = process.argv[2] || 'en';
await page.getByTestId(`lang-${LANG}`).click();
await page.getByTestId('load-demo').click();
await page.waitForTimeout(800);
for (const [name, path] of [['dunning', '/dunning'], ['insurance', '/insurance']]) {
  await page.getByTestId(`nav-${name}`).click();
  await page.waitForTimeout(800);
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(name, h);
  for (let y = 0, k = 0; y < h && k < 8; y += 1100, k++) await page.screenshot({ path: `/tmp/${name}-${LANG}-${k}.png`, fullPage: true, clip: { x: 0, y, width: 1300, height: Math.min(1100, h - y) } });
}
console.log(errs);
await browser.close();
