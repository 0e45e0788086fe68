// The demo portfolio as a new user meets it (issue 22): in the page's
// language, nothing dated after today, and a healthy book with a few
// problems worth finding.
import { test, expect } from '@playwright/test';
import { AppPage, AlertsPage, CustomersPage } from './pages/index.js';

const HAN = /[\u3400-\u9fff]/;
const PLANTED = 'C0007';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

/** The industry cell of every row shown, and the planted buyer's name. */
async function words(page, customers) {
  await expect(customers.rows.first()).toBeVisible();
  const industries = await customers.rows.evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[3].innerText.trim()));
  const planted = (await customers.rowOfId(PLANTED).getByTestId('customer-name').innerText()).trim();
  return { industries, planted };
}

test('the demo speaks the page language: industries, Chinese buyers\' names and the name follow a switch, the figures stay', async ({ page }) => {
  const app = new AppPage(page);
  const customers = new CustomersPage(page);
  await app.goto('/');
  await app.setLang('zh');
  await app.loadDemo();
  await customers.open();
  const zh = await words(page, customers);
  expect(zh.industries.length).toBeGreaterThan(10);
  expect(zh.industries.every((t) => HAN.test(t)), zh.industries.join(', ')).toBe(true);
  expect(zh.planted).toBe('苏州恒达精密机械有限公司');
  // A foreign buyer's name says its language to a screen reader.
  await expect(customers.table.locator('span[lang="de"]').first()).toBeVisible();
  const figuresZh = await customers.figures();

  await app.setLang('en');
  await expect(customers.rowOfId(PLANTED).getByTestId('customer-name')).toHaveText('Suzhou Hengda Precision Machinery Co., Ltd.');
  const en = await words(page, customers);
  expect(en.industries.every((t) => /^[A-Za-z ]+$/.test(t)), en.industries.join(', ')).toBe(true);
  expect(en.planted).toBe('Suzhou Hengda Precision Machinery Co., Ltd.');
  expect(await customers.table.locator('[lang]').count()).toBe(0);
  // The same book: every buyer's figures unchanged.
  expect(await customers.figures()).toEqual(figuresZh);
  // And it stays in English after a reload.
  await page.reload();
  expect((await words(page, customers)).planted).toBe('Suzhou Hengda Precision Machinery Co., Ltd.');
  expect(app.consoleErrors).toEqual([]);
});

test('the demo is a healthy book with a few problems, and nothing in it is dated after today', async ({ page }) => {
  const app = new AppPage(page);
  const alerts = new AlertsPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await expect(page.getByTestId('open-invoices')).toBeVisible();
  // Nothing issued after today: the dashboard would count it.
  await expect(page.getByTestId('not-yet-issued')).toHaveCount(0);
  await alerts.open();
  await alerts.show('all');
  await expect(alerts.rows.first()).toBeVisible();
  const n = await alerts.rows.count();
  expect(n, `${n} alerts`).toBeGreaterThanOrEqual(3);
  expect(n, `${n} alerts`).toBeLessThanOrEqual(16);
  const severities = await page.getByTestId('alert-severity').allInnerTexts();
  expect(severities).toHaveLength(n);
  const critical = severities.filter((s) => /critical/i.test(s)).length;
  expect(critical, severities.join(', ')).toBeGreaterThanOrEqual(1);
  expect(critical, severities.join(', ')).toBeLessThanOrEqual(6);
  // One or two buyers over their limit, the planted buyer among them, and
  // the planted buyer is found for what it is.
  await alerts.filterRule('over_limit');
  const over = await alerts.rows.evaluateAll((rows) => rows.map((r) => r.dataset.customer));
  expect(over.length).toBeGreaterThanOrEqual(1);
  expect(over.length).toBeLessThanOrEqual(2);
  expect(over).toContain(PLANTED);
  await alerts.filterRule('volume_up_paying_slower');
  await expect(alerts.rows).toHaveCount(1);
  await expect(alerts.rows.first()).toHaveAttribute('data-customer', PLANTED);
  expect(app.consoleErrors).toEqual([]);
});
