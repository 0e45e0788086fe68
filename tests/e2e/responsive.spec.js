// Every width (issue 22): phone, tablet and laptop, in both languages. No
// page is wider than its viewport; on a laptop no table scrolls sideways;
// on a phone the navigation is a menu, targets are thumb-sized, the
// alerts are cards with their actions in reach, and meeting mode keeps its
// result in sight while figures are typed.
import { test, expect } from '@playwright/test';
import { AppPage, MeetingPage } from './pages/index.js';
import { SelfCheckPage } from './selfcheck-page.js';
import { PAGES, openPage } from './pages/walk.js';

const WIDTHS = [360, 390, 768, 1024, 1366, 1920];
/** From this width up nothing scrolls sideways, tables included. */
const LAPTOP = 1366;

/** What sticks out of the viewport (or, on a laptop, out of its table's box). */
async function overflow(page, width) {
  return page.evaluate(({ width, laptop }) => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) {
      // The element reaching furthest right, to say where.
      let far = null;
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (!far || r.right > far.r) far = { r: r.right, el };
      }
      const what = far ? `${far.el.tagName.toLowerCase()}.${far.el.className}` : '';
      out.push(`page ${doc.scrollWidth} px wide (${what})`);
    }
    if (width >= laptop) {
      for (const w of document.querySelectorAll('.table-wrap')) {
        if (w.scrollWidth > w.clientWidth + 1) {
          const t = w.querySelector('table');
          out.push(`table ${t?.dataset.testid ?? t?.className} ${w.scrollWidth} px in ${w.clientWidth}`);
        }
      }
    }
    return out;
  }, { width, laptop: LAPTOP });
}

for (const lang of ['en', 'zh']) {
  for (const width of WIDTHS) {
    test(`every page fits ${width} px in ${lang}`, async ({ browser }) => {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      });
      const page = await context.newPage();
      const app = new AppPage(page);
      await app.goto(`/?lang=${lang}`);
      await app.loadDemo();
      const problems = [];
      for (const which of PAGES) {
        await openPage(app, page, which);
        // Charts and tables are drawn after the heading.
        await page.waitForTimeout(150);
        for (const p of await overflow(page, width)) problems.push(`${which}: ${p}`);
      }
      expect(problems).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
      await context.close();
    });
  }
}

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the navigation is a menu; every target in the header is at least 44 px', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/');
    await app.loadDemo();
    const toggle = page.getByTestId('menu-toggle');
    await expect(toggle).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('nav-alerts')).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const links = page.locator('nav.main-nav a');
    await expect(links).toHaveCount(11);
    for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()))) {
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    // Choosing a page goes there and closes the menu.
    await page.getByTestId('nav-alerts').click();
    await expect(page).toHaveURL(/\/alerts$/);
    await expect(page.getByTestId('nav-alerts')).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    for (const b of await page.locator('header.top button, header.top .lang-switch button').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height))) {
      expect(b).toBeGreaterThanOrEqual(44);
    }
    // The alerts are cards: each one's action is on screen without scrolling sideways.
    const first = page.getByTestId('alert-row').first();
    await expect(first).toBeVisible();
    const action = first.getByTestId('alert-note-open');
    const box = await action.boundingBox();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.height).toBeGreaterThanOrEqual(44);
    await action.tap();
    await expect(first.getByTestId('alert-form')).toBeVisible();
    // The card names its fields.
    await expect(first.getByTestId('alert-evidence')).toHaveAttribute('data-label', 'Evidence');
  });

  test('meeting mode keeps the result in sight while figures are typed, in both languages', async ({ page }) => {
    const app = new AppPage(page);
    const meeting = new MeetingPage(page);
    await app.goto('/');
    await meeting.open();
    const summary = page.getByTestId('meeting-summary');
    await expect(summary).toBeVisible();
    const before = await page.getByTestId('summary-limit').innerText();
    await meeting.fillExample();
    // Typed figures stay typed.
    await expect(page.getByTestId('m-purchases')).toHaveValue('6,000,000');
    await expect(page.getByTestId('years')).toHaveValue('12');
    // The summary says what the full result says, and changed with the figures.
    const grade = await meeting.gradeNumber();
    await expect(page.getByTestId('summary-grade')).toHaveText(String(grade));
    await expect(page.getByTestId('summary-limit')).toHaveText(await meeting.limit.innerText());
    await expect(page.getByTestId('summary-terms')).toHaveText(await meeting.terms.innerText());
    expect(await page.getByTestId('summary-limit').innerText()).not.toBe(before);
    // Deep in the form (the purchases field), the summary is still on screen.
    await page.getByTestId('m-terms-days').scrollIntoViewIfNeeded();
    const box = await summary.boundingBox();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // A known buyer paying late: the grade moves in the summary at once.
    await meeting.paymentHistory('75', '160');
    await expect.poll(() => meeting.gradeNumber()).toBeGreaterThan(grade);
    await expect(page.getByTestId('summary-grade')).toHaveText(String(await meeting.gradeNumber()));
    await expect(page.getByTestId('summary-risks')).toBeVisible();
    await app.setLang('zh');
    await expect(page.getByTestId('summary-full')).toHaveText('完整结果');
    await expect(page.getByTestId('summary-terms')).toHaveText(await meeting.terms.innerText());
    // "Full result" takes the user to it.
    await page.getByTestId('summary-full').tap();
    await expect(page.getByTestId('meeting-result')).toBeInViewport();
  });
});

