// Dunning: the plan for the demo portfolio, a letter in each language
// (shown, printed), mark it done, the next day the step is gone and the
// next one scheduled; the log kept with the portfolio; the policy editor.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { AppPage, CustomerPage, DunningPage, ImportPage, PortfoliosPage, cents } from './pages/index.js';

const DATA = path.resolve(new URL('.', import.meta.url).pathname, '../../core/tests/data/import');

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

function nextDay(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test('the plan, a letter in English and Chinese, printed; mark done; next day the next step is scheduled', async ({ page }) => {
  const app = new AppPage(page);
  const dunning = new DunningPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await dunning.open();
  const rows = dunning.rows;
  await expect(rows.first()).toBeVisible();
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  // One line per buyer per step.
  const keys = await dunning.keys();
  expect(new Set(keys).size).toBe(keys.length);
  const buyers = await dunning.buyers();
  expect(new Set(buyers).size).toBe(buyers.length);

  // A line at the first step (Standard: +7 reminder letter), so a next step exists.
  const row = dunning.planRow({ step: 0 }).first();
  await expect(row).toBeVisible();
  const customer = await row.getAttribute('data-customer');
  const invoices = (await row.getByTestId('plan-invoices').innerText()).split(', ');
  expect(invoices.length).toBeGreaterThan(0);

  // Its letter in English: the buyer, each invoice, the totals.
  await dunning.showLetter(row);
  const body = dunning.letterBody;
  await expect(body).toContainText(customer);
  for (const id of invoices) await expect(body).toContainText(id);
  await expect(page.getByTestId('letter-subject')).not.toBeEmpty();
  // Chinese.
  await dunning.letterLang('zh');
  await expect(body).toContainText(/[\u4e00-\u9fff]/);
  for (const id of invoices) await expect(body).toContainText(id);
  // An edit for this letter only shows on the sheet.
  await page.getByTestId('letter-body-input').fill('特此函告。');
  await expect(body).toHaveText('特此函告。');
  await dunning.letterLang('en');
  await expect(body).toContainText(customer);
  // Printed, in each language: the letter alone.
  for (const lang of ['zh', 'en']) {
    await dunning.letterLang(lang);
    await page.emulateMedia({ media: 'print' });
    await expect(dunning.letterSheet).toBeVisible();
    await expect(dunning.letterSheet).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    await expect(page.getByTestId('plan-panel')).toBeHidden();
    await expect(page.getByTestId('nav-dashboard')).toBeHidden();
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.length).toBeGreaterThan(1000);
    await page.emulateMedia({ media: 'screen' });
  }
  await expect(body).toContainText(customer);

  // Mark it done: it leaves the plan, the log has it, its next step is scheduled.
  await dunning.markDone(row, 'sent by post');
  await expect(page.getByTestId('done-msg')).toBeVisible();
  await expect(dunning.planRow({ customer, step: 0 })).toHaveCount(0);
  await expect(dunning.log).toHaveCount(1);
  await expect(dunning.log.first()).toContainText('sent by post');

  // The next day: the step stays gone, the next one is scheduled with its date.
  const asOf = await app.asOf();
  await app.setAsOf(nextDay(asOf));
  await expect(dunning.rows.first()).toBeVisible();
  await expect(dunning.planRow({ customer, step: 0 })).toHaveCount(0);
  await expect(dunning.upcomingRow({ customer, step: 1 })).toHaveCount(1);

  // The log is kept with the portfolio (the demo: this browser) and shows on the buyer's page.
  await page.reload();
  await dunning.open();
  await expect(dunning.log).toHaveCount(1);
  await new CustomerPage(page).goto(customer);
  await expect(page.getByTestId('buyer-dunning').getByTestId('log-row')).toHaveCount(1);
  expect(app.consoleErrors).toEqual([]);
});

test('late interest under the EU regime with a reference rate; the plan as CSV', async ({ page }) => {
  const app = new AppPage(page);
  const dunning = new DunningPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await dunning.open();
  // The day's work first; the settings on their own tab.
  await expect(page.getByTestId('interest-regime')).toHaveCount(0);
  await dunning.tab('settings');
  // No rate yet: the page says that no interest is charged.
  await expect(page.getByTestId('interest-no-rate')).toBeVisible();
  await page.getByTestId('interest-regime').selectOption('eu');
  await page.getByTestId('ref-rate-add').click();
  await page.getByTestId('ref-rate-from').fill('2020-01-01');
  await page.getByTestId('ref-rate-value').fill('x1');
  await dunning.saveInterest();
  // A bad rate is refused with its row and value; nothing is kept.
  await expect(page.getByTestId('interest-errors')).toContainText("'x1'");
  await page.getByTestId('ref-rate-value').fill('2.15');
  await page.getByTestId('letter-company').fill('Example Export Ltd');
  await page.getByTestId('letter-bank').fill('IBAN DE00 1234');
  await dunning.saveInterest();
  await expect(page.getByTestId('interest-saved')).toBeVisible();
  await expect(page.getByTestId('interest-no-rate')).toHaveCount(0);
  // Back (the browser's button) to the day's work, where the plan now charges interest.
  await page.goBack();
  await expect(page).toHaveURL(/\/dunning$/);
  await expect(page.getByTestId('plan-row').first()).toBeVisible();
  const interest = (await page.getByTestId('plan-interest').allInnerTexts()).map(cents);
  expect(interest.some((x) => x > 0n)).toBe(true);
  // The letter carries the bank details.
  await dunning.id('plan-letter').first().click();
  await expect(dunning.letterBody).toContainText('IBAN DE00 1234');

  const file = await dunning.exportFile('plan-export-csv');
  expect(file.name).toMatch(/^dunning-plan-.*\.csv$/);
  const text = file.text;
  const lines = text.replace(/^\ufeff/, '').trim().split(/\r?\n/);
  expect(lines.length).toBeGreaterThan(1);
  expect(app.consoleErrors).toEqual([]);
});

