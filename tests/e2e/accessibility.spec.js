// The accessibility check (issue 22): axe-core (npm, pinned in
// package-lock.json) on every page in both languages, on a laptop and on a
// phone with its menu open: no serious or critical violation.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppPage } from './pages/index.js';
import { PAGES, openPage } from './pages/walk.js';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The serious and critical violations on the page as it stands, one line each. */
async function violations(page, where) {
  // Evaluated through the DevTools protocol: the page's CSP (no inline
  // script) stays as it is.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`);
  });
  return found.map((f) => `${where}: ${f}`);
}

for (const lang of ['en', 'zh']) {
  test(`every page passes the accessibility check in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const app = new AppPage(page);
    await app.goto(`/?lang=${lang}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    const found = await violations(page, 'empty dashboard');
    await app.loadDemo();
    for (const which of PAGES) {
      await openPage(app, page, which);
      await page.waitForTimeout(150);
      found.push(...(await violations(page, which)));
    }
    expect(found).toEqual([]);
    await context.close();
  });

  test(`a phone with the menu open, meeting mode and the embed pass it in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const app = new AppPage(page);
    await app.goto(`/?lang=${lang}`);
    await app.loadDemo();
    await page.getByTestId('menu-toggle').tap();
    await expect(page.getByTestId('nav-alerts')).toBeVisible();
    const found = await violations(page, 'menu');
    await app.nav('meeting');
    found.push(...(await violations(page, 'meeting')));
    await page.goto(`/self-check?embed=1&lang=${lang}`);
    await expect(page.getByTestId('sc-stepper')).toBeVisible();
    found.push(...(await violations(page, 'embed')));
    expect(found).toEqual([]);
    await context.close();
  });
}
