// Real ledgers in, right figures out: each realistic ERP export of
// core/tests/data/ledgers (SAP FBL5N German in Windows-1252 and English,
// ERPNext, Odoo, Kingdee in GBK with title rows, as CSV and XLSX, Yonyou,
// QuickBooks, Xero) imports in four clicks — Import, choose the file, Import,
// see it — with its export recognised; the preview's balance per buyer, the
// buyers page and the ageing as of a past month-end equal the independent
// computation (core/tests/data/ledgers/expected.py → expected.json) to the
// cent; a buyer in net credit is marked as such and raises no alert and no
// dunning; and the next week's open-items list closes what was paid.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { AppPage, cents } from './app-page.js';

const DIR = path.resolve(new URL('.', import.meta.url).pathname, '../../core/tests/data/ledgers');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const BUCKETS = ['not_due', '1_30', '31_60', '61_90', '91_120', '121_plus'];

/** Expected nets (cents) by buyer as of a date, zero balances left out. */
function nets(key, date) {
  const out = {};
  for (const [id, w] of Object.entries(EXPECTED[key].as_of[date].buyers)) {
    const c = cents(w.net);
    if (c !== 0n) out[id] = c;
  }
  return out;
}

/** The buyers page as of a date: {id: {total, buckets}} in cents. */
async function buyersPage(app, date) {
  const page = app.page;
  await app.nav('customers');
  await app.setAsOf(date);
  await expect(page.getByTestId('customers-table')).toBeVisible();
  const rows = page.getByTestId('customer-row');
  const out = {};
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allInnerTexts();
    const id = cells[0].trim();
    // id, name, country, industry, status, six buckets, total, …
    out[id] = {
      buckets: cells.slice(5, 11).map(cents),
      total: cents(await row.getByTestId('customer-total').innerText()),
    };
  }
  return out;
}

/**
 * Imports a sample into a new portfolio in four clicks — Import, the file,
 * Import, the dashboard (the caller's) — and returns the preview's balances.
 * A file with a currency column sets the new portfolio's currency itself;
 * QuickBooks' and Xero's reports carry none, so they are read in the
 * currency of the browser's region (a US QuickBooks user, a UK Xero user).
 */
async function importSample(app, file, currency) {
  const page = app.page;
  await app.nav('import');                                                   // 1
  await page.getByTestId('import-file').setInputFiles(path.join(DIR, file)); // 2
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('import-currency')).toHaveValue(currency);
  await expect(page.getByTestId('preset-recognised')).toBeVisible();
  await expect(page.getByTestId('summary-error-rows')).toHaveText('0');
  // What was recognised and left out is said before anything is stored.
  await expect(page.getByTestId('import-warning').first()).toBeVisible();
  const balances = {};
  for (const row of await page.getByTestId('balance-row').all()) {
    balances[(await row.getByTestId('balance-buyer').innerText()).trim()] =
      cents(await row.getByTestId('balance-amount').innerText());
  }
  await page.getByTestId('import-commit').click();                           // 3
  await expect(page.getByTestId('import-done')).toBeVisible();
  return balances;
}

const SAMPLES = [
  ['sap_fbl5n_de.csv', 'sap_fbl5n_de.csv', 'SAP FBL5N (German)'],
  ['sap_fbl5n_en.csv', 'sap_fbl5n_en.csv', 'SAP FBL5N (English)'],
  ['erpnext_ar.csv', 'erpnext_ar.csv', 'ERPNext'],
  ['odoo_aged_receivable.csv', 'odoo_aged_receivable.csv', 'Odoo'],
  ['kingdee_ar.csv', 'kingdee_ar.csv', 'Kingdee'],
  ['kingdee_ar.xlsx', 'kingdee_ar.csv', 'Kingdee'],
  ['yonyou_ar.csv', 'yonyou_ar.csv', 'Yonyou'],
  ['quickbooks_ar_aging_detail.csv', 'quickbooks_ar_aging_detail.csv', 'QuickBooks'],
  ['xero_aged_receivables_detail.csv', 'xero_aged_receivables_detail.csv', 'Xero'],
  // Contacts as heading rows, no Contact column: the same figures.
  ['xero_aged_receivables_detail_grouped.csv', 'xero_aged_receivables_detail.csv', 'Xero'],
];

