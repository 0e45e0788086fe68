// Bring your own ledger: import (UTF-8, GBK with Chinese headers, a broken
// file, a corrected mapping, ambiguous dates), portfolios kept in
// IndexedDB across reloads, several portfolios, backup → delete → restore,
// and a second tab. Each test gets a fresh browser context, so a fresh
// IndexedDB.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { AppPage, DashboardPage, ImportPage, PortfoliosPage, cents, csvFile } from './pages/index.js';

const DATA = path.resolve(new URL('.', import.meta.url).pathname, '../../core/tests/data/import');
const file = (name) => path.join(DATA, name);

test('a UTF-8 file imports, is aged, and is still there after a reload', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await importer.importFile(file('invoices_en.csv'), 'Acme ledger');
  await expect(page.getByTestId('summary-rows')).toHaveCount(0);
  const before = await dashboard.figures();
  // 8,500.50 + 15,000 + 3,200 + 45,678.90 open, all long overdue, less
  // Blue River's credit note of 1,200, which nets its exposure.
  expect(cents(before.total)).toBe(7117940n);
  await page.reload();
  const after = await dashboard.figures();
  expect(after).toEqual(before);
  await portfolios.open();
  const row = portfolios.rows;
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('portfolio-row-name')).toContainText('Acme ledger');
  await expect(row.getByTestId('portfolio-invoices')).toHaveText('6');
  await expect(row.getByTestId('portfolio-customers')).toHaveText('4');
  await expect(page.getByTestId('storage-usage')).toContainText('MB');
  expect(app.consoleErrors).toEqual([]);
});

test('a GBK file with Chinese headers imports with its Chinese names', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  await app.goto('/');
  await importer.open();
  await importer.name('华东客户');
  await importer.choose(file('invoices_zh_gbk.csv'));
  await expect(importer.summary).toBeVisible();
  await expect(page.getByTestId('file-info')).toContainText('Gb18030');
  await expect(page.getByTestId('map-header').first()).toHaveText('发票号');
  await expect(page.getByTestId('summary-rows')).toHaveText('3');
  await expect(page.getByTestId('summary-buyers')).toHaveText('2');
  await expect(page.getByTestId('summary-total')).toContainText('264,789.50');
  await importer.commit();
  const figs = await dashboard.figures();
  expect(cents(figs.total)).toBe(24478950n);
  expect(figs.top.join(' ')).toContain('上海甲贸易有限公司');
  // Forcing the wrong encoding shows mojibake headers and a mapping that
  // finds nothing; forcing the right one reads it again.
  await importer.open();
  await importer.choose(file('invoices_zh_gbk.csv'));
  await expect(importer.summary).toBeVisible();
  await importer.encoding('utf8');
  await expect(importer.failure).toBeVisible();
  await importer.encoding('gb18030');
  await expect(page.getByTestId('summary-rows')).toHaveText('3');
  expect(app.consoleErrors).toEqual([]);
});

test('a broken file lists every error with its row and stores nothing', async ({ page }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await importer.importFile(file('broken.csv'), 'Broken', { expectErrors: true });
  await expect(page.getByTestId('import-errors')).toBeVisible();
  const rows = await page.getByTestId('error-row').allInnerTexts();
  // B-2 (no month 13) is on spreadsheet row 3, the header being row 1.
  expect(rows).toContain('3');
  expect(rows.length).toBeGreaterThanOrEqual(5);
  await expect(importer.commitButton).toBeDisabled();
  await expect(page.getByTestId('import-errors').getByText('2025-13-01')).toBeVisible();
  // All errors as CSV.
  const csv = await importer.errorsCsv();
  expect(csv.split('\n').filter((l) => l.trim()).length).toBe(rows.length + 1);
  expect(csv).toContain('2025-13-01');
  // Nothing stored.
  await portfolios.open();
  await expect(page.getByTestId('no-portfolios')).toBeVisible();
  await expect(portfolios.rows).toHaveCount(0);
  // In Chinese, the reasons are Chinese.
  await app.setLang('zh');
  await importer.open();
  await importer.choose(file('broken.csv'));
  await expect(page.getByTestId('error-reason').first()).toContainText(/[\u4e00-\u9fff]/);
  // Importing the valid rows only is an explicit choice.
  await importer.importValidOnly();
  await portfolios.open();
  await expect(portfolios.rows).toHaveCount(1);
});

