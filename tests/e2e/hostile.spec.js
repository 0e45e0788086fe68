// Hostile input (issue 23): what an attacker tries against the build and
// the static server the README suggests.
import { test, expect } from '@playwright/test';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { AppPage, DashboardPage, ImportPage, PortfoliosPage, csvFile } from './pages/index.js';

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.resolve(here, '..', process.env.E2E_DIST || '../dist');

/** A raw GET (no URL normalisation on the way): status and body. */
function get(baseURL, rawPath) {
  const u = new URL(baseURL);
  return new Promise((ok, ko) => {
    http
      .get({ host: u.hostname, port: u.port, path: rawPath }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => ok({ status: res.statusCode, body }));
      })
      .on('error', ko);
  });
}

// Case 12: `tests/serve.mjs` served a sibling directory's file for
// `/..%2f…` (its check was a prefix of the path). A sibling whose name
// starts with the served directory's holds a secret; every encoded way
// out is refused, and a malformed escape is a bad request, not a crash.
test('the static server never serves a file outside its directory', async ({ baseURL }) => {
  const sibling = `${dist}-leak`;
  fs.mkdirSync(sibling, { recursive: true });
  fs.writeFileSync(path.join(sibling, 'secret.txt'), 'TOP-SECRET');
  const name = path.basename(sibling);
  try {
    for (const p of [
      `/..%2f${name}/secret.txt`,
      `/..%2F${name}%2Fsecret.txt`,
      `/%2e%2e%2f${name}/secret.txt`,
      `/..%5c${name}%5csecret.txt`,
      `/..%2f..%2f..%2fetc%2fpasswd`,
    ]) {
      const r = await get(baseURL, p);
      expect(r.body, p).not.toContain('TOP-SECRET');
      expect(r.body, p).not.toContain('root:');
      expect([403, 404], p).toContain(r.status);
    }
    // Dots the URL parser itself resolves stay inside: the app's page.
    const dots = await get(baseURL, '/%2e%2e/%2e%2e/etc/passwd');
    expect(dots.body).not.toContain('root:');
    expect((await get(baseURL, '/%E0%A4%A')).status).toBe(400);
    // The server is still up and serves the app.
    const home = await get(baseURL, '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<html');
  } finally {
    fs.rmSync(sibling, { recursive: true, force: true });
  }
});

// Case 11: a portfolio name of spaces only, or of 200,000 characters, is
// refused with the reason in the user's language, and nothing changes; a
// name with spaces around it is kept trimmed.
test('portfolio names are trimmed, never empty and bounded', async ({ page }) => {
  const app = new AppPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await page.evaluate(() => localStorage.clear());
  await app.goto('/portfolios');
  await app.setLang('en');
  await portfolios.create('  Ledger 2026  ');
  await portfolios.open();
  const row = portfolios.rows;
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('portfolio-row-name')).toHaveText(/^Ledger 2026\s*(open|已打开)?$/);

  await portfolios.create('x'.repeat(200_000));
  await expect(portfolios.message).toHaveText('The name has 200000 characters; at most 120. Nothing was changed.');
  await expect(row).toHaveCount(1);

  await portfolios.rename(row, '   ');
  await expect(portfolios.message).toHaveText('The name is empty. Nothing was changed.');
  await app.setLang('zh');
  await portfolios.saveRename();
  await expect(portfolios.message).toHaveText('名称为空。未做任何更改。');
  await portfolios.renameTo('  账本  ');
  await expect(row.getByTestId('portfolio-row-name')).toContainText('账本');
  await page.reload();
  await expect(portfolios.rows.getByTestId('portfolio-row-name')).toHaveText(/^账本\s*(open|已打开)?$/);
  expect(app.consoleErrors).toEqual([]);
});

// Cases 1, 3 and the PNG: a one-row file with 10^27 (every page then
// panicked), 200,000 columns (a drop-down each crashed the page) and a PNG
// ("required columns are missing") each end in a clear message, in the
// user's language, and nothing is stored; the app keeps working.
test('hostile files are refused with the reason, in both languages', async ({ page }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  await page.evaluate(() => localStorage.clear());
  await app.goto('/');
  await app.setLang('en');
  await importer.startNew('Hostile');

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  await importer.choose({ name: 'ledger.csv', mimeType: 'text/csv', buffer: png });
  await expect(importer.failure).toHaveText(/^This is not a CSV or XLSX file: it looks like a PNG image\./);
  await app.setLang('zh');
  await expect(importer.failure).toHaveText(/^这不是 CSV 或 XLSX 文件：它看起来是PNG 图片。/);
  await app.setLang('en');

  const wide = `${Array.from({ length: 200_000 }, (_, k) => `c${k}`).join(',')}\n`;
  await importer.choose(csvFile('wide.csv', wide));
  await expect(importer.failure).toHaveText('The file has 200000 columns; at most 1000 are read.');

  const huge = 'invoice,customer,issue date,due date,amount\nA-1,C1,2026-10-01,2026-10-31,1000000000000000000000000000\nA-2,C1,2026-10-01,2026-10-31,100.00\n';
  await importer.choose(csvFile('huge.csv', huge));
  await expect(importer.errors).toBeVisible();
  const row = page.getByTestId('import-error-row').first();
  await expect(row.getByTestId('error-row')).toHaveText('2');
  await expect(row.getByTestId('error-column')).toHaveText('amount');
  await expect(row.getByTestId('error-reason')).toHaveText('beyond the largest amount the reports can add up (1,000,000,000,000,000)');
  await app.setLang('zh');
  await expect(row.getByTestId('error-reason')).toHaveText('超出报表可汇总的最大金额（1,000,000,000,000,000）');
  // The good row imports; every page still works.
  await expect(importer.commitButton).toBeDisabled();
  await importer.importValidOnly();
  for (const nav of ['dashboard', 'customers', 'invoices', 'alerts', 'cash']) {
    await app.nav(nav);
    await expect(page.getByTestId('app-name')).toBeVisible();
  }
  await dashboard.open();
  await expect(dashboard.ageingTotal).toContainText('100.00');
  expect(app.consoleErrors).toEqual([]);
});

// Case 2: an XLSX of 1.5 KB with cells A1 and XFD1048576 crashed the
// worker ("capacity overflow") and left "Splitting it into rows…" on
// screen for ever. Now: the reason at once, in the user's language, and
// the next file imports.
test('an XLSX whose cells span the whole sheet is refused at once', async ({ page }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  await app.goto('/');
  await page.evaluate(() => localStorage.clear());
  await app.goto('/');
  await app.setLang('en');
  await importer.startNew('Far cells');
  const far = path.resolve(here, '../../core/fuzz/seeds/import/hostile_far_cells.xlsx');
  await importer.choose(far);
  await expect(importer.failure).toHaveText('The file has 16384 columns; at most 1000 are read.');
  await app.setLang('zh');
  await expect(importer.failure).toContainText('16384');
  await app.setLang('en');
  const ok = 'invoice,customer,issue date,due date,amount\nA-1,C1,2026-10-01,2026-10-31,100.00\n';
  await importer.choose(csvFile('ok.csv', ok));
  await expect(importer.summary).toBeVisible();
  await expect(importer.failure).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});
