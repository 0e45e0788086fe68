// Monitoring: the alerts panel, the Alerts page with acknowledge and snooze
// surviving a reload, the heat map leading to a buyer, limit checks.
import { test, expect } from '@playwright/test';
import { AppPage } from './app-page.js';

const PLANTED = 'C0007';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('the dashboard says what needs attention, with evidence; the planted buyer is flagged', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  const panel = page.getByTestId('alerts-panel');
  await expect(panel).toBeVisible();
  const critical = Number((await page.getByTestId('count-critical').innerText()).replace(/\D+/g, ''));
  expect(critical).toBeGreaterThan(0);
  await expect(panel.getByTestId('alert-row').first()).toBeVisible();
  // Trends of the portfolio on the dashboard.
  await expect(page.getByTestId('trend-dso')).toBeVisible();
  await expect(page.getByTestId('trend-delay')).toBeVisible();
  await expect(page.getByTestId('trend-overdue')).toBeVisible();

  await page.getByTestId('all-alerts-link').click();
  await page.getByTestId('filter-rule').selectOption('volume_up_paying_slower');
  const rows = page.getByTestId('alert-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-customer', PLANTED);
  await expect(rows.first().getByTestId('alert-evidence')).toContainText('Sales of the last 3 months');
  await expect(rows.first().getByTestId('alert-severity')).toHaveText('Critical');
  await expect(rows.first().getByTestId('limit-check')).toBeVisible();
  // In Chinese, the same alert in Chinese.
  await app.setLang('zh');
  await expect(rows.first().getByTestId('alert-rule')).toHaveText('采购量上升而付款变慢');
  await expect(rows.first().getByTestId('alert-evidence')).toContainText('近3个月月均销售');
  expect(app.consoleErrors).toEqual([]);
});

test('acknowledge and snooze survive a reload; a snooze ends on its date', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await app.nav('alerts');
  const rows = page.getByTestId('alert-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  expect(before).toBeGreaterThan(1);

  // Acknowledge the planted buyer's alert with a note.
  const key = `volume_up_paying_slower:${PLANTED}`;
  const row = page.locator(`[data-testid=alert-row][data-key="${key}"]`);
  await row.getByTestId('alert-note-open').click();
  await row.getByTestId('alert-note-text').fill('Called the CFO, they expect a new credit line');
  await row.getByTestId('alert-ack').click();
  await expect(row).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);

  // Snooze another one for a week.
  const other = rows.first();
  const otherKey = await other.getAttribute('data-key');
  const asOf = await page.getByTestId('as-of').inputValue();
  const until = new Date(Date.parse(asOf) + 7 * 86400e3).toISOString().slice(0, 10);
  await other.getByTestId('alert-note-open').click();
  await other.getByTestId('alert-until').fill(until);
  await other.getByTestId('alert-snooze').click();
  await expect(page.locator(`[data-testid=alert-row][data-key="${otherKey}"]`)).toHaveCount(0);
  await expect(rows).toHaveCount(before - 2);

  // Both survive a reload.
  await page.reload();
  await expect(page.getByTestId('alert-table')).toBeVisible();
  await expect(rows).toHaveCount(before - 2);
  await page.getByTestId('filter-show').selectOption('noted');
  await expect(rows).toHaveCount(2);
  await expect(page.locator(`[data-testid=alert-row][data-key="${key}"]`).getByTestId('alert-note')).toContainText('Called the CFO');
  await expect(page.locator(`[data-testid=alert-row][data-key="${otherKey}"]`).getByTestId('alert-note')).toContainText('Snoozed until');

  // On the snooze's date the alert needs attention again (if it still holds).
  await page.getByTestId('filter-show').selectOption('open');
  await app.setAsOf(until);
  await expect(page.getByTestId('alert-table')).toBeVisible();
  const stillThere = await page.locator(`[data-testid=alert-row][data-key="${key}"]`).count();
  expect(stillThere).toBe(0); // the acknowledged one stays acknowledged
  // Reopen the acknowledged alert: it needs attention again.
  await app.setAsOf(asOf);
  await page.getByTestId('filter-show').selectOption('noted');
  await page.locator(`[data-testid=alert-row][data-key="${key}"]`).getByTestId('alert-reopen').click();
  await page.getByTestId('filter-show').selectOption('open');
  await expect(page.locator(`[data-testid=alert-row][data-key="${key}"]`)).toHaveCount(1);
  expect(app.consoleErrors).toEqual([]);
});

