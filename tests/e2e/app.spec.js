// The walking skeleton, end to end: load, demo, ageing, KPIs, languages,
// as-of dates, lists, and no request leaving the origin.
import { test, expect } from '@playwright/test';
import { AppPage, CustomersPage, DashboardPage, InvoicesPage, cents } from './pages/index.js';

test.beforeEach(async ({ page }) => {
  // Each test starts from a clean origin: no remembered language or demo.
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('the app loads and the demo loads with no console error', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await app.loadDemo();
  await expect(page.getByTestId('kpi-dso')).toBeVisible();
  await expect(dashboard.topBuyers).toHaveCount(10);
  for (const which of ['customers', 'invoices', 'dashboard']) {
    await app.nav(which);
    await page.waitForTimeout(200);
  }
  expect(app.consoleErrors).toEqual([]);
});

test('the dashboard bucket amounts add up to its total', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  await app.loadDemo();
  const buckets = await dashboard.bucketCents();
  expect(buckets.length).toBe(6);
  expect(buckets.every((b) => b >= 0n)).toBe(true);
  const sum = buckets.reduce((a, b) => a + b, 0n);
  const total = await dashboard.totalCents();
  expect(total).toBeGreaterThan(0n);
  // Each cell is rounded to the cent on its own: the sum may differ from
  // the rounded total by at most half a cent per bucket.
  expect(sum - total <= 3n && total - sum <= 3n).toBe(true);
  // The chart draws one bar per bucket.
  await expect(page.getByTestId('chart-bar')).toHaveCount(6);
  // Disputed amounts are shown apart and are part of the total.
  const disputed = await dashboard.disputedCents();
  expect(disputed).toBeGreaterThan(0n);
  expect(disputed).toBeLessThan(total);
});

test('changing the as-of date recomputes the reports', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  await app.loadDemo();
  const today = await app.asOf();
  const before = await dashboard.totalCents();
  const dsoBefore = await dashboard.kpi('dso').innerText();
  const earlier = new Date(`${today}T00:00:00Z`);
  earlier.setUTCDate(earlier.getUTCDate() - 75);
  const iso = earlier.toISOString().slice(0, 10);
  await app.setAsOf(iso);
  await expect(page.getByTestId('as-of')).toHaveValue(iso);
  await expect.poll(() => dashboard.totalCents()).not.toBe(before);
  const after = await dashboard.totalCents();
  const buckets = await dashboard.bucketCents();
  const sum = buckets.reduce((a, b) => a + b, 0n);
  expect(sum - after <= 3n && after - sum <= 3n).toBe(true);
  expect(await dashboard.kpi('dso').innerText()).not.toBe(dsoBefore);
  // And back: the same figures as before.
  await app.setAsOf(today);
  await expect.poll(() => dashboard.totalCents()).toBe(before);
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
      if (/·/.test(en[k]) && en[k] === zh[k]) continue; // "name · id" options
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
  const customers = new CustomersPage(page);
  await app.goto('/');
  await app.loadDemo();
  await customers.open();
  await expect(customers.rows.first()).toBeVisible();
  await expect(page.getByTestId('row-count')).toContainText('120');
  // Default sort: exposure, largest first.
  const totals = await customers.totalsCents();
  for (let k = 1; k < totals.length; k++) expect(totals[k - 1] >= totals[k]).toBe(true);
  await customers.sortBy('id');
  await expect(customers.rows.first()).toContainText('C0001');
  await customers.search('C0007');
  await expect(customers.rows).toHaveCount(1);
});

test('invoices: a buyer link filters the list; status and paging work', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const invoices = new InvoicesPage(page);
  await app.goto('/');
  await app.loadDemo();
  // Follow the largest buyer's link from the dashboard.
  await dashboard.openTopBuyerInvoices();
  await expect(page).toHaveURL(/\/invoices\?customer=C\d+/);
  const id = new URL(page.url()).searchParams.get('customer');
  await expect(page.getByTestId('filter-buyer')).toHaveValue(id);
  await expect(invoices.rows.first()).toBeVisible();
  // Only overdue invoices.
  await invoices.filterStatus('overdue');
  const statuses = await invoices.statuses();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['Overdue']));
  // All buyers, all statuses: about 3,000 invoices in pages of 50.
  await invoices.filterBuyer('');
  await invoices.filterStatus('');
  await expect(invoices.rows).toHaveCount(50);
  const firstPage = await page.getByTestId('invoice-id').first().innerText();
  await invoices.nextPage();
  await expect(invoices.pageInfo).toHaveText(/^2 \/ \d+$/);
  expect(await page.getByTestId('invoice-id').first().innerText()).not.toBe(firstPage);
  // A bucket filter: every row in that bucket.
  await invoices.filterBucket('5');
  const buckets = await invoices.buckets();
  expect(buckets.length).toBeGreaterThan(0);
  expect(new Set(buckets)).toEqual(new Set(['121+ days']));
});

test('the invoice list opens on open invoices, most overdue first, in both languages', async ({ page }) => {
  const app = new AppPage(page);
  const invoices = new InvoicesPage(page);
  await app.goto('/');
  await app.loadDemo();
  for (const lang of ['en', 'zh']) {
    await app.setLang(lang);
    await invoices.open();
    await expect(page.getByTestId('filter-status')).toHaveValue('open');
    await expect(invoices.rows).toHaveCount(50);
    const statuses = await invoices.statuses();
    const owed = lang === 'en' ? ['Overdue', 'Not yet due'] : ['已逾期', '未到期'];
    expect(statuses.filter((s) => !owed.includes(s))).toEqual([]);
    const days = (await page.locator('[data-testid=invoice-row] td:nth-child(9)').allInnerTexts()).map(Number);
    expect(days[0]).toBeGreaterThan(30);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    // Nothing owed is left out: every row has an open amount.
    const open = await page.getByTestId('invoice-open').allInnerTexts();
    expect(open.every((o) => cents(o) > 0)).toBe(true);
  }
  await app.setLang('en');
});

test('the invoice list stays responsive with 100,000 invoices', async ({ page }) => {
  const app = new AppPage(page);
  const invoices = new InvoicesPage(page);
  await app.goto('/');
  await app.loadLargeDemo();
  // Nothing of the demo is dated after today. A week ago, the invoices of
  // the last week did not exist yet: the list leaves them out, as the
  // dashboard says.
  await expect(page.getByTestId('open-invoices')).toBeVisible();
  await expect(page.getByTestId('not-yet-issued')).toHaveCount(0);
  const d = new Date(`${await app.asOf()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 7);
  await app.setAsOf(d.toISOString().slice(0, 10));
  const later = Number((await page.getByTestId('not-yet-issued').innerText()).replace(/\D+/g, ''));
  expect(later).toBeGreaterThan(0);
  await invoices.open();
  await invoices.filterStatus('');
  await expect(invoices.rowCount).toContainText(String(100000 - later));
  await expect(invoices.rows).toHaveCount(50);
  await invoices.filterStatus('overdue');
  await expect(page.getByTestId('invoice-status').first()).toHaveText('Overdue');
  await invoices.nextPage();
  await expect(invoices.pageInfo).toHaveText(/^2 \/ \d+$/);
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
