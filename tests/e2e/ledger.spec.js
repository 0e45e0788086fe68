// Bring your own ledger: import (UTF-8, GBK with Chinese headers, a broken
// file, a corrected mapping, ambiguous dates), portfolios kept in
// IndexedDB across reloads, several portfolios, backup → delete → restore,
// and a second tab. Each test gets a fresh browser context, so a fresh
// IndexedDB.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { AppPage, cents } from './app-page.js';

const DATA = path.resolve(new URL('.', import.meta.url).pathname, '../../core/tests/data/import');
const file = (name) => path.join(DATA, name);

/** Imports a file on /import into a new portfolio of that name. */
async function importFile(page, filePath, name, { expectErrors = false } = {}) {
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-target').selectOption('new');
  await page.getByTestId('import-new-name').fill(name);
  await page.getByTestId('import-file').setInputFiles(filePath);
  await expect(page.getByTestId('import-summary')).toBeVisible();
  if (!expectErrors) {
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-done')).toBeVisible();
  }
}

async function dashboardFigures(page) {
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('ageing-total')).toBeVisible();
  return {
    total: await page.getByTestId('ageing-total').innerText(),
    buckets: await page.getByTestId('bucket-amount').allInnerTexts(),
    kpis: await page.getByTestId('kpi-value').allInnerTexts(),
    top: await page.getByTestId('top-buyer').allInnerTexts(),
  };
}

test('a UTF-8 file imports, is aged, and is still there after a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await importFile(page, file('invoices_en.csv'), 'Acme ledger');
  await expect(page.getByTestId('summary-rows')).toHaveCount(0);
  const before = await dashboardFigures(page);
  // 8,500.50 + 15,000 + 3,200 + 45,678.90 open, all long overdue, less
  // Blue River's credit note of 1,200, which nets its exposure.
  expect(cents(before.total)).toBe(7117940n);
  await page.reload();
  const after = await dashboardFigures(page);
  expect(after).toEqual(before);
  await page.getByTestId('nav-portfolios').click();
  const row = page.getByTestId('portfolio-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('portfolio-row-name')).toContainText('Acme ledger');
  await expect(row.getByTestId('portfolio-invoices')).toHaveText('6');
  await expect(row.getByTestId('portfolio-customers')).toHaveText('4');
  await expect(page.getByTestId('storage-usage')).toContainText('MB');
  expect(app.consoleErrors).toEqual([]);
});

test('a GBK file with Chinese headers imports with its Chinese names', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-new-name').fill('华东客户');
  await page.getByTestId('import-file').setInputFiles(file('invoices_zh_gbk.csv'));
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('file-info')).toContainText('Gb18030');
  await expect(page.getByTestId('map-header').first()).toHaveText('发票号');
  await expect(page.getByTestId('summary-rows')).toHaveText('3');
  await expect(page.getByTestId('summary-buyers')).toHaveText('2');
  await expect(page.getByTestId('summary-total')).toContainText('264,789.50');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  const figs = await dashboardFigures(page);
  expect(cents(figs.total)).toBe(24478950n);
  expect(figs.top.join(' ')).toContain('上海甲贸易有限公司');
  // Forcing the wrong encoding shows mojibake headers and a mapping that
  // finds nothing; forcing the right one reads it again.
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file').setInputFiles(file('invoices_zh_gbk.csv'));
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await page.getByTestId('import-encoding').selectOption('utf8');
  await expect(page.getByTestId('import-failure')).toBeVisible();
  await page.getByTestId('import-encoding').selectOption('gb18030');
  await expect(page.getByTestId('summary-rows')).toHaveText('3');
  expect(app.consoleErrors).toEqual([]);
});

