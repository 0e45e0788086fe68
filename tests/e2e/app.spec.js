// The walking skeleton, end to end: load, demo, ageing, KPIs, languages,
// as-of dates, lists, and no request leaving the origin.
import { test, expect } from '@playwright/test';
import { AppPage, cents } from './app-page.js';

test.beforeEach(async ({ page }) => {
  // Each test starts from a clean origin: no remembered language or demo.
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('the app loads and the demo loads with no console error', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await app.loadDemo();
  await expect(page.getByTestId('kpi-dso')).toBeVisible();
  await expect(page.getByTestId('top-buyer')).toHaveCount(10);
  for (const which of ['customers', 'invoices', 'dashboard']) {
    await app.nav(which);
    await page.waitForTimeout(200);
  }
  expect(app.consoleErrors).toEqual([]);
});

test('the dashboard bucket amounts add up to its total', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadDemo();
  const buckets = await app.bucketCents();
  expect(buckets.length).toBe(6);
  expect(buckets.every((b) => b >= 0n)).toBe(true);
  const sum = buckets.reduce((a, b) => a + b, 0n);
  const total = await app.totalCents();
  expect(total).toBeGreaterThan(0n);
  // Each cell is rounded to the cent on its own: the sum may differ from
  // the rounded total by at most half a cent per bucket.
  expect(sum - total <= 3n && total - sum <= 3n).toBe(true);
  // The chart draws one bar per bucket.
  await expect(page.getByTestId('chart-bar')).toHaveCount(6);
  // Disputed amounts are shown apart and are part of the total.
  const disputed = cents(await page.getByTestId('disputed-total').innerText());
  expect(disputed).toBeGreaterThan(0n);
  expect(disputed).toBeLessThan(total);
});

test('changing the as-of date recomputes the reports', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadDemo();
  const today = await page.getByTestId('as-of').inputValue();
  const before = await app.totalCents();
  const dsoBefore = await page.getByTestId('kpi-dso').getByTestId('kpi-value').innerText();
  const earlier = new Date(`${today}T00:00:00Z`);
  earlier.setUTCDate(earlier.getUTCDate() - 75);
  const iso = earlier.toISOString().slice(0, 10);
  await app.setAsOf(iso);
  await expect(page.getByTestId('as-of')).toHaveValue(iso);
  await expect.poll(() => app.totalCents()).not.toBe(before);
  const after = await app.totalCents();
  const buckets = await app.bucketCents();
  const sum = buckets.reduce((a, b) => a + b, 0n);
  expect(sum - after <= 3n && after - sum <= 3n).toBe(true);
  expect(await page.getByTestId('kpi-dso').getByTestId('kpi-value').innerText()).not.toBe(dsoBefore);
  // And back: the same figures as before.
  await app.setAsOf(today);
  await expect.poll(() => app.totalCents()).toBe(before);
});

test('the language switch changes every visible label, and is remembered', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  const hasCjk = (t) => /[\u3400-\u9fff]/.test(t);
  for (const which of ['dashboard', 'customers', 'invoices', 'alerts', 'dunning', 'insurance', 'cash', 'portfolios', 'import']) {
    await app.setLang('en');
    await app.nav(which);
    await page.waitForTimeout(300);
    const en = await app.labels();
    expect(en.length).toBeGreaterThan(8);
    await app.setLang('zh');
    await page.waitForTimeout(300);
    const zh = await app.labels();
    expect(zh.length).toBe(en.length);
    for (let k = 0; k < en.length; k++) {
      // The buttons that name a language keep their own names; data (buyer
      // names in options) is not a label.
      if (['中文', 'EN'].includes(en[k])) continue;
      if (en[k] === zh[k] && !/[A-Za-z]{2,}/.test(en[k])) continue; // numbers, symbols
      if (/·/.test(en[k]) && en[k] === zh[k]) continue; // "name · id" buyer options
      if (/^([A-Z]{3}|UTF-\d+(LE|BE)?|GBK \/ GB18030)$/.test(en[k]) && en[k] === zh[k]) continue; // currency and encoding names
      expect(zh[k], `label ${k} on ${which}: "${en[k]}"`).not.toBe(en[k]);
      expect(hasCjk(zh[k]), `label ${k} on ${which}: "${zh[k]}"`).toBe(true);
    }
  }
  await page.reload();
  await expect(page.getByTestId('nav-dashboard')).toHaveText('总览');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('opens in Chinese by default, with Chinese dates', async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/');
    await expect(page.getByTestId('nav-dashboard')).toHaveText('总览');
    await app.loadDemo();
    await expect(page.getByTestId('as-of-long')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  });
});

