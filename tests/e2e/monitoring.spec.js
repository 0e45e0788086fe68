// Monitoring: the alerts panel, the Alerts page with acknowledge and snooze
// surviving a reload, the heat map leading to a buyer, limit checks.
import { test, expect } from '@playwright/test';
import { AlertsPage, AppPage, CustomerPage, CustomersPage, DashboardPage } from './pages/index.js';

const PLANTED = 'C0007';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('the dashboard says what needs attention, with evidence; the planted buyer is flagged', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const alerts = new AlertsPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  const panel = dashboard.alertsPanel;
  await expect(panel).toBeVisible();
  const critical = Number((await page.getByTestId('count-critical').innerText()).replace(/\D+/g, ''));
  expect(critical).toBeGreaterThan(0);
  await expect(panel.getByTestId('alert-row').first()).toBeVisible();
  // Trends of the portfolio on the dashboard.
  await expect(page.getByTestId('trend-dso')).toBeVisible();
  await expect(page.getByTestId('trend-delay')).toBeVisible();
  await expect(page.getByTestId('trend-overdue')).toBeVisible();

  await page.getByTestId('all-alerts-link').click();
  await alerts.filterRule('volume_up_paying_slower');
  const rows = alerts.rows;
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
  const alerts = new AlertsPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await alerts.open();
  const rows = alerts.rows;
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  expect(before).toBeGreaterThan(1);

  // Acknowledge the planted buyer's alert with a note.
  const key = `volume_up_paying_slower:${PLANTED}`;
  const row = alerts.row(key);
  await alerts.acknowledge(row, 'Called the CFO, they expect a new credit line');
  await expect(row).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);

  // Snooze another one for a week.
  const other = rows.first();
  const otherKey = await other.getAttribute('data-key');
  const asOf = await app.asOf();
  const until = new Date(Date.parse(asOf) + 7 * 86400e3).toISOString().slice(0, 10);
  await alerts.snooze(other, until);
  await expect(alerts.row(otherKey)).toHaveCount(0);
  await expect(rows).toHaveCount(before - 2);

  // Both survive a reload.
  await page.reload();
  await expect(alerts.table).toBeVisible();
  await expect(rows).toHaveCount(before - 2);
  await alerts.show('noted');
  await expect(rows).toHaveCount(2);
  await expect(alerts.row(key).getByTestId('alert-note')).toContainText('Called the CFO');
  await expect(alerts.row(otherKey).getByTestId('alert-note')).toContainText('Snoozed until');

  // On the snooze's date the alert needs attention again (if it still holds).
  await alerts.show('open');
  await app.setAsOf(until);
  await expect(alerts.table).toBeVisible();
  const stillThere = await alerts.row(key).count();
  expect(stillThere).toBe(0); // the acknowledged one stays acknowledged
  // Reopen the acknowledged alert: it needs attention again.
  await app.setAsOf(asOf);
  await alerts.show('noted');
  await alerts.reopen(alerts.row(key));
  await alerts.show('open');
  await expect(alerts.row(key)).toHaveCount(1);
  expect(app.consoleErrors).toEqual([]);
});

test('the heat map leads to a buyer, whose page shows its limit check, trends and alerts', async ({ page }) => {
  const app = new AppPage(page);
  const alerts = new AlertsPage(page);
  const buyer = new CustomerPage(page);
  const customers = new CustomersPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await alerts.open();
  await expect(alerts.heatMap).toBeVisible();
  expect(await alerts.heatPoints.count()).toBeGreaterThan(20);
  await alerts.heatPoint(PLANTED).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${PLANTED}$`));
  await expect(buyer.heading).toContainText(PLANTED);
  await expect(page.getByTestId('limit-check').first()).toBeVisible();
  await expect(page.getByTestId('trends')).toBeVisible();
  await expect(buyer.alerts.locator(`[data-rule=volume_up_paying_slower]`)).toHaveCount(1);
  // Limit checks wherever a buyer appears: the buyer list too.
  await customers.open();
  expect(await page.getByTestId('limit-check').count()).toBeGreaterThan(10);
  expect(app.consoleErrors).toEqual([]);
});

test('thresholds are settings kept with the portfolio: a lower one raises more alerts', async ({ page }) => {
  const app = new AppPage(page);
  const alerts = new AlertsPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await alerts.open();
  await alerts.show('all');
  await alerts.filterRule('utilisation');
  await expect(alerts.count).toBeVisible();
  const before = await alerts.rows.count();
  await alerts.openThresholds();
  await expect(page.getByTestId('th-utilisation')).toHaveValue('90');
  await expect(page.getByTestId('th-steps')).toHaveValue('7, 30, 60');
  // A bad figure says which, what and why, and changes nothing.
  await alerts.applyThreshold('th-utilisation', 'abc');
  await expect(page.getByTestId('th-error')).toHaveText("Utilisation: 'abc' is not a number from 1 to 100.");
  await expect(alerts.rows).toHaveCount(before);
  await alerts.applyThreshold('th-utilisation', '40');
  await expect(page.getByTestId('th-saved')).toBeVisible();
  await expect.poll(() => alerts.rows.count()).toBeGreaterThan(before);
  const after = await alerts.rows.count();
  await page.reload();
  await alerts.show('all');
  await alerts.filterRule('utilisation');
  await expect(alerts.rows).toHaveCount(after);
  await alerts.openThresholds();
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
  const alerts = new AlertsPage(page);
  const buyer = new CustomerPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await alerts.open();
  await expect(alerts.heatMap).toBeVisible();

  const graded = page.locator('[data-testid=heat-point]:not([data-grade=na])').first();
  const g = await graded.getAttribute('data-grade');
  expect(Number(g)).toBeGreaterThanOrEqual(1);
  await expect(graded.locator('title')).toContainText(`grade ${g} (from the ledger)`);
  await graded.dispatchEvent('click');
  await expect(buyer.heading).toBeVisible();
  await expect(buyer.grade).toHaveText(g);

  await alerts.open();
  const na = alerts.at('heat-point', { grade: 'na' }).first();
  await expect(na.locator('title')).toContainText('not assessed');
  const naId = await na.getAttribute('data-id');
  await na.dispatchEvent('click');
  await expect(buyer.heading).toContainText(naId);
  await expect(buyer.grade).toHaveText('—');
  await expect(page.getByTestId('not-assessed')).toHaveText('not assessed');
  await expect(page.getByTestId('not-assessed-why')).toContainText('no financial figures');
  await expect(page.getByTestId('pd')).toHaveCount(0);
  // Not grade 10 and a limit of 0: the neutral grade's terms, capped at
  // what is asked for (the neutral grade allows 60 days).
  await buyer.askTerms('45');
  await expect(buyer.terms).toContainText('up to 45 days');
  await buyer.askTerms('90');
  await expect(buyer.terms).toContainText('up to 60 days');
  await app.setLang('zh');
  await expect(page.getByTestId('not-assessed')).toHaveText('未评估');
  await expect(page.getByTestId('not-assessed-why')).toContainText('没有财务数据');
  await expect(buyer.terms).toContainText('最长 60 天');
  // A financial figure is evidence: graded.
  await buyer.fillFigures({ 'fin-sales': '5000000', 'fin-total-assets': '4000000' });
  await expect(buyer.grade).toHaveText(/^([1-9]|10)$/);
  await expect(page.getByTestId('pd')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
