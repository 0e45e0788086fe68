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
import { AlertsPage, AppPage, CustomersPage, DashboardPage, DunningPage, ImportPage, cents, csvFile } from './pages/index.js';

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

/**
 * Imports a sample into a new portfolio in four clicks — Import, the file,
 * Import, the dashboard (the caller's) — and returns the preview's balances.
 * A file with a currency column sets the new portfolio's currency itself;
 * QuickBooks' and Xero's reports carry none, so they are read in the
 * currency of the browser's region (a US QuickBooks user, a UK Xero user).
 */
async function importSample(importer, file, currency) {
  await importer.open();                                                     // 1
  await importer.choose(path.join(DIR, file));                               // 2
  await expect(importer.summary).toBeVisible();
  await expect(importer.id('import-currency')).toHaveValue(currency);
  await expect(importer.id('preset-recognised')).toBeVisible();
  await expect(importer.id('summary-error-rows')).toHaveText('0');
  // What was recognised and left out is said before anything is stored.
  await expect(importer.id('import-warning').first()).toBeVisible();
  const balances = await importer.balances();
  await importer.commit();                                                   // 3
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
    const importer = new ImportPage(page);
    const dashboard = new DashboardPage(page);
    const customers = new CustomersPage(page);
    await app.goto('/');
    const want = EXPECTED[key];
    const balances = await importSample(importer, file, want.currency);
    // The preview shows what the dashboard will: the net per buyer.
    expect(balances).toEqual(nets(key, '2026-11-30'));
    await importer.openDashboard();                                          // 4
    await expect(dashboard.ageingTotal).toBeVisible();
    for (const date of Object.keys(want.as_of)) {
      const got = await customers.figuresAsOf(date);
      const at = want.as_of[date];
      for (const [id, w] of Object.entries(at.buyers)) {
        expect(got[id], `${file} ${date} ${id}`).toBeTruthy();
        expect(got[id].total, `${file} ${date} ${id}`).toBe(cents(w.net));
        expect(got[id].buckets, `${file} ${date} ${id}`).toEqual(BUCKETS.map((b) => cents(w[b])));
      }
      await dashboard.open();
      expect(await dashboard.totalCents()).toBe(cents(at.total.net));
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
  const importer = new ImportPage(page);
  const customers = new CustomersPage(page);
  const alerts = new AlertsPage(page);
  const dunning = new DunningPage(page);
  await app.goto('/');
  const key = 'kingdee_ar.csv';
  await importSample(importer, key, 'CNY');
  const date = '2026-11-30';
  const credit = Object.entries(EXPECTED[key].as_of[date].buyers)
    .filter(([, w]) => cents(w.net) < 0n)
    .map(([id]) => id);
  expect(credit.length).toBeGreaterThan(0);
  await customers.figuresAsOf(date);
  for (const id of credit) {
    const row = customers.row(id);
    await expect(row.getByTestId('net-credit')).toBeVisible();
  }
  // Buyers that owe are not marked.
  await expect(page.getByTestId('net-credit')).toHaveCount(credit.length);
  await alerts.open();
  await expect(alerts.count).toBeVisible();
  const alerted = await alerts.rows.evaluateAll((rows) => rows.map((r) => r.dataset.customer));
  expect(alerted.length).toBeGreaterThan(0);
  for (const id of credit) expect(alerted).not.toContain(id);
  await dunning.open();
  await expect(dunning.rows.first()).toBeVisible();
  const dunned = await dunning.buyers();
  for (const id of credit) expect(dunned).not.toContain(id);
  // In Chinese too.
  await app.setLang('zh');
  await customers.open();
  await expect(page.getByTestId('net-credit').first()).toHaveText('净贷方（我方欠对方）');
  expect(app.consoleErrors).toEqual([]);
});

test('credits in a column or applied to the oldest invoices first keep every net', async ({ page }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  const key = 'sap_fbl5n_de.csv';
  await importSample(importer, key, 'EUR');
  await dashboard.open();
  await app.setAsOf('2026-11-30');
  const total = cents(EXPECTED[key].as_of['2026-11-30'].total.net);
  expect(await dashboard.totalCents()).toBe(total);
  const byDate = await dashboard.bucketCents();
  await dashboard.placeCredits('column');
  await expect(page.getByTestId('credits-column')).toBeVisible();
  expect(await dashboard.totalCents()).toBe(total);
  const column = cents(await page.getByTestId('credits-column').innerText());
  expect(column).toBeLessThan(0n);
  expect((await dashboard.bucketCents()).reduce((a, b) => a + b, 0n) + column).toBe(total);
  const columnBuckets = await dashboard.bucketCents();
  await dashboard.placeCredits('oldest_first');
  await expect.poll(() => dashboard.bucketCents()).not.toEqual(columnBuckets);
  expect(await dashboard.totalCents()).toBe(total);
  const oldest = await dashboard.bucketCents();
  expect(oldest).not.toEqual(byDate);
  // The setting is kept with the portfolio.
  await page.reload();
  await app.setAsOf('2026-11-30');
  await expect(page.getByTestId('credit-placement')).toHaveValue('oldest_first');
  expect(await dashboard.bucketCents()).toEqual(oldest);
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
  const importer = new ImportPage(page);
  const customers = new CustomersPage(page);
  const week2 = [
    'Invoice,Customer,Invoice date,Due date,Amount,Outstanding',
    'A-2,C1,2026-10-05,2026-11-04,800.00,300.00',
    'A-3,C2,2026-10-12,2026-11-11,400.00,400.00',
    'A-4,C2,2026-11-25,2026-12-25,900.00,900.00',
  ].join('\n');
  await importer.open();
  await importer.name('Weekly');
  await importer.choose(csvFile('week1.csv', week1));
  await expect(importer.summary).toBeVisible();
  await importer.commit();
  await importer.open();
  await expect(importer.target).not.toHaveValue('new');
  await importer.choose(csvFile('week2.csv', week2));
  await expect(importer.summary).toBeVisible();
  await page.getByTestId('import-reconcile').check();
  await importer.commitButton.click();
  await expect(page.getByTestId('import-reconciled')).toContainText('1 closed as paid, 1 updated, 1 unchanged');
  // A report date after both lists (the import dates them today).
  const got = await customers.figuresAsOf('2030-12-31');
  expect(got.C1.total).toBe(30000n);   // A-1 paid, 300 of A-2 left
  expect(got.C2.total).toBe(130000n);  // A-3 400 + A-4 900
  // Before the re-import, the ledger is as it stood then: nothing closed.
  const before = await customers.figuresAsOf('2026-11-20');
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
  const importer = new ImportPage(page);
  await importer.open();
  await importer.choose(csvFile('ar-summary.csv', report));
  await expect(importer.summary).toBeVisible();
  await expect(page.getByTestId('summary-kind')).toHaveText('customers');
  const warning = page.getByTestId('import-warning').filter({ hasText: 'receivables report' });
  await expect(warning).toContainText('Invoice number');
  await expect(warning).toContainText('Due date');
  await app.setLang('zh');
  await expect(page.getByTestId('import-warning').filter({ hasText: '应收账款报表' })).toContainText('到期日');
  expect(app.consoleErrors).toEqual([]);
});