test('a broken file lists every error with its row and stores nothing', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await importFile(page, file('broken.csv'), 'Broken', { expectErrors: true });
  await expect(page.getByTestId('import-errors')).toBeVisible();
  const rows = await page.getByTestId('error-row').allInnerTexts();
  // B-2 (no month 13) is on spreadsheet row 3, the header being row 1.
  expect(rows).toContain('3');
  expect(rows.length).toBeGreaterThanOrEqual(5);
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await expect(page.getByTestId('import-errors').getByText('2025-13-01')).toBeVisible();
  // All errors as CSV.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('import-errors-csv').click(),
  ]);
  const csv = fs.readFileSync(await download.path(), 'utf8');
  expect(csv.split('\n').filter((l) => l.trim()).length).toBe(rows.length + 1);
  expect(csv).toContain('2025-13-01');
  // Nothing stored.
  await page.getByTestId('nav-portfolios').click();
  await expect(page.getByTestId('no-portfolios')).toBeVisible();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(0);
  // In Chinese, the reasons are Chinese.
  await app.setLang('zh');
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-file').setInputFiles(file('broken.csv'));
  await expect(page.getByTestId('error-reason').first()).toContainText(/[\u4e00-\u9fff]/);
  // Importing the valid rows only is an explicit choice.
  await page.getByTestId('import-valid-only').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.getByTestId('nav-portfolios').click();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(1);
});

test('a mapping corrected by hand imports, and is remembered for the next file', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  const csv = 'Rechnung,Kunde,Datum,Faellig,Betrag\nR-1,K1,2025-03-01,2025-03-31,100.00\nR-2,K2,2025-03-05,2025-04-04,250.50\n';
  const buffer = Buffer.from(csv, 'utf8');
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-new-name').fill('Mapped');
  await page.getByTestId('import-file').setInputFiles({ name: 'german.csv', mimeType: 'text/csv', buffer });
  // Nothing recognised: the import says which columns are missing.
  await expect(page.getByTestId('import-failure')).toBeVisible();
  await page.getByTestId('map-0').selectOption('invoice_id');
  await page.getByTestId('map-1').selectOption('customer_id');
  await page.getByTestId('map-2').selectOption('issue_date');
  await page.getByTestId('map-3').selectOption('due_date');
  await page.getByTestId('map-4').selectOption('gross');
  await expect(page.getByTestId('summary-valid')).toHaveText('2');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  // The next file into the same portfolio takes the remembered mapping,
  // and an id already stored is reported: skip or replace.
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('nav-import').click();
  const more = 'Rechnung,Kunde,Datum,Faellig,Betrag\nR-2,K2,2025-03-05,2025-04-04,999.00\nR-3,K1,2025-04-01,2025-05-01,10\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(more) });
  await expect(page.getByTestId('mapping-remembered')).toBeVisible();
  await expect(page.getByTestId('summary-existing')).toHaveText('1');
  await page.getByTestId('on-existing-replace').check();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText('1');
  const figs = await dashboardFigures(page);
  // R-1 100.00 + R-2 replaced by 999.00 + R-3 10.00.
  expect(cents(figs.total)).toBe(110900n);
  expect(app.consoleErrors).toEqual([]);
});

