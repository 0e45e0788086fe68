// Page object for the shell of Credit Assistant, on every page: loading,
// navigation, language, the report date, the lock; and what the page
// logs (console errors, requests). Each page has its own object in pages/.
import { expect } from '@playwright/test';
import { cents, navigate, setAsOf } from './pages/screen.js';

export { cents };

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

  /** Loads a path and waits for the app to start. */
  async goto(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByTestId('app-name')).toBeVisible();
  }

  /** Loads the demo portfolio (from the empty state). */
  async loadDemo() {
    await this.page.getByTestId('load-demo').click();
    await expect(this.page.getByTestId('ageing-total').or(this.page.getByTestId('customers-table')).or(this.page.getByTestId('invoices-table')).first()).toBeVisible();
  }

  /** Loads the 100,000-invoice demo. */
  async loadLargeDemo() {
    await this.page.getByTestId('load-large-demo').click();
    await expect(this.page.getByTestId('ageing-total')).toBeVisible({ timeout: 60_000 });
  }

  /** Switches the language ('en' or 'zh') and waits for <html lang>. */
  async setLang(lang) {
    await this.page.getByTestId(lang === 'zh' ? 'lang-zh' : 'lang-en').click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
  }

  /** Clicks the navigation link `nav-<which>`. */
  async nav(which) {
    await navigate(this.page, which);
  }

  /** Sets the report date (ISO) in the header. */
  async setAsOf(isoDate) {
    await setAsOf(this.page, isoDate);
  }

  /** The report date in the header. */
  async asOf() {
    return this.page.getByTestId('as-of').inputValue();
  }

  /** Types a passphrase into the unlock prompt and submits it. */
  async submitPassphrase(pass) {
    await this.page.getByTestId('unlock-passphrase').fill(pass);
    await this.page.getByTestId('unlock').click();
  }

  /** Unlocks the open portfolio: the prompt shown, then gone. */
  async unlock(pass) {
    await expect(this.page.getByTestId('unlock-prompt')).toBeVisible();
    await this.submitPassphrase(pass);
    await expect(this.page.getByTestId('unlock-prompt')).toHaveCount(0, { timeout: 30_000 });
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
        // An option naming a buyer (its value is the buyer's id) is data,
        // not a label: a Chinese buyer's name follows the page's language,
        // so such lists can change order with it.
        .filter((el) => !(el.tagName === 'OPTION' && /^C\d{4,}$/.test(el.value)))
        .map((el) => el.textContent.trim())
        .filter((t) => t.length > 0);
    });
  }
}
