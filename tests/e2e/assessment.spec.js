// Assessing a buyer: meeting mode end to end (both languages, a refused
// figure, the one-page A4 print), and a portfolio buyer's page that saves
// an assessment and shows it after a reload.
import { test, expect } from '@playwright/test';
import { AppPage } from './app-page.js';

const figures = {
  'fin-sales': '50,000,000',
  'fin-ebit': '4,000,000',
  'fin-total-assets': '30,000,000',
  'fin-total-liabilities': '12,000,000',
  'fin-current-assets': '15,000,000',
  'fin-current-liabilities': '8,000,000',
  'fin-retained': '9,000,000',
  'fin-equity': '18,000,000',
};

async function fillMeeting(page) {
  await page.getByTestId('m-company').fill('Hangzhou Example Trading Co.');
  await page.getByTestId('m-country').fill('CN');
  await page.getByTestId('m-industry').fill('Machinery');
  for (const [id, v] of Object.entries(figures)) await page.getByTestId(id).fill(v);
  await page.getByTestId('years').fill('12');
  await page.getByTestId('m-purchases').fill('6,000,000');
  await page.getByTestId('m-terms-days').fill('60');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
});

test('meeting mode: figures in, grade, limit, terms and risks out, in English, offline', async ({ page, context }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  // Once loaded — the service worker installed with every file of the build,
  // which it fetches in the background after the first paint — the meeting
  // room's Wi-Fi can go: everything runs here. (Going offline while that
  // was still fetching made a console error: the flake of issue 18.)
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  await context.setOffline(true);
  await page.getByTestId('nav-meeting').click();
  await fillMeeting(page);
  const grade = Number(await page.getByTestId('grade-value').innerText());
  expect(grade).toBeGreaterThanOrEqual(1);
  expect(grade).toBeLessThanOrEqual(10);
  await expect(page.getByTestId('recommended-limit')).toHaveText(/^CNY [\d,]+\.\d\d$/);
  // Every method with its inputs is shown: net worth, working capital, needs.
  await expect(page.getByTestId('limit-method')).toHaveCount(3);
  const drivers = await page.getByTestId('driver').count();
  expect(drivers).toBeGreaterThanOrEqual(2);
  expect(drivers).toBeLessThanOrEqual(3);
  // A new buyer: the new-buyer rule, whatever the grade.
  await expect(page.getByTestId('new-buyer-rule')).toBeVisible();
  await expect(page.getByTestId('terms')).toContainText(/guarantee|prepayment/);
  // With a payment history instead, the rule goes away.
  await page.getByTestId('m-new-buyer').uncheck();
  await page.getByTestId('m-avg-delay').fill('3');
  await page.getByTestId('m-worst-delay').fill('12');
  await expect(page.getByTestId('new-buyer-rule')).toHaveCount(0);
  // A wrong figure is explained and not used.
  const limitBefore = await page.getByTestId('recommended-limit').innerText();
  await page.getByTestId('fin-total-assets').fill('30,000,000x');
  await expect(page.getByTestId('fin-total-assets-error')).toHaveText('Not a number');
  await page.getByTestId('fin-total-liabilities').fill('-5');
  await expect(page.getByTestId('fin-total-liabilities-error')).toHaveText('Cannot be negative');
  await page.getByTestId('fin-total-assets').fill('30,000,000');
  await page.getByTestId('fin-total-liabilities').fill('12,000,000');
  await expect(page.getByTestId('recommended-limit')).toHaveText(limitBefore);
  expect(app.consoleErrors, app.failedRequests.join('\n')).toEqual([]);
  await context.setOffline(false);
});

test('meeting mode in Chinese, printed on one A4 page', async ({ page }, testInfo) => {
  const app = new AppPage(page);
  await app.goto('/meeting');
  await app.setLang('zh');
  await fillMeeting(page);
  await expect(page.getByTestId('terms')).toHaveText(/[\u3400-\u9fff]/);
  await expect(page.getByTestId('key-risks')).toHaveText(/[\u3400-\u9fff]/);
  // The print view: no navigation or form, the buyer's name and the result.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.top')).toBeHidden();
  await expect(page.getByTestId('m-company')).toBeHidden();
  await expect(page.getByTestId('print-head')).toContainText('Hangzhou Example Trading Co.');
  await expect(page.getByTestId('grade-value')).toBeVisible();
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
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  await app.nav('customers');
  await page.getByTestId('customer-name').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/customers\/C\d+$/);
  await expect(page.getByTestId('behaviour')).toBeVisible();
  await expect(page.getByTestId('delay-bar')).toHaveCount(12);
  await expect(page.getByTestId('utilisation')).toBeVisible();
  await expect(page.getByTestId('no-decisions')).toBeVisible();
  for (const [id, v] of Object.entries(figures)) await page.getByTestId(id).fill(v);
  const grade = await page.getByTestId('grade-value').innerText();
  await page.getByTestId('decided-limit').fill('1,000,000');
  await page.getByTestId('decision-note').fill('Limit agreed with the sales director; review in Q3.');
  await page.getByTestId('save-assessment').click();
  await expect(page.getByTestId('saved')).toBeVisible();
  await expect(page.getByTestId('decision-row')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('decision-row')).toHaveCount(1);
  await expect(page.getByTestId('decision-grade')).toHaveText(grade);
  await expect(page.getByTestId('decision-note-text')).toHaveText('Limit agreed with the sales director; review in Q3.');
  expect(app.consoleErrors).toEqual([]);
});