test('the policy editor: a bad offset is refused; the Firm preset stops deliveries and puts the buyer on hold', async ({ page }) => {
  const app = new AppPage(page);
  const dunning = new DunningPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await dunning.open();
  await dunning.tab('settings');
  await page.getByTestId('policy-preset').selectOption('firm');
  await expect(page.getByTestId('policy-step')).toHaveCount(3);
  await dunning.stepOffset(1, '1x');
  await dunning.savePolicy();
  await expect(page.getByTestId('policy-errors')).toContainText("'1x'");
  await dunning.stepOffset(1, '10');
  await dunning.savePolicy();
  await expect(page.getByTestId('policy-saved')).toBeVisible();
  // The plan follows the Firm policy: its second step, now 10 days after
  // the due date, stops deliveries.
  await dunning.tab('today');
  const row = dunning.planRow({ step: 1 }).first();
  await expect(row).toBeVisible();
  const customer = await row.getAttribute('data-customer');
  await dunning.markDone(row);
  await expect(dunning.planRow({ customer, step: 1 })).toHaveCount(0);
  const buyer = new CustomerPage(page);
  await buyer.goto(customer);
  await expect(page.getByTestId('buyer-hold')).toBeVisible();
  await buyer.liftHold();
  await expect(page.getByTestId('buyer-hold')).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

test('a stored portfolio keeps its action log, in its backup too', async ({ page }) => {
  const app = new AppPage(page);
  const dunning = new DunningPage(page);
  await app.goto('/');
  await app.setLang('en');
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await importer.startNew('Dunned');
  await importer.choose(path.join(DATA, 'invoices_en.csv'));
  await importer.commit();
  // Every open invoice of this 2025 ledger is long overdue: one line per buyer.
  await dunning.open();
  const rows = dunning.rows;
  await expect(rows.first()).toBeVisible();
  const buyers = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.customer));
  expect(new Set(buyers).size).toBe(buyers.length);
  expect(buyers).toContain('C004');
  const row = dunning.planRow({ customer: 'C004' });
  await expect(row.getByTestId('plan-invoices')).toHaveText('INV-1006');
  await dunning.markDone(row, 'handed to counsel');
  await expect(page.getByTestId('done-msg')).toBeVisible();
  await expect(dunning.planRow({ customer: 'C004' })).toHaveCount(0);
  // Kept in IndexedDB: still there after a reload.
  await page.reload();
  await dunning.open();
  await expect(dunning.log).toHaveCount(1);
  // In the backup: delete the portfolio, restore it, the log is back.
  await portfolios.open();
  const backupPath = await portfolios.backup(portfolios.rows.first());
  const text = fs.readFileSync(backupPath, 'utf8');
  expect(text).toContain('handed to counsel');
  expect(text).toContain('INV-1006');
  await portfolios.delete(portfolios.rows.first());
  await expect(portfolios.rows).toHaveCount(0);
  await portfolios.restore(backupPath);
  await expect(portfolios.rows).toHaveCount(1);
  await dunning.open();
  await expect(dunning.log).toHaveCount(1);
  await expect(dunning.log.first()).toContainText('handed to counsel');
  await expect(dunning.planRow({ customer: 'C004' })).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

test('a stored log that cannot be read is never written over', async ({ page }) => {
  const app = new AppPage(page);
  const dunning = new DunningPage(page);
  await app.goto('/');
  await app.setLang('en');
  // A log as a newer version might have written it.
  const newer = '{"schema":99,"entries":[]}';
  await page.evaluate((v) => localStorage.setItem('credit-assistant.demo.extras', JSON.stringify({ 'dunning.log': v })), newer);
  await app.loadDemo();
  await dunning.open();
  const row = dunning.rows.first();
  await expect(row).toBeVisible();
  await dunning.markDone(row);
  await expect(page.getByTestId('done-error')).toContainText('nothing was written');
  await expect(page.getByTestId('done-msg')).toHaveCount(0);
  const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('credit-assistant.demo.extras'))['dunning.log']);
  expect(kept).toBe(newer);
  await app.setLang('zh');
  await expect(page.getByTestId('done-error')).toContainText('未写入');
});
