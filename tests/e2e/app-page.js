// Page object for Credit Assistant: what the tests touch, by data-testid.
import { expect } from '@playwright/test';

/** Parses "1,234,567.89" (or "-1,234.50") into integer cents, exactly. */
export function cents(text) {
  const t = text.trim().replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw new Error(`not an amount: "${text}"`);
  const frac = (m[3] || '').padEnd(2, '0');
  const v = BigInt(m[2]) * 100n + BigInt(frac || '0');
  return m[1] ? -v : v;
}

export class AppPage {
  constructor(page) {
    this.page = page;
    this.consoleErrors = [];
    this.requests = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') this.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => this.consoleErrors.push(String(err)));
    page.on('request', (req) => this.requests.push(req.url()));
    // Which request failed, when a console error says one did.
    this.failedRequests = [];
    page.on('requestfailed', (req) => this.failedRequests.push(`${req.url()} ${req.failure()?.errorText ?? ''}`));
  }

  async goto(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByTestId('app-name')).toBeVisible();
  }

  async loadDemo() {
    await this.page.getByTestId('load-demo').click();
    await expect(this.page.getByTestId('ageing-total').or(this.page.getByTestId('customers-table')).or(this.page.getByTestId('invoices-table')).first()).toBeVisible();
  }

  async loadLargeDemo() {
    await this.page.getByTestId('load-large-demo').click();
    await expect(this.page.getByTestId('ageing-total')).toBeVisible({ timeout: 60_000 });
  }

  async setLang(lang) {
    await this.page.getByTestId(lang === 'zh' ? 'lang-zh' : 'lang-en').click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
  }

  async nav(which) {
    await this.page.getByTestId(`nav-${which}`).click();
  }

  async setAsOf(isoDate) {
    await this.page.getByTestId('as-of').fill(isoDate);
    await this.page.getByTestId('as-of').dispatchEvent('change');
  }

  async bucketCents() {
    const cells = await this.page.getByTestId('bucket-amount').allInnerTexts();
    return cells.map(cents);
  }

  async totalCents() {
    return cents(await this.page.getByTestId('ageing-total').innerText());
  }

  /** Texts of every label-like element (not data) on the page, in order. */
  async labels() {
    return this.page.evaluate(() => {
      const sel = [
        'nav a', 'h1', 'h2', 'h3', 'thead th', 'tbody th', 'label > span:first-child',
        'button', '.kpi-help', '.tagline', 'footer', 'option',
        '[data-testid=app-name]', '.facts > span',
      ].join(',');
      return [...document.querySelectorAll(sel)]
        .filter((el) => el.offsetParent !== null || el.tagName === 'OPTION')
        .map((el) => el.textContent.trim())
        .filter((t) => t.length > 0);
    });
  }
}
