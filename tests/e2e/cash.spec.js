// Terms and cash: the 13-week forecast with a scenario, forecast against
// actual, the discount calculator, a payment plan that moves the forecast,
// working capital.
import { test, expect } from '@playwright/test';
import { AppPage, CashPage, cents } from './pages/index.js';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('13-week forecast: weekly totals within open AR; a scenario side by side; forecast against actual', async ({ page }) => {
  const app = new AppPage(page);
  const cash = new CashPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await cash.open();
  await expect(cash.weeks).toHaveCount(13);
  const weeks = await cash.weekCents();
  const open = await cash.amountOf('fc-open');
  const later = await cash.amountOf('fc-later');
  const sum = weeks.reduce((a, b) => a + b, 0n);
  expect(sum).toBeGreaterThan(0n);
  expect(sum + later).toBeLessThanOrEqual(open);
  for (const w of weeks) expect(w).toBeLessThanOrEqual(open);
  await expect(page.getByTestId('forecast-bar')).toHaveCount(13);

  // A scenario: 90-day terms push collections of invoices not yet due later.
  await cash.scenario('terms', '90');
  await expect(page.getByTestId('week-scenario')).toHaveCount(13);
  await expect(page.getByTestId('scenario-bar')).toHaveCount(13);
  const alt = await cash.weekCents('week-scenario');
  const altSum = alt.reduce((a, b) => a + b, 0n);
  expect(altSum).toBeLessThan(sum);
  // A bad figure is refused with what and why.
  await page.getByTestId('scenario-days').fill('9x');
  await expect(page.getByTestId('scenario-error')).toContainText("'9x'");

  // Forecast made 13 weeks ago against what came in since.
  await expect(page.getByTestId('actual-week').first()).toBeVisible();
  expect(await page.getByTestId('actual-week').count()).toBeGreaterThanOrEqual(12);
  expect(app.consoleErrors).toEqual([]);
});

test('terms calculator: 2/10 net 30 costs 37.2 % simple, 44.6 % effective', async ({ page }) => {
  const app = new AppPage(page);
  const cash = new CashPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await cash.open();
  await page.getByTestId('discount-text').fill('2/10/30');
  await expect(page.getByTestId('rate-simple')).toHaveText('37.2 %');
  await expect(page.getByTestId('rate-effective')).toHaveText('44.6 %');
  await page.getByTestId('discount-text').fill('2/40/30');
  await expect(page.getByTestId('discount-error')).toContainText('2/40/30');
  // Longer terms for the whole portfolio tie up more cash.
  await page.getByTestId('terms-days').fill('90');
  await expect(page.getByTestId('cash-effect')).toContainText('more tied up');
  await page.getByTestId('terms-days').fill('10');
  await expect(page.getByTestId('cash-effect')).toContainText('freed');
});

test('a payment plan sums to its total, is saved to the buyer and moves the forecast, and survives a reload', async ({ page }) => {
  const app = new AppPage(page);
  const cash = new CashPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await cash.open();
  const before = await cash.weekCents();
  await expect(page.getByTestId('fc-on-plans')).toContainText('0.00');

  const buyer = page.getByTestId('plan-buyer');
  const value = await buyer.locator('option').nth(1).getAttribute('value');
  await buyer.selectOption(value);
  await expect(page.getByTestId('plan-balance')).not.toHaveValue('');
  await page.getByTestId('plan-count').fill('3');
  await page.getByTestId('plan-rate').fill('0');
  await expect(page.getByTestId('plan-row')).toHaveCount(3);
  const amounts = (await page.getByTestId('plan-amount').allInnerTexts()).map(cents);
  const total = cents(await page.getByTestId('plan-total').innerText());
  expect(amounts.reduce((a, b) => a + b, 0n)).toBe(total);
  expect(total).toBe(cents(await page.getByTestId('plan-balance').inputValue()));
  // A bad figure says which field, which value and why.
  await page.getByTestId('plan-count').fill('0');
  await expect(page.getByTestId('plan-error')).toContainText("Instalments: '0'");
  await page.getByTestId('plan-count').fill('3');
  await page.getByTestId('plan-note').fill('Agreed in the meeting');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('plan-saved')).toBeVisible();
  await expect(cash.savedPlans).toHaveCount(1);
  await expect(page.getByTestId('plan-state')).toContainText('On track');

  // The forecast moved: the buyer's overdue invoices are now expected on
  // the instalments.
  await expect(page.getByTestId('fc-on-plans')).not.toContainText(/^CNY 0\.00$/);
  const after = await cash.weekCents();
  expect(after).not.toEqual(before);

  await page.reload();
  await expect(cash.savedPlans).toHaveCount(1);
  await expect(cash.savedPlans).toHaveAttribute('data-customer', value);
  expect(await cash.weekCents()).toEqual(after);
  expect(app.consoleErrors).toEqual([]);
});

test('working capital from the ledger and the figures typed in, kept with the portfolio', async ({ page }) => {
  const app = new AppPage(page);
  const cash = new CashPage(page);
  await app.goto('/');
  await app.setLang('zh');
  await app.loadDemo();
  await cash.open();
  await cash.fill({
    'wc-inventory': '3,000,000',
    'wc-payables': '2,000,000',
    'wc-cogs': '12,000,000',
    'wc-cash': '1,500,000',
    'wc-liabilities': '5,000,000',
  });
  await page.getByTestId('wc-liabilities').blur();
  await expect(page.getByTestId('wc-ccc')).toContainText('天');
  await expect(page.getByTestId('wc-cash-ratio')).toHaveText('0.3');
  await page.getByTestId('wc-cash').fill('abc');
  await expect(page.getByTestId('wc-error')).toContainText('现金：“abc”不是金额');
  await page.getByTestId('wc-cash').fill('1,500,000');
  await page.getByTestId('wc-cash').blur();
  await page.reload();
  await expect(page.getByTestId('wc-inventory')).toHaveValue('3,000,000');
  await expect(page.getByTestId('wc-cash-ratio')).toHaveText('0.3');
});
