// CSV export: the files the dashboard and the invoice list offer hold the
// figures the pages show, as UTF-8 with a BOM and a header row.
import { test, expect } from '@playwright/test';
import { AppPage, DashboardPage, InvoicesPage, cents } from './pages/index.js';

const BOM = [0xef, 0xbb, 0xbf];

/** RFC 4180: rows of cells; the BOM, if any, skipped. */
function parseCsv(text) {
  const s = text.startsWith('\ufeff') ? text.slice(1) : text;
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quoted) {
      if (c === '"' && s[k + 1] === '"') { cell += '"'; k++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && s[k + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; k++; }
    else cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** The file is UTF-8 with exactly one BOM, CRLF rows, and this header. */
function expectBomAndHeader(file, header) {
  expect([...file.bytes.subarray(0, 3)]).toEqual(BOM);
  expect([...file.bytes.subarray(3, 6)]).not.toEqual(BOM);
  const first = file.text.slice(1).split('\r\n')[0];
  expect(first).toBe(header);
  expect(file.text.endsWith('\r\n')).toBe(true);
}

/** The demo's name as the export writes it in a file name. */
const DEMO_NAME = /^(Demo-portfolio-seed-\d+|演示组合-种子-\d+)$/;

function expectFileName(name, kind, asOf) {
  const m = new RegExp(`^${kind}-(.+)-${asOf}\\.csv$`).exec(name);
  expect(m, name).not.toBeNull();
  expect(m[1]).toMatch(DEMO_NAME);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('the ageing export holds the bucket amounts the dashboard shows', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  const asOf = await app.asOf();
  const shown = await dashboard.bucketCents();
  const shownTotal = await dashboard.totalCents();
  const shownDisputed = await dashboard.disputedCents();
  expect(shown.length).toBe(6);

  const file = await dashboard.exportFile('export-ageing');
  expectFileName(file.name, 'ageing', asOf);
  const rows = parseCsv(file.text);
  const header = rows[0];
  expect(header.slice(0, 2)).toEqual(['customer_id', 'customer_name']);
  // After the buckets: the credits column, the net total, of which
  // disputed, and both sides (open debits, open credits).
  expect(header.slice(-5)).toEqual(['credits_column', 'total', 'disputed', 'open_debits', 'open_credits']);
  expectBomAndHeader(file, header.join(','));
  expect(header.length).toBe(2 + shown.length + 5);
  // The TOTAL row: the same amounts, cent for cent, as the table.
  const total = rows.find((r) => r[0] === 'TOTAL');
  expect(total).toBeDefined();
  expect(rows[rows.length - 1]).toBe(total);
  expect(total.slice(2, 2 + shown.length).map(cents)).toEqual(shown);
  expect(cents(total[3 + shown.length])).toBe(shownTotal);
  expect(cents(total[4 + shown.length])).toBe(shownDisputed);
  // net = open debits − open credits
  expect(cents(total[5 + shown.length]) - cents(total[6 + shown.length])).toBe(shownTotal);
  // One row per buyer, whose amounts add up to the total (each rounded
  // to the cent: at most half a cent apart per row).
  const buyers = rows.slice(1, -1);
  expect(buyers.length).toBeGreaterThanOrEqual(120);
  const slack = BigInt(buyers.length);
  for (let b = 0; b < shown.length; b++) {
    const sum = buyers.reduce((a, r) => a + cents(r[2 + b]), 0n);
    expect(sum - shown[b] <= slack && shown[b] - sum <= slack).toBe(true);
  }
  // Names beyond ASCII (Müller, Mécanique, …) survive as UTF-8.
  expect(buyers.some((r) => /[^\x00-\x7f]/.test(r[1]))).toBe(true);
  // In Chinese the demo's Chinese buyers have their Chinese names, and the
  // file keeps them, with the same figures.
  await app.setLang('zh');
  const zh = await dashboard.exportFile('export-ageing');
  expectFileName(zh.name, 'ageing', asOf);
  const zhRows = parseCsv(zh.text);
  expect(zhRows.slice(1).some((r) => /[\u3400-\u9fff]/.test(r[1]))).toBe(true);
  expect(zhRows.find((r) => r[0] === 'TOTAL')).toEqual(total);
  await expect(page.getByTestId('export-error')).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

test('the key-figure export holds the DSO the KPI card shows', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  const asOf = await app.asOf();
  const card = await dashboard.kpi('dso').innerText();
  const m = /^(-?\d+\.\d) days$/.exec(card.trim());
  expect(m, card).not.toBeNull();

  const file = await dashboard.exportFile('export-kpis');
  expectFileName(file.name, 'kpis', asOf);
  expectBomAndHeader(file, 'kpi,value');
  const kpi = Object.fromEntries(parseCsv(file.text).slice(1));
  expect(kpi.as_of).toBe(asOf);
  expect(kpi.currency).toBe('CNY');
  expect(kpi.dso).toBe(m[1]);
  // And after a new report date, the export follows it.
  const earlier = new Date(`${asOf}T00:00:00Z`);
  earlier.setUTCDate(earlier.getUTCDate() - 75);
  const iso = earlier.toISOString().slice(0, 10);
  await app.setAsOf(iso);
  await expect(dashboard.kpi('dso')).not.toHaveText(card);
  const card2 = await dashboard.kpi('dso').innerText();
  const file2 = await dashboard.exportFile('export-kpis');
  expectFileName(file2.name, 'kpis', iso);
  const kpi2 = Object.fromEntries(parseCsv(file2.text).slice(1));
  expect(kpi2.as_of).toBe(iso);
  expect(`${kpi2.dso} days`).toBe(card2.trim());
  expect(app.consoleErrors).toEqual([]);
});

test('the invoice export holds every invoice the filter matches, on every page', async ({ page }) => {
  const app = new AppPage(page);
  const invoices = new InvoicesPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await invoices.open();
  // The list opens on open invoices; "Any" is every invoice.
  await invoices.filterStatus('');
  await expect(invoices.rows).toHaveCount(50);
  const asOf = await app.asOf();
  const count = () => invoices.count();
  const header = 'invoice_id,customer_id,customer_name,issue_date,due_date,currency,gross,vat,paid,payment_date,disputed,dispute_reason,dispute_date';

  // Unfiltered: every invoice.
  const all = await count();
  expect(all).toBeGreaterThan(1000);
  const fileAll = await invoices.exportFile('export-invoices');
  expectFileName(fileAll.name, 'invoices', asOf);
  expectBomAndHeader(fileAll, header);
  expect(parseCsv(fileAll.text).length - 1).toBe(all);

  // Open only (the list's own first view): fewer, more than one page, and
  // each one not fully paid.
  await invoices.filterStatus('open');
  await expect.poll(count).toBeLessThan(all);
  const open = await count();
  expect(open).toBeGreaterThan(50);
  await expect(invoices.rows).toHaveCount(50);
  const visible = await invoices.ids();
  const file = await invoices.exportFile('export-invoices');
  expectBomAndHeader(file, header);
  const rows = parseCsv(file.text).slice(1);
  expect(rows.length).toBe(open);
  const ids = rows.map((r) => r[0]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of visible) expect(ids).toContain(id);
  // Open: issued by the report date, not fully paid by it.
  for (const r of rows) {
    expect(r[3] <= asOf, `${r[0]} issued ${r[3]}`).toBe(true);
    if (r[8] !== '' && r[9] <= asOf) expect(Number(r[8]) < Number(r[6]), `${r[0]} paid ${r[8]} of ${r[6]}`).toBe(true);
  }
  await expect(page.getByTestId('export-error')).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});
