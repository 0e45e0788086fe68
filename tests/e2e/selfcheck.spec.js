// The self-check for prospects (issue 9): the stepper in both languages, the
// share link, embed mode in an iframe, and no request leaving the origin.
import { test, expect } from '@playwright/test';
import http from 'node:http';
import { AppPage } from './app-page.js';
import { SelfCheckPage } from './selfcheck-page.js';

// Clear what an earlier visit stored only once the app has started: the
// app writes the language it chose when it starts, and a clear that ran
// before the page's wasm had loaded left that write to land after it.
test.beforeEach(async ({ page }) => {
  await new AppPage(page).goto('/');
  await page.evaluate(() => localStorage.clear());
});

const hasCjk = (t) => /[\u3400-\u9fff]/.test(t);

// A wholesaler with 25 million, 80 % on credit at 90 days, 12 buyers, the
// largest 35 %, 30 % exported, new markets, 60,000 of bad debts: every
// criterion fires. By hand (see credit_core::selfcheck): credit sales
// 20,000,000; receivables 20,000,000 × 100 ÷ 365 = 5,479,452; PD 1.2–2.4 %
// × 1.5 × 1.15 × 1.2; loss 61,249–122,499; premium 0.25 % = 50,000; the
// largest buyer's failure 5,479,452 × 35 % × 45 % = 863,014.
const RISKY = {
  currency: 'EUR', turnover: '25,000,000', credit: 80, industry: 'whs',
  terms: 90, buyers: 12, largest: 35, exportShare: 30, newMarkets: true, badDebts: 60000,
};

test('English: complete the self-check, back and forward keep the answers', async ({ page, baseURL }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.nav('selfcheck');
  await expect(page).toHaveURL(/\/self-check$/);
  const sc = new SelfCheckPage(page);
  await expect(page.getByTestId('sc-step')).toHaveText('Step 1 of 4 · Your sales');
  // Every question has a default and help.
  await expect(page.getByTestId('sc-turnover')).toHaveValue('20000000');
  await expect(page.locator('.sc-q .sc-help')).toHaveCount(4);
  // An answer out of range stops the stepper, naming the question.
  await sc.fill('sc-credit', 120);
  await expect(page.getByTestId('sc-error')).toHaveText('Please check this answer: Share sold on credit (%)');
  await expect(page.getByTestId('sc-next')).toBeDisabled();
  await sc.fill('sc-credit', 80);
  await expect(page.getByTestId('sc-next')).toBeEnabled();
  // Forward and back keep what was typed.
  await sc.fill('sc-turnover', '25,000,000');
  await sc.next();
  await sc.expectStep(2);
  await expect(page.getByTestId('sc-step')).toHaveText('Step 2 of 4 · Terms and buyers');
  await sc.back();
  await sc.expectStep(1);
  await expect(page.getByTestId('sc-turnover')).toHaveValue('25,000,000');
  await expect(page.getByTestId('sc-back')).toBeDisabled();

  await sc.answer(RISKY);
  const r = await sc.result();
  expect(r).toMatchObject({
    receivables: 'EUR 5,479,452',
    lossLow: 'EUR 61,249',
    lossHigh: '122,499',
    premium: 'EUR 50,000',
    largestLoss: 'EUR 863,014',
    verdict: 'recommended',
    verdictTitle: 'Credit insurance is recommended',
    criteria: ['large-concentrated', 'export', 'new-markets', 'long-terms', 'bad-debts'],
    measures: ['insure', 'limit-largest', 'check-new'],
  });
  expect(r.measureTexts[0]).toMatch(/^Ask a credit insurer for a quote/);
  expect(r.measureTexts.some(hasCjk)).toBe(false);
  await expect(page.getByTestId('sc-concentration')).toContainText('35.0 %');
  await expect(page.getByTestId('sc-chart').locator('rect')).toHaveCount(4);
  await expect(page.getByTestId('sc-premium-vs-loss')).toContainText('pay for itself');
  // The app's navigation is there (not embed mode).
  await expect(page.getByTestId('nav-dashboard')).toBeVisible();
  // Nothing stored: no answer is in localStorage.
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toMatch(/25000000|25,000,000|60000|v1&/);
  // No request left the origin, and no answer was ever in a request.
  const origin = new URL(baseURL).origin;
  expect(app.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'))).toEqual([]);
  expect(app.requests.filter((u) => u.includes('v1&'))).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
});

test.describe('a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });
  test('中文: complete the self-check with the defaults and one change', async ({ browser, baseURL }) => {
    // A prospect's first visit, by its address: a browser that has never
    // opened the app (no service worker, which would answer with the app's
    // own copy). The self-check is then its own entry (issue 16): the
    // self-check alone, without the app around it, and none of the app's
    // code downloaded.
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const app = new AppPage(page);
    await page.goto('/self-check');
    // What the page was given to choose from, named in a failure: the
    // browser's language and what is stored.
    const given = await page.evaluate(() => JSON.stringify({ language: navigator.language, stored: localStorage.getItem('credit-assistant.lang') }));
    await expect(page.getByTestId('sc-step'), given).toHaveText('第 1 步，共 4 步 · 销售情况');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('app-name')).toHaveCount(0);
    await expect(page.getByTestId('lang-en')).toBeVisible();
    expect(app.requests.filter((u) => /credit-app|credit-worker/.test(u))).toEqual([]);
    expect(app.requests.some((u) => /credit-selfcheck-[0-9a-f]+_bg\.wasm/.test(u))).toBe(true);
    await expect(page.getByTestId('sc-currency')).toHaveValue('CNY');
    const sc = new SelfCheckPage(page);
    // The defaults: a manufacturer with 20 million, 80 % on credit at 60 days.
    await sc.answer({});
    let r = await sc.result();
    expect(r).toMatchObject({
      receivables: 'CNY 3,068,493',
      lossLow: 'CNY 17,260',
      lossHigh: '34,521',
      premium: 'CNY 40,000',
      verdict: 'not-needed',
      verdictTitle: '目前无需投保信用保险',
      criteria: [],
      measures: ['limits', 'dunning', 'check-new'],
    });
    expect(r.measureTexts.every(hasCjk)).toBe(true);
    await expect(page.getByTestId('sc-concentration')).toHaveCount(0);
    // Change the answers: 3,000 of bad debts tips the verdict.
    await page.getByTestId('sc-restart').click();
    await sc.answer({ badDebts: '3000' });
    r = await sc.result();
    expect(r.verdict).toBe('worth-considering');
    expect(r.verdictTitle).toBe('值得考虑投保信用保险');
    expect(r.criteria).toEqual(['bad-debts']);
    await expect(page.getByTestId('sc-criterion')).toHaveText(['近三年发生过坏账']);
    expect(r.measures).toEqual(['dunning', 'insure', 'limits']);
    expect(r.measureTexts.every(hasCjk)).toBe(true);
    const origin = new URL(baseURL).origin;
    expect(app.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'))).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
    await context.close();
  });
});