test('a mapping corrected by hand imports, and is remembered for the next file', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  await app.goto('/');
  const csv = 'Rechnung,Kunde,Datum,Faellig,Betrag\nR-1,K1,2025-03-01,2025-03-31,100.00\nR-2,K2,2025-03-05,2025-04-04,250.50\n';
  const buffer = Buffer.from(csv, 'utf8');
  await importer.open();
  await importer.name('Mapped');
  await importer.choose({ name: 'german.csv', mimeType: 'text/csv', buffer });
  // Nothing recognised: the import says which columns are missing.
  await expect(importer.failure).toBeVisible();
  await importer.mapColumn(0, 'invoice_id');
  await importer.mapColumn(1, 'customer_id');
  await importer.mapColumn(2, 'issue_date');
  await importer.mapColumn(3, 'due_date');
  await importer.mapColumn(4, 'gross');
  await expect(page.getByTestId('summary-valid')).toHaveText('2');
  await importer.commit();
  // The next file into the same portfolio takes the remembered mapping,
  // and an id already stored is reported: skip or replace.
  await dashboard.open();
  await importer.open();
  const more = 'Rechnung,Kunde,Datum,Faellig,Betrag\nR-2,K2,2025-03-05,2025-04-04,999.00\nR-3,K1,2025-04-01,2025-05-01,10\n';
  await importer.choose(csvFile('more.csv', more));
  await expect(page.getByTestId('mapping-remembered')).toBeVisible();
  await expect(page.getByTestId('summary-existing')).toHaveText('1');
  await page.getByTestId('on-existing-replace').check();
  await importer.commitButton.click();
  await expect(importer.done).toContainText('1');
  const figs = await dashboard.figures();
  // R-1 100.00 + R-2 replaced by 999.00 + R-3 10.00.
  expect(cents(figs.total)).toBe(110900n);
  expect(app.consoleErrors).toEqual([]);
});

test('ambiguous dates make the user choose the order', async ({ page }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  await app.goto('/');
  await importer.importFile(file('ambiguous.csv'), 'Ambiguous', { expectErrors: true });
  await expect(page.getByTestId('date-order-needed')).toBeVisible();
  await expect(importer.commitButton).toBeDisabled();
  await page.getByTestId('import-date-order').selectOption('dmy');
  await expect(page.getByTestId('date-order-needed')).toHaveCount(0);
  await expect(page.getByTestId('summary-range')).toContainText('2025');
  await expect(importer.commitButton).toBeEnabled();
  await importer.commit();
  expect(app.consoleErrors).toEqual([]);
});

test('two portfolios, backup → delete → restore gives the same dashboard', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await importer.importFile(file('invoices_en.csv'), 'First');
  await importer.importFile(file('invoices_semicolon.csv'), 'Second');
  await portfolios.open();
  await expect(portfolios.rows).toHaveCount(2);
  // Open the first; its dashboard.
  await portfolios.openRow(portfolios.row('First'));
  const first = await dashboard.figures();
  // Rename and duplicate.
  await portfolios.open();
  await portfolios.rename(portfolios.row('First'), 'Premier');
  await expect(portfolios.row('Premier')).toHaveCount(1);
  await portfolios.duplicate(portfolios.row('Premier'));
  await expect(portfolios.rows).toHaveCount(3);
  // Back up "Premier".
  const premier = portfolios.row(/^Premier(?! \()/).first();
  const backupPath = await portfolios.backup(premier);
  const text = fs.readFileSync(backupPath, 'utf8');
  expect(JSON.parse(text).format).toBe('credit-assistant-backup');
  // Delete it (with confirmation; cancel first).
  await portfolios.deleteCancelled(premier);
  await expect(portfolios.rows).toHaveCount(3);
  await portfolios.delete(premier);
  await expect(portfolios.rows).toHaveCount(2);
  // Restore: a new portfolio, opened, with the same dashboard.
  await portfolios.restore(backupPath);
  await expect(portfolios.rows).toHaveCount(3);
  await expect(page.getByTestId('portfolio-current')).toBeVisible();
  const restored = await dashboard.figures();
  expect(restored).toEqual(first);
  // Backing up the restored portfolio gives the same file.
  await portfolios.open();
  expect(await portfolios.backupText(portfolios.current())).toBe(text);
  // A tampered backup is refused and nothing is added.
  const tampered = text.replace('8500.50', '8500.51');
  expect(tampered).not.toBe(text);
  await portfolios.restoreText('tampered.json', tampered);
  await expect(portfolios.message).toContainText('checksum');
  await expect(portfolios.rows).toHaveCount(3);
  // A backup from a newer version is refused with a clear message.
  const newer = text.replace('"schema":2', '"schema":99');
  await portfolios.restoreText('newer.json', newer);
  await expect(portfolios.message).toContainText('newer version');
  await expect(portfolios.rows).toHaveCount(3);
  expect(app.consoleErrors).toEqual([]);
});

