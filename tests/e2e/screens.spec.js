// Every page at a phone's, a tablet's and a laptop's width, in both
// languages, compared with reviewed screenshots (issue 22). The baselines
// are checked in beside this file (screens.spec.js-snapshots/); after a
// change to the layout on purpose, look at the new pictures and update them:
//   cd tests && npx playwright test screens.spec.js --update-snapshots
// The clock is fixed, so the report date and the demo are the same on
// every run.
import { test, expect } from '@playwright/test';
import { AppPage } from './pages/index.js';
import { PAGES, openPage } from './pages/walk.js';

const WIDTHS = [390, 1024, 1366];
const TODAY = new Date('2026-12-03T09:00:00');

for (const lang of ['en', 'zh']) {
  for (const width of WIDTHS) {
    test(`every page at ${width} px in ${lang} looks as reviewed`, async ({ browser }) => {
      const context = await browser.newContext({
        viewport: { width, height: width < 700 ? 844 : 900 },
        locale: lang === 'zh' ? 'zh-CN' : 'en-US',
        // No service worker: nothing of an earlier run is served.
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      await page.clock.setFixedTime(TODAY);
      const app = new AppPage(page);
      await app.goto(`/?lang=${lang}`);
      await app.loadDemo();
      for (const which of PAGES) {
        await openPage(app, page, which);
        await page.evaluate(() => window.scrollTo(0, 0));
        await expect.soft(page, `${which} at ${width} px in ${lang}`).toHaveScreenshot(`${which}-${width}-${lang}.png`, {
          animations: 'disabled',
          caret: 'hide',
          // Anti-aliasing may differ by a few pixels; a moved or missing
          // element differs by thousands.
          maxDiffPixels: 40,
        });
      }
      expect(app.consoleErrors).toEqual([]);
      await context.close();
    });
  }
}