test('ambiguous dates make the user choose the order', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await importFile(page, file('ambiguous.csv'), 'Ambiguous', { expectErrors: true });
  await expect(page.getByTestId('date-order-needed')).toBeVisible();
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.getByTestId('import-date-order').selectOption('dmy');
  await expect(page.getByTestId('date-order-needed')).toHaveCount(0);
  await expect(page.getByTestId('summary-range')).toContainText('2025');
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('two portfolios, backup → delete → restore gives the same dashboard', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await importFile(page, file('invoices_en.csv'), 'First');
  await importFile(page, file('invoices_semicolon.csv'), 'Second');
  await page.getByTestId('nav-portfolios').click();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(2);
  // Open the first; its dashboard.
  await page.getByTestId('portfolio-row').filter({ hasText: 'First' }).getByTestId('portfolio-open').click();
  const first = await dashboardFigures(page);
  // Rename and duplicate.
  await page.getByTestId('nav-portfolios').click();
  const firstRow = page.getByTestId('portfolio-row').filter({ hasText: 'First' });
  await firstRow.getByTestId('portfolio-rename').click();
  await page.getByTestId('portfolio-rename-input').fill('Premier');
  await page.getByTestId('portfolio-rename-save').click();
  await expect(page.getByTestId('portfolio-row').filter({ hasText: 'Premier' })).toHaveCount(1);
  await page.getByTestId('portfolio-row').filter({ hasText: 'Premier' }).getByTestId('portfolio-duplicate').click();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(3);
  // Back up "Premier".
  const premier = page.getByTestId('portfolio-row').filter({ hasText: /^Premier(?! \()/ }).first();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    premier.getByTestId('portfolio-backup').click(),
  ]);
  const backupPath = await download.path();
  const text = fs.readFileSync(backupPath, 'utf8');
  expect(JSON.parse(text).format).toBe('credit-assistant-backup');
  // Delete it (with confirmation; cancel first).
  await premier.getByTestId('portfolio-delete').click();
  await page.getByTestId('portfolio-delete-cancel').click();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(3);
  await premier.getByTestId('portfolio-delete').click();
  await page.getByTestId('portfolio-delete-confirm').click();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(2);
  // Restore: a new portfolio, opened, with the same dashboard.
  await page.getByTestId('restore-file').setInputFiles(backupPath);
  await expect(page.getByTestId('portfolio-row')).toHaveCount(3);
  await expect(page.getByTestId('portfolio-current')).toBeVisible();
  const restored = await dashboardFigures(page);
  expect(restored).toEqual(first);
  // Backing up the restored portfolio gives the same file.
  await page.getByTestId('nav-portfolios').click();
  const current = page.getByTestId('portfolio-row').filter({ has: page.getByTestId('portfolio-current') });
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    current.getByTestId('portfolio-backup').click(),
  ]);
  expect(fs.readFileSync(await again.path(), 'utf8')).toBe(text);
  // A tampered backup is refused and nothing is added.
  const tampered = text.replace('8500.50', '8500.51');
  expect(tampered).not.toBe(text);
  await page.getByTestId('restore-file').setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  await expect(page.getByTestId('portfolio-message')).toContainText('checksum');
  await expect(page.getByTestId('portfolio-row')).toHaveCount(3);
  // A backup from a newer version is refused with a clear message.
  const newer = text.replace('"schema":2', '"schema":99');
  await page.getByTestId('restore-file').setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
  await expect(page.getByTestId('portfolio-message')).toContainText('newer version');
  await expect(page.getByTestId('portfolio-row')).toHaveCount(3);
  expect(app.consoleErrors).toEqual([]);
});

test('a second tab follows changes and never corrupts the first', async ({ page, context }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await importFile(page, file('invoices_en.csv'), 'Shared');
  const first = await dashboardFigures(page);
  const other = await context.newPage();
  const app2 = new AppPage(other);
  await app2.goto('/');
  // The second tab opens the portfolio the first left open.
  const seen = await dashboardFigures(other);
  expect(seen).toEqual(first);
  await other.getByTestId('nav-portfolios').click();
  await expect(other.getByTestId('portfolio-row')).toHaveCount(1);
  // The first tab imports more into it: the second tab reloads it.
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-target').selectOption({ label: 'Shared' });
  const more = 'Invoice No,Customer ID,Invoice Date,Due Date,Amount\nINV-2001,C009,2025-06-01,2025-07-01,1000.00\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(more) });
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(other.getByTestId('portfolio-row').getByTestId('portfolio-invoices')).toHaveText('7');
  const updated = await dashboardFigures(other);
  expect(cents(updated.total)).toBe(cents(first.total) + 100000n);
  // A portfolio created in the second tab appears in the first.
  await other.getByTestId('nav-portfolios').click();
  await other.getByTestId('new-portfolio-name').fill('From tab two');
  await other.getByTestId('create-portfolio').click();
  await page.getByTestId('nav-portfolios').click();
  await expect(page.getByTestId('portfolio-row')).toHaveCount(2);
  // The first tab still has "Shared" open (the second opened its new
  // one), and both tabs read the same, whole data.
  await expect(page.getByTestId('open-portfolio')).toHaveText('Shared');
  const inFirst = await dashboardFigures(page);
  expect(inFirst).toEqual(updated);
  expect(app.consoleErrors).toEqual([]);
  expect(app2.consoleErrors).toEqual([]);
});