test('the share link reproduces the same result in a fresh page, never sending the answers', async ({ page, context, baseURL }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await app.nav('selfcheck');
  const sc = new SelfCheckPage(page);
  await sc.answer(RISKY);
  const before = await sc.result();
  const link = await page.getByTestId('sc-share-link').inputValue();
  const url = new URL(link);
  expect(url.origin).toBe(new URL(baseURL).origin);
  expect(url.pathname).toBe('/self-check');
  expect(url.search).toBe('');
  expect(url.hash).toBe('#v1&cur=EUR&t=25000000&c=80&d=90&n=12&l=35&x=30&new=1&bd=60000&ind=whs');
  await expect(page.getByTestId('sc-share-open')).toHaveAttribute('href', link);

  const fresh = await context.newPage();
  const requests = [];
  fresh.on('request', (req) => requests.push(req.url()));
  await fresh.goto(link);
  const sc2 = new SelfCheckPage(fresh);
  await expect(fresh.getByTestId('sc-result')).toBeVisible();
  expect(await sc2.result()).toEqual(before);
  // The fragment stays in the browser: no request carries the answers.
  expect(requests.length).toBeGreaterThan(2);
  expect(requests.filter((u) => u.includes('#') || u.includes('v1&'))).toEqual([]);
  // A damaged link says so and starts the questions.
  await fresh.goto(`${baseURL}/self-check#v1&cur=EUR&t=lots`);
  await fresh.reload();
  await expect(fresh.getByTestId('sc-bad-link')).toBeVisible();
  await expect(fresh.getByTestId('sc-stepper')).toBeVisible();
});

test('embed mode: inside an iframe, no app navigation, and the parent learns the height', async ({ page, baseURL }) => {
  // The README's snippet, as a site owner would paste it, on a page of
  // another site: served by this test on another port (another origin, on
  // this machine), which the app's headers allow to frame the self-check.
  const hostPage = `<!DOCTYPE html><html><body>
    <h1>A credit insurer's site</h1>
    <iframe id="credit-self-check" src="${baseURL}/self-check?embed=1&lang=en"
      style="width:100%;max-width:760px;border:0" height="600" title="Credit risk self-check"></iframe>
    <script>
      window.heights = [];
      window.addEventListener('message', function (e) {
        if (e.data && e.data.type === 'credit-assistant:height') {
          window.heights.push(e.data.height);
          document.getElementById('credit-self-check').height = e.data.height;
        }
      });
    </script>
  </body></html>`;
  const server = http.createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(hostPage));
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const host = `http://127.0.0.1:${server.address().port}`;
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(`${host}/`);
  const frame = page.frameLocator('#credit-self-check');
  await expect(frame.getByTestId('selfcheck')).toBeVisible();
  await expect(frame.getByTestId('nav-selfcheck')).toHaveCount(0);
  await expect(frame.getByTestId('app-name')).toHaveCount(0);
  await expect(frame.locator('header, nav, footer')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.heights.length)).toBeGreaterThan(0);
  const first = await page.evaluate(() => window.heights[window.heights.length - 1]);
  expect(first).toBeGreaterThan(200);

  const sc = new SelfCheckPage(frame);
  await sc.answer(RISKY);
  expect((await sc.result()).verdict).toBe('recommended');
  // The result is taller than the first step: the parent hears it and
  // sizes the frame to it.
  await expect.poll(() => page.evaluate(() => window.heights[window.heights.length - 1])).toBeGreaterThan(first);
  const last = await page.evaluate(() => window.heights[window.heights.length - 1]);
  await expect(page.locator('#credit-self-check')).toHaveAttribute('height', String(last));
  const box = await page.locator('#credit-self-check').boundingBox();
  expect(Math.abs(box.height - last)).toBeLessThan(2);
  // Language switch inside the frame works too.
  await frame.getByTestId('lang-zh').click();
  await expect(frame.getByTestId('sc-verdict-title')).toHaveText('建议投保信用保险');
  // Every request went to the app's origin.
  const origin = new URL(baseURL).origin;
  expect(requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`${host}/`) && !u.startsWith('data:') && u !== 'about:blank')).toEqual([]);
  server.close();
});