for (const [file, key, label] of SAMPLES) {
  test.describe(file, () => {
  // Xero's UK demo company: a British browser, so pounds.
  if (/xero/.test(file)) test.use({ locale: 'en-GB' });
  test(`${file}: recognised as ${label}, balances and ageing as computed independently`, async ({ page }) => {
    const app = new AppPage(page);
    await app.goto('/');
    const want = EXPECTED[key];
    const balances = await importSample(app, file, want.currency);
    // The preview shows what the dashboard will: the net per buyer.
    expect(balances).toEqual(nets(key, '2026-11-30'));
    await page.getByTestId('import-open-dashboard').click();                 // 4
    await expect(page.getByTestId('ageing-total')).toBeVisible();
    for (const date of Object.keys(want.as_of)) {
      const got = await buyersPage(app, date);
      const at = want.as_of[date];
      for (const [id, w] of Object.entries(at.buyers)) {
        expect(got[id], `${file} ${date} ${id}`).toBeTruthy();
        expect(got[id].total, `${file} ${date} ${id}`).toBe(cents(w.net));
        expect(got[id].buckets, `${file} ${date} ${id}`).toEqual(BUCKETS.map((b) => cents(w[b])));
      }
      await app.nav('dashboard');
      expect(await app.totalCents()).toBe(cents(at.total.net));
      if (at.left_out_after_as_of > 0) {
        await expect(page.getByTestId('not-yet-issued')).toContainText(String(at.left_out_after_as_of));
      } else {
        await expect(page.getByTestId('not-yet-issued')).toHaveCount(0);
      }
    }
    expect(app.consoleErrors).toEqual([]);
  });
  });
}

test('a buyer in net credit is marked, raises no alert and is not dunned', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  const key = 'kingdee_ar.csv';
  await importSample(app, key, 'CNY');
  const date = '2026-11-30';
  const credit = Object.entries(EXPECTED[key].as_of[date].buyers)
    .filter(([, w]) => cents(w.net) < 0n)
    .map(([id]) => id);
  expect(credit.length).toBeGreaterThan(0);
  await buyersPage(app, date);
  for (const id of credit) {
    const row = page.getByTestId('customer-row').filter({ hasText: id });
    await expect(row.getByTestId('net-credit')).toBeVisible();
  }
  // Buyers that owe are not marked.
  await expect(page.getByTestId('net-credit')).toHaveCount(credit.length);
  await app.nav('alerts');
  await expect(page.getByTestId('alert-count')).toBeVisible();
  const alerted = await page.getByTestId('alert-row').evaluateAll((rows) => rows.map((r) => r.dataset.customer));
  expect(alerted.length).toBeGreaterThan(0);
  for (const id of credit) expect(alerted).not.toContain(id);
  await app.nav('dunning');
  await expect(page.getByTestId('plan-row').first()).toBeVisible();
  const dunned = await page.getByTestId('plan-row').evaluateAll((rows) => rows.map((r) => r.dataset.customer));
  for (const id of credit) expect(dunned).not.toContain(id);
  // In Chinese too.
  await app.setLang('zh');
  await app.nav('customers');
  await expect(page.getByTestId('net-credit').first()).toHaveText('净贷方（我方欠对方）');
  expect(app.consoleErrors).toEqual([]);
});

