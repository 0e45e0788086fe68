// Trade credit insurance: enter a policy, see cover and deadlines for the
// demo portfolio, mark a notification, simulate a claim with its readiness
// checklist, and judge whether the premium pays.
import { test, expect } from '@playwright/test';
import { AlertsPage, AppPage, DashboardPage, InsurancePage, cents } from './pages/index.js';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('a policy, cover and deadlines for the demo, a notification, a claim, the cost/benefit', async ({ page }) => {
  const app = new AppPage(page);
  const insurance = new InsurancePage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await insurance.open();

  // A bad figure is refused with its field and value; nothing is kept.
  await insurance.savePolicy({ pct: 'ninety' });
  await expect(page.getByTestId('policy-errors')).toContainText("Indemnity: 'ninety'");
  // The policy.
  await insurance.savePolicy({ insurer: 'Example Credit Insurance', pct: '90', nql: '1000', afl: '20000', max: '5000000', rate: '0.25' });
  await expect(page.getByTestId('policy-saved')).toBeVisible();

  // Cover: insured + uninsured = open without VAT, per buyer and in total.
  const open = await insurance.amountOf('cover-open');
  const ins = await insurance.amountOf('cover-total-insured');
  const unins = await insurance.amountOf('cover-total-uninsured');
  expect(open).toBeGreaterThan(0n);
  expect(ins).toBeGreaterThan(0n);
  // Rounded shares may differ from the rounded total by a cent.
  const gap = ins + unins - open;
  expect(gap >= -1n && gap <= 1n).toBe(true);
  await expect(insurance.coverRows.first()).toBeVisible();
  await expect(page.getByTestId('cover-chart').getByTestId('bar-insured').first()).toBeAttached();
  // The filter: buyers above their insured limit, as many as the fact says,
  // each flagged; then every buyer again.
  const over = Number(await page.getByTestId('cover-over').innerText());
  expect(over).toBeGreaterThan(0);
  // The 20 largest first; "show all" lists every buyer with something open.
  await expect(insurance.coverRows).toHaveCount(20);
  const buyers = Number((await page.getByTestId('cover-count').innerText()).match(/of (\d+) buyers/)[1]);
  expect(buyers).toBeGreaterThan(20);
  await page.getByTestId('cover-more').click();
  await expect(insurance.coverRows).toHaveCount(buyers);
  const all = buyers;
  await insurance.filterCover('over');
  await expect(insurance.coverRows).toHaveCount(over);
  await expect(page.getByTestId('cover-count')).toContainText(`${over} buyers`);
  const flagged = await insurance.coverRows.evaluateAll((rs) => rs.every((r) => r.querySelector('[data-testid=over-limit]')));
  expect(flagged).toBe(true);
  await insurance.filterCover('outside');
  const outside = await insurance.coverRows.evaluateAll((rs) => rs.every((r) => r.querySelector('[data-testid=outside]')));
  expect(outside).toBe(true);
  await insurance.filterCover('all');
  await expect(insurance.coverRows).toHaveCount(all);

  // Deadlines: every overdue invoice of an insured buyer.
  await insurance.openDeadlines();
  const rows = insurance.deadlines;
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  // Record a notification on the first one still to notify.
  const first = page.getByTestId('deadlines-table').getByTestId('mark-notified').first();
  const inv = await first.locator('xpath=ancestor::tr').getAttribute('data-invoice');
  await first.click();
  await expect(insurance.deadline(inv).getByTestId('notified')).toBeVisible();
  expect(await rows.count()).toBe(before);

  // The claim simulator on an insured buyer: the waterfall, step by step.
  // Its loss is capped at what the cover table shows insured; the policy
  // above (NQL 1,000, AFL 20,000, 90 %, no cap reached) pays 90 % of the
  // rest, and 5,000 of recoveries take 4,500 off the indemnity.
  const insuredRows = await insurance.coverRows.evaluateAll((rs) => rs.map((r) => [r.dataset.customer, r.querySelector('[data-testid=cover-insured]').innerText]));
  const [buyer, insuredText] = insuredRows.find(([, t]) => cents(t) >= 10000000n);
  const insured = cents(insuredText);
  await insurance.claimBuyer(buyer);
  await page.getByTestId('claim-event').selectOption('insolvency');
  await expect(page.getByTestId('claim-step').first()).toBeVisible();
  await expect.poll(() => insurance.claimStepCents('capped')).toBe(insured);
  const indemnity = await insurance.amountOf('claim-indemnity');
  const want = ((insured - 2000000n) * 9n + 5n) / 10n;
  expect(indemnity - want <= 1n && want - indemnity <= 1n, `${indemnity} vs ${want}`).toBe(true);
  // A bad figure is refused with its value.
  await page.getByTestId('claim-recoveries').fill('1x');
  await expect(page.getByTestId('claim-error')).toContainText("'1x'");
  await page.getByTestId('claim-recoveries').fill('5000');
  await expect.poll(() => insurance.claimStepCents('recoveries')).toBe(500000n);
  const less = await insurance.amountOf('claim-indemnity');
  expect(indemnity - less - 450000n <= 1n && indemnity - less - 450000n >= -1n, `${indemnity} - ${less}`).toBe(true);
  // A buyer with invoices outside cover: they are in the unpaid total and
  // stay with you (issue 18): stays with you = everything unpaid with VAT −
  // recoveries − indemnity.
  const outsideBuyer = await insurance.coverRows.evaluateAll((rs) => rs.find((r) => r.querySelector('[data-testid=outside]') && r.querySelector('[data-testid=cover-insured]').innerText.trim() !== '0.00')?.dataset.customer);
  expect(outsideBuyer, 'an insured buyer with invoices outside cover').toBeTruthy();
  {
    await insurance.claimBuyer(outsideBuyer);
    const step = (k) => insurance.claimStep(k);
    await expect(step('outside_cover')).toBeVisible();
    await expect(page.getByTestId('claim-excluded')).toBeVisible();
    const all = cents(await step('unpaid_total').innerText());
    const outsideAmt = cents(await step('outside_cover').innerText());
    expect(cents(await step('unpaid_gross').innerText())).toBe(all - outsideAmt);
    const ind = await insurance.amountOf('claim-indemnity');
    const kept = await insurance.amountOf('claim-retained');
    const expectKept = all - 500000n - ind;
    expect(kept).toBe(expectKept > 0n ? expectKept : 0n);
    await insurance.claimBuyer(buyer);
  }
  // A buyer with no insured limit: nothing is covered, and it says why.
  const bare = await insurance.coverRows.evaluateAll((rs) => rs.find((r) => r.querySelector('[data-testid=cover-insured]').innerText.trim() === '0.00' && r.querySelector('td:nth-child(3)').innerText.trim() === '0.00')?.dataset.customer);
  if (bare) {
    await insurance.claimBuyer(bare);
    await expect(page.getByTestId('claim-below-nql')).toContainText('no insured limit');
    await expect(insurance.indemnity).toHaveText(/^(CNY )?0\.00$/);
    await insurance.claimBuyer(buyer);
  }
  // Readiness: a contract ticked is no longer missing, and is kept.
  const contract = insurance.readiness('contract');
  await expect(contract).toHaveAttribute('data-state', 'missing');
  await contract.getByTestId('readiness-tick').check();
  await expect(contract).toHaveAttribute('data-state', 'in hand');

  // Is it worth it: figures and a verdict.
  await expect(page.getByTestId('worth-verdict')).not.toBeEmpty();
  expect(await insurance.amountOf('worth-premium')).toBeGreaterThan(0n);

  // All kept with the portfolio (the demo: this browser).
  await page.reload();
  await insurance.open();
  await expect(page.getByTestId('pol-insurer')).toHaveValue('Example Credit Insurance');
  await insurance.openDeadlines();
  await expect(insurance.deadline(inv).getByTestId('notified')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('insurer deadlines of the week show on the dashboard, in Chinese too', async ({ page }) => {
  const app = new AppPage(page);
  const insurance = new InsurancePage(page);
  const dashboard = new DashboardPage(page);
  const alerts = new AlertsPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await insurance.open();
  // A date three days before an invoice's notification is due.
  const notifyBy = await insurance.deadlines.first().getAttribute('data-notify-by');
  const inv = await insurance.deadlines.first().getAttribute('data-invoice');
  const d = new Date(`${notifyBy}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 3);
  await app.setAsOf(d.toISOString().slice(0, 10));
  await expect(insurance.weekDeadline(inv)).toHaveCount(1);
  const week = await page.getByTestId('week-deadline').count();
  await dashboard.open();
  await expect(page.getByTestId('dashboard-deadline')).toHaveCount(Math.min(week, 8));
  await expect(page.getByTestId('dashboard-deadlines')).toContainText(inv);
  await app.setLang('zh');
  await expect(page.getByTestId('dashboard-deadlines')).toContainText('保险期限');
  // The alerts have it too (the insurer-deadline rule).
  await alerts.open();
  await alerts.filterRule('insurer_deadline');
  await expect(alerts.at('alert-row', { rule: 'insurer_deadline' }).first()).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});
