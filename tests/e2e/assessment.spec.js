// Assessing a buyer: meeting mode end to end (both languages, a refused
// figure, the one-page A4 print), and a portfolio buyer's page that saves
// an assessment and shows it after a reload.
import { test, expect } from '@playwright/test';
import { AppPage, CustomerPage, CustomersPage, MeetingPage } from './pages/index.js';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('meeting mode: figures in, grade, limit, terms and risks out, in English, offline', async ({ page, context }) => {
  const app = new AppPage(page);
  const meeting = new MeetingPage(page);
  await app.goto('/');
  await app.setLang('en');
  // Once loaded — the service worker installed with every file of the build,
  // which it fetches in the background after the first paint — the meeting
  // room's Wi-Fi can go: everything runs here. (Going offline while that
  // was still fetching made a console error: the flake of issue 18.)
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await meeting.open();
  await meeting.fillExample();
  const grade = await meeting.gradeNumber();
  expect(grade).toBeGreaterThanOrEqual(1);
  expect(grade).toBeLessThanOrEqual(10);
  await expect(meeting.limit).toHaveText(/^CNY [\d,]+\.\d\d$/);
  // Every method with its inputs is shown: net worth, working capital, needs.
  await expect(page.getByTestId('limit-method')).toHaveCount(3);
  const drivers = await page.getByTestId('driver').count();
  expect(drivers).toBeGreaterThanOrEqual(2);
  expect(drivers).toBeLessThanOrEqual(3);
  // A new buyer: the new-buyer rule, whatever the grade.
  await expect(meeting.newBuyerRule).toBeVisible();
  await expect(meeting.terms).toContainText(/guarantee|prepayment/);
  // With a payment history instead, the rule goes away.
  await meeting.paymentHistory('3', '12');
  await expect(meeting.newBuyerRule).toHaveCount(0);
  // A wrong figure is explained and not used.
  const limitBefore = await meeting.limit.innerText();
  await page.getByTestId('fin-total-assets').fill('30,000,000x');
  await expect(page.getByTestId('fin-total-assets-error')).toHaveText('Not a number');
  await page.getByTestId('fin-total-liabilities').fill('-5');
  await expect(page.getByTestId('fin-total-liabilities-error')).toHaveText('Cannot be negative');
  await page.getByTestId('fin-total-assets').fill('30,000,000');
  await page.getByTestId('fin-total-liabilities').fill('12,000,000');
  await expect(meeting.limit).toHaveText(limitBefore);
  expect(app.consoleErrors, app.failedRequests.join('\n')).toEqual([]);
  await context.setOffline(false);
});

test('meeting mode in Chinese, printed on one A4 page', async ({ page }, testInfo) => {
  const app = new AppPage(page);
  const meeting = new MeetingPage(page);
  await app.goto('/meeting');
  await app.setLang('zh');
  await meeting.fillExample();
  await expect(meeting.terms).toHaveText(/[\u3400-\u9fff]/);
  await expect(page.getByTestId('key-risks')).toHaveText(/[\u3400-\u9fff]/);
  // The print view: no navigation or form, the buyer's name and the result.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top')).toBeHidden();
  await expect(page.getByTestId('m-company')).toBeHidden();
  await expect(page.getByTestId('print-head')).toContainText('Hangzhou Example Trading Co.');
  await expect(meeting.grade).toBeVisible();
  const shot = await page.screenshot({ fullPage: true });
  await testInfo.attach('meeting-print.png', { body: shot, contentType: 'image/png' });
  expect(shot.length).toBeGreaterThan(20_000);
  // And as a PDF on A4: exactly one page.
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  expect(pages).toBe(1);
});

test('a buyer of the portfolio: assess, save with a note, still there after a reload', async ({ page }) => {
  const app = new AppPage(page);
  const customers = new CustomersPage(page);
  const buyer = new CustomerPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await customers.open();
  await customers.openFirstBuyer();
  await expect(page).toHaveURL(/\/customers\/C\d+$/);
  await expect(page.getByTestId('behaviour')).toBeVisible();
  await expect(page.getByTestId('delay-bar')).toHaveCount(12);
  await expect(page.getByTestId('utilisation')).toBeVisible();
  await expect(page.getByTestId('no-decisions')).toBeVisible();
  await buyer.fillFigures();
  const grade = await buyer.grade.innerText();
  await buyer.saveAssessment({ limit: '1,000,000', note: 'Limit agreed with the sales director; review in Q3.' });
  await expect(page.getByTestId('saved')).toBeVisible();
  await expect(buyer.decisions).toHaveCount(1);
  await page.reload();
  await expect(buyer.decisions).toHaveCount(1);
  await expect(page.getByTestId('decision-grade')).toHaveText(grade);
  await expect(buyer.note).toHaveText('Limit agreed with the sales director; review in Q3.');
  expect(app.consoleErrors).toEqual([]);
});

test('a saved assessment an earlier version kept under its own localStorage key moves into the demo, and grades the buyer', async ({ page }) => {
  const app = new AppPage(page);
  const customers = new CustomersPage(page);
  const buyer = new CustomerPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await customers.open();
  await customers.openFirstBuyer();
  await expect(page.getByTestId('no-decisions')).toBeVisible();
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  // The record as the previous version wrote it, under its own key.
  const legacy = `credit-assistant.decisions.演示组合 Demo portfolio (seed 2026).${id}`;
  const record = [{
    date: '2026-06-30', customer_id: id, currency: 'CNY', grade: 3, confidence: '0.8',
    recommended_limit: '120000', decided_limit: '100000', note: 'Saved by an earlier version',
    terms: { basis: 'OpenAccount', max_days: 60, security: [], new_buyer_rule: false },
  }];
  await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [legacy, record]);
  await page.reload();
  await expect(buyer.decisions).toHaveCount(1);
  await expect(buyer.note).toHaveText('Saved by an earlier version');
  await expect(page.getByTestId('decision-grade')).toHaveText('3');
  // Moved, not copied: the old key is gone and the demo's extras hold it.
  const after = await page.evaluate((k) => ({
    old: localStorage.getItem(k),
    extras: Object.keys(JSON.parse(localStorage.getItem('credit-assistant.demo.extras') || '{}')),
  }), legacy);
  expect(after.old).toBeNull();
  expect(after.extras).toContain(`decisions.${id}`);
  expect(app.consoleErrors).toEqual([]);
});