test('credits in a column or applied to the oldest invoices first keep every net', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  const key = 'sap_fbl5n_de.csv';
  await importSample(app, key, 'EUR');
  await app.nav('dashboard');
  await app.setAsOf('2026-11-30');
  const total = cents(EXPECTED[key].as_of['2026-11-30'].total.net);
  expect(await app.totalCents()).toBe(total);
  const byDate = await app.bucketCents();
  await page.getByTestId('credit-placement').selectOption('column');
  await expect(page.getByTestId('credits-column')).toBeVisible();
  expect(await app.totalCents()).toBe(total);
  const column = cents(await page.getByTestId('credits-column').innerText());
  expect(column).toBeLessThan(0n);
  expect((await app.bucketCents()).reduce((a, b) => a + b, 0n) + column).toBe(total);
  const columnBuckets = await app.bucketCents();
  await page.getByTestId('credit-placement').selectOption('oldest_first');
  await expect.poll(() => app.bucketCents()).not.toEqual(columnBuckets);
  expect(await app.totalCents()).toBe(total);
  const oldest = await app.bucketCents();
  expect(oldest).not.toEqual(byDate);
  // The setting is kept with the portfolio.
  await page.reload();
  await app.setAsOf('2026-11-30');
  await expect(page.getByTestId('credit-placement')).toHaveValue('oldest_first');
  expect(await app.bucketCents()).toEqual(oldest);
  expect(app.consoleErrors).toEqual([]);
});

test('the next open-items list closes what was paid and updates what changed', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  const week1 = [
    'Invoice,Customer,Invoice date,Due date,Amount,Outstanding',
    'A-1,C1,2026-10-01,2026-10-31,1000.00,1000.00',
    'A-2,C1,2026-10-05,2026-11-04,800.00,800.00',
    'A-3,C2,2026-10-12,2026-11-11,400.00,400.00',
  ].join('\n');
  const week2 = [
    'Invoice,Customer,Invoice date,Due date,Amount,Outstanding',
    'A-2,C1,2026-10-05,2026-11-04,800.00,300.00',
    'A-3,C2,2026-10-12,2026-11-11,400.00,400.00',
    'A-4,C2,2026-11-25,2026-12-25,900.00,900.00',
  ].join('\n');
  await app.nav('import');
  await page.getByTestId('import-new-name').fill('Weekly');
  await page.getByTestId('import-file').setInputFiles({ name: 'week1.csv', mimeType: 'text/csv', buffer: Buffer.from(week1) });
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await app.nav('import');
  await expect(page.getByTestId('import-target')).not.toHaveValue('new');
  await page.getByTestId('import-file').setInputFiles({ name: 'week2.csv', mimeType: 'text/csv', buffer: Buffer.from(week2) });
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.getByTestId('import-reconcile').check();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-reconciled')).toContainText('1 closed as paid, 1 updated, 1 unchanged');
  // A report date after both lists (the import dates them today).
  const got = await buyersPage(app, '2030-12-31');
  expect(got.C1.total).toBe(30000n);   // A-1 paid, 300 of A-2 left
  expect(got.C2.total).toBe(130000n);  // A-3 400 + A-4 900
  // Before the re-import, the ledger is as it stood then: nothing closed.
  const before = await buyersPage(app, '2026-11-20');
  expect(before.C1.total).toBe(180000n);
  expect(before.C2.total).toBe(40000n);
  expect(app.consoleErrors).toEqual([]);
});

test('a receivables report that maps as a customer list says so, naming the missing columns', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  const report = [
    'Customer,Customer Name,Amt Due Now,As Of',
    'CUST-1,Acme Ltd,"12,500.00",2026-11-30',
    'CUST-2,Beta GmbH,"3,200.50",2026-11-30',
  ].join('\n');
  await app.nav('import');
  await page.getByTestId('import-file').setInputFiles({ name: 'ar-summary.csv', mimeType: 'text/csv', buffer: Buffer.from(report) });
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('summary-kind')).toHaveText('customers');
  const warning = page.getByTestId('import-warning').filter({ hasText: 'receivables report' });
  await expect(warning).toContainText('Invoice number');
  await expect(warning).toContainText('Due date');
  await app.setLang('zh');
  await expect(page.getByTestId('import-warning').filter({ hasText: '应收账款报表' })).toContainText('到期日');
  expect(app.consoleErrors).toEqual([]);
});