test('customers: search and sort', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadDemo();
  await app.nav('customers');
  await expect(page.getByTestId('customer-row').first()).toBeVisible();
  await expect(page.getByTestId('row-count')).toContainText('120');
  // Default sort: exposure, largest first.
  const totals = (await page.getByTestId('customer-total').allInnerTexts()).map(cents);
  for (let k = 1; k < totals.length; k++) expect(totals[k - 1] >= totals[k]).toBe(true);
  await page.getByTestId('customer-sort').selectOption('id');
  await expect(page.getByTestId('customer-row').first()).toContainText('C0001');
  await page.getByTestId('customer-search').fill('C0007');
  await expect(page.getByTestId('customer-row')).toHaveCount(1);
});

test('invoices: a buyer link filters the list; status and paging work', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadDemo();
  // Follow the largest buyer's link from the dashboard.
  const top = page.getByTestId('top-buyer').first();
  await top.getByRole('link').click();
  await expect(page).toHaveURL(/\/invoices\?customer=C\d+/);
  const id = new URL(page.url()).searchParams.get('customer');
  await expect(page.getByTestId('filter-buyer')).toHaveValue(id);
  await expect(page.getByTestId('invoice-row').first()).toBeVisible();
  // Only overdue invoices.
  await page.getByTestId('filter-status').selectOption('overdue');
  const statuses = await page.getByTestId('invoice-status').allInnerTexts();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Overdue']));
  // All buyers, all statuses: about 3,000 invoices in pages of 50.
  await page.getByTestId('filter-buyer').selectOption('');
  await page.getByTestId('filter-status').selectOption('');
  await expect(page.getByTestId('invoice-row')).toHaveCount(50);
  const firstPage = await page.getByTestId('invoice-id').first().innerText();
  await page.getByTestId('page-next').click();
  await expect(page.getByTestId('page-info')).toHaveText(/^2 \/ \d+$/);
  expect(await page.getByTestId('invoice-id').first().innerText()).not.toBe(firstPage);
  // A bucket filter: every row in that bucket.
  await page.getByTestId('filter-bucket').selectOption('5');
  const buckets = await page.getByTestId('invoice-bucket').allInnerTexts();
  expect(buckets.length).toBeGreaterThan(0);
  expect(new Set(buckets)).toEqual(new Set(['121+ days']));
});

test('the invoice list stays responsive with 100,000 invoices', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadLargeDemo();
  // The demo issues a few invoices after today: as it stands today they do
  // not exist yet, and the list leaves them out as the dashboard says.
  const later = Number((await page.getByTestId('not-yet-issued').innerText()).replace(/\D+/g, ''));
  expect(later).toBeGreaterThan(0);
  await app.nav('invoices');
  await expect(page.getByTestId('row-count')).toContainText(String(100000 - later));
  await expect(page.getByTestId('invoice-row')).toHaveCount(50);
  await page.getByTestId('filter-status').selectOption('overdue');
  await expect(page.getByTestId('invoice-status').first()).toHaveText('Overdue');
  await page.getByTestId('page-next').click();
  await expect(page.getByTestId('page-info')).toHaveText(/^2 \/ \d+$/);
  expect(app.consoleErrors).toEqual([]);
});

test('no egress: every request of a walk through every page stays on the origin', async ({ page, baseURL }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadDemo();
  for (const which of ['customers', 'invoices', 'alerts', 'cash', 'dashboard']) {
    await app.nav(which);
    await page.waitForTimeout(200);
  }
  await app.setLang('zh');
  await page.goto('/customers');
  await page.goto('/invoices?customer=C0001');
  await page.goto('/no-such-page');
  await expect(page.getByText('此页面不存在。')).toBeVisible();
  const origin = new URL(baseURL).origin;
  const foreign = app.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  expect(app.requests.length).toBeGreaterThan(3);
  expect(foreign).toEqual([]);
});