test('the embedded self-check on a 360 px phone: the chart text is at least 11 px, nothing wider than the screen', async ({ browser }) => {
  for (const lang of ['en', 'zh']) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`/self-check?embed=1&lang=${lang}`);
    const sc = new SelfCheckPage(page);
    await sc.answer({ currency: 'EUR', turnover: '20,000,000', largest: 35, exportShare: 60, newMarkets: true, badDebts: '150,000' });
    const chart = page.getByTestId('sc-chart');
    await chart.scrollIntoViewIfNeeded();
    const sizes = await chart.locator('text').evaluateAll((ts) => ts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a));
    expect(sizes.length).toBeGreaterThanOrEqual(6);
    for (const px of sizes) expect(px, `${lang}: a label drawn at ${px.toFixed(1)} px`).toBeGreaterThanOrEqual(11);
    // Every label inside the chart, none cut at its edge.
    const box = await chart.boundingBox();
    for (const r of await chart.locator('text').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().toJSON()))) {
      expect(r.left).toBeGreaterThanOrEqual(box.x - 0.5);
      expect(r.right).toBeLessThanOrEqual(box.x + box.width + 0.5);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }
});

/** The pages with a chart, and the charts each one shows (by data-testid). */
const CHARTS = {
  dashboard: ['ageing-chart', 'trend-dso', 'trend-delay', 'trend-overdue'],
  customer: ['delay-chart', 'trend-dso', 'trend-delay', 'trend-overdue'],
  alerts: ['heat-map'],
  cash: ['forecast-chart'],
  insurance: ['cover-chart'],
};

/** Every label of a chart: its size on screen (font-size × the SVG's scale),
 *  its box, and the chart's box. */
async function chartText(chart) {
  return chart.evaluate((root) => {
    const svg = root.tagName.toLowerCase() === 'svg' ? root : root.querySelector('svg');
    const box = svg.getBoundingClientRect().toJSON();
    const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim() !== '').map((t) => {
      const m = t.getScreenCTM();
      return {
        text: t.textContent.trim(),
        px: parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b),
        r: t.getBoundingClientRect().toJSON(),
      };
    });
    return { box, texts };
  });
}

/** What is wrong with a chart's labels: too small (or, on a laptop, too
 *  large), cut at the chart's edge, or on top of another label. */
function labelProblems(name, { box, texts }, min, max) {
  const out = [];
  if (texts.length === 0) out.push(`${name}: no label`);
  for (const t of texts) {
    if (t.px < min || t.px > max) out.push(`${name}: "${t.text}" drawn at ${t.px.toFixed(1)} px`);
    if (t.r.left < box.left - 0.5 || t.r.right > box.right + 0.5 || t.r.top < box.top - 0.5 || t.r.bottom > box.bottom + 0.5) {
      out.push(`${name}: "${t.text}" cut at the chart's edge`);
    }
  }
  for (let a = 0; a < texts.length; a++) {
    for (let b = a + 1; b < texts.length; b++) {
      const p = texts[a].r;
      const q = texts[b].r;
      const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      if (w > 1 && h > 1) out.push(`${name}: "${texts[a].text}" overlaps "${texts[b].text}"`);
    }
  }
  return out;
}

test('every chart is readable on a 360 px phone and stays in proportion on a laptop, in both languages', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const lang of ['en', 'zh']) {
    for (const [width, min, max] of [[360, 11, Infinity], [LAPTOP, 11, 15]]) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        locale: lang === 'zh' ? 'zh-CN' : 'en-US',
      });
      const page = await context.newPage();
      const app = new AppPage(page);
      await app.goto(`/?lang=${lang}`);
      await app.loadDemo();
      const problems = [];
      const smallest = {};
      for (const [which, charts] of Object.entries(CHARTS)) {
        await openPage(app, page, which);
        for (const id of charts) {
          const chart = page.getByTestId(id).first();
          await expect(chart, `${which}: ${id}`).toBeVisible();
          await chart.scrollIntoViewIfNeeded();
          const found = await chartText(chart);
          problems.push(...labelProblems(`${lang} ${width} px ${which} ${id}`, found, min, max));
          smallest[id] = Math.min(smallest[id] ?? Infinity, ...found.texts.map((t) => t.px));
        }
        if (which === 'customer') {
          // The delay chart reads in days: 0 and a few round steps above it, with its unit.
          const delay = page.getByTestId('delay-chart');
          const days = (await delay.getByTestId('delay-tick').allTextContents()).map((t) => t.trim());
          const steps = days.map(Number).map((d, k, all) => d - (all[k - 1] ?? 0));
          if (days.length < 3 || days[0] !== '0' || steps.slice(1).some((s) => !(s > 0) || s !== steps[1])) {
            problems.push(`${lang} ${width} px: the delay chart's axis reads [${days.join(', ')}]`);
          }
          const unit = (await delay.getByTestId('delay-unit').allTextContents()).join();
          if (unit !== (lang === 'zh' ? '天' : 'days')) problems.push(`${lang} ${width} px: the delay chart's unit is "${unit}"`);
        }
      }
      console.log(`${lang} ${width} px, smallest label: ${Object.entries(smallest).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
      expect(problems).toEqual([]);
      expect(app.consoleErrors).toEqual([]);
      await context.close();
    }
  }
});

test('a loading notice shows before the app has arrived, then goes; the embed too', async ({ browser }) => {
  for (const path of ['/', '/self-check?embed=1']) {
    // No service worker: every request goes through the route below.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    // The wasm held back, as over a slow network.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(path, { waitUntil: 'domcontentloaded' });
    const boot = page.locator('#boot');
    await expect(boot).toBeVisible();
    await expect(boot).toContainText('Loading Credit Assistant');
    await expect(boot).toContainText('信用助手加载中');
    release();
    if (path === '/') await expect(page.getByTestId('app-name')).toBeVisible();
    else await expect(page.locator('main.embed')).toBeVisible();
    await expect(boot).toHaveCount(0);
    await context.close();
  }
});