test('a second tab follows changes and never corrupts the first', async ({ page, context }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await importer.importFile(file('invoices_en.csv'), 'Shared');
  const first = await dashboard.figures();
  const other = await context.newPage();
  const app2 = new AppPage(other);
  const otherDashboard = new DashboardPage(other);
  const otherPortfolios = new PortfoliosPage(other);
  await app2.goto('/');
  // The second tab opens the portfolio the first left open.
  const seen = await otherDashboard.figures();
  expect(seen).toEqual(first);
  await otherPortfolios.open();
  await expect(otherPortfolios.rows).toHaveCount(1);
  // The first tab imports more into it: the second tab reloads it.
  await importer.open();
  await importer.into('Shared');
  const more = 'Invoice No,Customer ID,Invoice Date,Due Date,Amount\nINV-2001,C009,2025-06-01,2025-07-01,1000.00\n';
  await importer.choose(csvFile('more.csv', more));
  await importer.commit();
  await expect(otherPortfolios.rows.getByTestId('portfolio-invoices')).toHaveText('7');
  const updated = await otherDashboard.figures();
  expect(cents(updated.total)).toBe(cents(first.total) + 100000n);
  // A portfolio created in the second tab appears in the first.
  await otherPortfolios.open();
  await otherPortfolios.create('From tab two');
  await portfolios.open();
  await expect(portfolios.rows).toHaveCount(2);
  // The first tab still has "Shared" open (the second opened its new
  // one), and both tabs read the same, whole data.
  await expect(page.getByTestId('open-portfolio')).toHaveText('Shared');
  const inFirst = await dashboard.figures();
  expect(inFirst).toEqual(updated);
  expect(app.consoleErrors).toEqual([]);
  expect(app2.consoleErrors).toEqual([]);
});

test('a save based on an older revision is refused, not mixed', async ({ page, context }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await importer.importFile(file('invoices_en.csv'), 'Contested');
  // Tab one previews a file into "Contested"…
  await importer.open();
  await importer.into('Contested');
  const one = 'Invoice No,Customer ID,Invoice Date,Due Date,Amount\nONE-1,C001,2025-06-01,2025-07-01,111.00\n';
  await importer.choose(csvFile('one.csv', one));
  await expect(page.getByTestId('summary-valid')).toHaveText('1');
  // …while tab two imports into it first.
  const other = await context.newPage();
  const otherImporter = new ImportPage(other);
  const otherDashboard = new DashboardPage(other);
  await new AppPage(other).goto('/import');
  await otherImporter.into('Contested');
  const two = 'Invoice No,Customer ID,Invoice Date,Due Date,Amount\nTWO-1,C002,2025-06-01,2025-07-01,222.00\n';
  await otherImporter.choose(csvFile('two.csv', two));
  await otherImporter.commit();
  const afterTwo = await otherDashboard.figures();
  // Tab one's import was based on the older revision: refused, with a
  // clear message, and tab two's data stands whole.
  await importer.commitButton.click();
  await expect(importer.failure).toContainText('Another tab changed this portfolio');
  await other.reload();
  expect(await otherDashboard.figures()).toEqual(afterTwo);
  // Trying again merges into what is stored now: both files' rows.
  await importer.commit();
  await page.reload();
  const both = await dashboard.figures();
  expect(cents(both.total)).toBe(cents(afterTwo.total) + 11100n);
  await portfolios.open();
  await expect(portfolios.rows.getByTestId('portfolio-invoices')).toHaveText('8');
});

test('a foreign-currency ledger asks for its rate, then is aged in the base currency', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  await app.goto('/');
  // The user keeps the new portfolio in CNY (without that choice it would
  // take the file's one currency, EUR).
  await importer.open();
  await page.getByTestId('import-currency').selectOption('CNY');
  await importer.importFile(file('invoices_semicolon.csv'), 'Euro buyers');
  await dashboard.open();
  await expect(page.getByTestId('report-error')).toBeVisible();
  await expect(page.getByTestId('fx-missing')).toContainText('EUR');
  // The reason is the core's typed error, said in the user's language.
  await expect(page.getByTestId('report-error')).toContainText('No exchange rate for EUR');
  await app.setLang('zh');
  await expect(page.getByTestId('report-error')).toContainText('没有 EUR');
  await expect(page.getByTestId('report-error')).not.toContainText('exchange rate');
  await app.setLang('en');
  // A rate that is not a number is refused, and nothing changes.
  await dashboard.addRate('abc');
  await expect(page.getByTestId('fx-error')).toContainText('abc');
  await expect(page.getByTestId('fx-row')).toHaveCount(0);
  // 1 EUR = 7.8 CNY from 1 January 2025.
  await dashboard.addRate('7.8', '2025-01-01');
  await expect(page.getByTestId('fx-row')).toHaveCount(1);
  await expect(page.getByTestId('fx-missing')).toHaveCount(0);
  // 1,234.56 + 12.50 + 2,000.00 + 1,000.00 EUR × 7.8 = 33,127.068 CNY.
  await expect(dashboard.ageingTotal).toBeVisible();
  expect(await dashboard.totalCents()).toBe(3312707n);
  // Kept with the portfolio.
  await page.reload();
  await expect(dashboard.ageingTotal).toBeVisible();
  expect(await dashboard.totalCents()).toBe(3312707n);
  expect(app.consoleErrors).toEqual([]);
});