test('a save based on an older revision is refused, not mixed', async ({ page, context }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await importFile(page, file('invoices_en.csv'), 'Contested');
  // Tab one previews a file into "Contested"…
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-target').selectOption({ label: 'Contested' });
  const one = 'Invoice No,Customer ID,Invoice Date,Due Date,Amount\nONE-1,C001,2025-06-01,2025-07-01,111.00\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(one) });
  await expect(page.getByTestId('summary-valid')).toHaveText('1');
  // …while tab two imports into it first.
  const other = await context.newPage();
  await new AppPage(other).goto('/import');
  await other.getByTestId('import-target').selectOption({ label: 'Contested' });
  const two = 'Invoice No,Customer ID,Invoice Date,Due Date,Amount\nTWO-1,C002,2025-06-01,2025-07-01,222.00\n';
  await other.getByTestId('import-file').setInputFiles({ name: 'two.csv', mimeType: 'text/csv', buffer: Buffer.from(two) });
  await other.getByTestId('import-commit').click();
  await expect(other.getByTestId('import-done')).toBeVisible();
  const afterTwo = await dashboardFigures(other);
  // Tab one's import was based on the older revision: refused, with a
  // clear message, and tab two's data stands whole.
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-failure')).toContainText('Another tab changed this portfolio');
  await other.reload();
  expect(await dashboardFigures(other)).toEqual(afterTwo);
  // Trying again merges into what is stored now: both files' rows.
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await page.reload();
  const both = await dashboardFigures(page);
  expect(cents(both.total)).toBe(cents(afterTwo.total) + 11100n);
  await page.getByTestId('nav-portfolios').click();
  await expect(page.getByTestId('portfolio-row').getByTestId('portfolio-invoices')).toHaveText('8');
});

test('a foreign-currency ledger asks for its rate, then is aged in the base currency', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  // The user keeps the new portfolio in CNY (without that choice it would
  // take the file's one currency, EUR).
  await page.getByTestId('nav-import').click();
  await page.getByTestId('import-currency').selectOption('CNY');
  await importFile(page, file('invoices_semicolon.csv'), 'Euro buyers');
  await page.getByTestId('nav-dashboard').click();
  await expect(page.getByTestId('report-error')).toBeVisible();
  await expect(page.getByTestId('fx-missing')).toContainText('EUR');
  // A rate that is not a number is refused, and nothing changes.
  await page.getByTestId('fx-rate').fill('abc');
  await page.getByTestId('fx-add').click();
  await expect(page.getByTestId('fx-error')).toContainText('abc');
  await expect(page.getByTestId('fx-row')).toHaveCount(0);
  // 1 EUR = 7.8 CNY from 1 January 2025.
  await page.getByTestId('fx-rate').fill('7.8');
  await page.getByTestId('fx-date').fill('2025-01-01');
  await page.getByTestId('fx-add').click();
  await expect(page.getByTestId('fx-row')).toHaveCount(1);
  await expect(page.getByTestId('fx-missing')).toHaveCount(0);
  // 1,234.56 + 12.50 + 2,000.00 + 1,000.00 EUR × 7.8 = 33,127.068 CNY.
  await expect(page.getByTestId('ageing-total')).toBeVisible();
  expect(cents(await page.getByTestId('ageing-total').innerText())).toBe(3312707n);
  // Kept with the portfolio.
  await page.reload();
  await expect(page.getByTestId('ageing-total')).toBeVisible();
  expect(cents(await page.getByTestId('ageing-total').innerText())).toBe(3312707n);
  expect(app.consoleErrors).toEqual([]);
});