test('the heat map leads to a buyer, whose page shows its limit check, trends and alerts', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await app.nav('alerts');
  const map = page.getByTestId('heat-map');
  await expect(map).toBeVisible();
  const points = page.getByTestId('heat-point');
  expect(await points.count()).toBeGreaterThan(20);
  await page.locator(`[data-testid=heat-point][data-id="${PLANTED}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${PLANTED}$`));
  await expect(page.getByTestId('customer-heading')).toContainText(PLANTED);
  await expect(page.getByTestId('limit-check').first()).toBeVisible();
  await expect(page.getByTestId('trends')).toBeVisible();
  const alerts = page.getByTestId('customer-alerts');
  await expect(alerts.locator(`[data-rule=volume_up_paying_slower]`)).toHaveCount(1);
  // Limit checks wherever a buyer appears: the buyer list too.
  await app.nav('customers');
  expect(await page.getByTestId('limit-check').count()).toBeGreaterThan(10);
  expect(app.consoleErrors).toEqual([]);
});

test('thresholds are settings kept with the portfolio: a lower one raises more alerts', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await app.nav('alerts');
  await page.getByTestId('filter-show').selectOption('all');
  await page.getByTestId('filter-rule').selectOption('utilisation');
  await expect(page.getByTestId('alert-count')).toBeVisible();
  const before = await page.getByTestId('alert-row').count();
  await page.getByTestId('thresholds').locator('summary').click();
  await expect(page.getByTestId('th-utilisation')).toHaveValue('90');
  await expect(page.getByTestId('th-steps')).toHaveValue('7, 30, 60');
  // A bad figure says which, what and why, and changes nothing.
  await page.getByTestId('th-utilisation').fill('abc');
  await page.getByTestId('th-apply').click();
  await expect(page.getByTestId('th-error')).toHaveText("Utilisation: 'abc' is not a number from 1 to 100.");
  await expect(page.getByTestId('alert-row')).toHaveCount(before);
  await page.getByTestId('th-utilisation').fill('40');
  await page.getByTestId('th-apply').click();
  await expect(page.getByTestId('th-saved')).toBeVisible();
  await expect.poll(() => page.getByTestId('alert-row').count()).toBeGreaterThan(before);
  const after = await page.getByTestId('alert-row').count();
  await page.reload();
  await page.getByTestId('filter-show').selectOption('all');
  await page.getByTestId('filter-rule').selectOption('utilisation');
  await expect(page.getByTestId('alert-row')).toHaveCount(after);
  await page.getByTestId('thresholds').locator('summary').click();
  await expect(page.getByTestId('th-utilisation')).toHaveValue('40');
  expect(app.consoleErrors).toEqual([]);
});

// Issue 18, item 6: one grade per buyer. The heat map places a buyer never
// saved at the grade its own page computes from the ledger (marked as
// computed); a buyer with no figures and a clean payment history is "not
// assessed" on both, with no grade and no PD; recommended terms never
// exceed the terms asked for; a figure entered grades the buyer.
test('one grade per buyer: heat map and buyer page agree; no grade without evidence; terms never longer than asked', async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await app.nav('alerts');
  await expect(page.getByTestId('heat-map')).toBeVisible();

  const graded = page.locator('[data-testid=heat-point]:not([data-grade=na])').first();
  const g = await graded.getAttribute('data-grade');
  expect(Number(g)).toBeGreaterThanOrEqual(1);
  await expect(graded.locator('title')).toContainText(`grade ${g} (from the ledger)`);
  await graded.dispatchEvent('click');
  await expect(page.getByTestId('customer-heading')).toBeVisible();
  await expect(page.getByTestId('grade-value')).toHaveText(g);

  await app.nav('alerts');
  const na = page.locator('[data-testid=heat-point][data-grade=na]').first();
  await expect(na.locator('title')).toContainText('not assessed');
  const naId = await na.getAttribute('data-id');
  await na.dispatchEvent('click');
  await expect(page.getByTestId('customer-heading')).toContainText(naId);
  await expect(page.getByTestId('grade-value')).toHaveText('—');
  await expect(page.getByTestId('not-assessed')).toHaveText('not assessed');
  await expect(page.getByTestId('not-assessed-why')).toContainText('no financial figures');
  await expect(page.getByTestId('pd')).toHaveCount(0);
  // Not grade 10 and a limit of 0: the neutral grade's terms, capped at
  // what is asked for (the neutral grade allows 60 days).
  await page.getByTestId('terms-days').fill('45');
  await expect(page.getByTestId('terms')).toContainText('up to 45 days');
  await page.getByTestId('terms-days').fill('90');
  await expect(page.getByTestId('terms')).toContainText('up to 60 days');
  await app.setLang('zh');
  await expect(page.getByTestId('not-assessed')).toHaveText('未评估');
  await expect(page.getByTestId('not-assessed-why')).toContainText('没有财务数据');
  await expect(page.getByTestId('terms')).toContainText('最长 60 天');
  // A financial figure is evidence: graded.
  await page.getByTestId('fin-sales').fill('5000000');
  await page.getByTestId('fin-total-assets').fill('4000000');
  await expect(page.getByTestId('grade-value')).toHaveText(/^([1-9]|10)$/);
  await expect(page.getByTestId('pd')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
