// Page object for the buyer list (/customers): rows, sort, search, and the
// table read as figures.
import { expect } from '@playwright/test';
import { Screen, cents } from './screen.js';

export class CustomersPage extends Screen {
  constructor(page) {
    super(page, 'customers');
    this.rows = this.id('customer-row');
    this.table = this.id('customers-table');
  }

  /** The rows whose text has `text` (a buyer id or name). */
  row(text) {
    return this.rows.filter({ hasText: text });
  }

  /** The rows whose cell is exactly `id`. */
  rowOfId(id) {
    return this.rows.filter({ has: this.page.getByRole('cell', { name: id, exact: true }) });
  }

  /** Each row's total, in cents, in the order shown. */
  async totalsCents() {
    return (await this.id('customer-total').allInnerTexts()).map(cents);
  }

  async sortBy(key) {
    await this.id('customer-sort').selectOption(key);
  }

  async search(text) {
    await this.id('customer-search').fill(text);
  }

  /** The table as figures: {id: {total, buckets}} in cents, once shown. */
  async figures() {
    await expect(this.table).toBeVisible();
    const out = {};
    for (const row of await this.rows.all()) {
      const cells = await row.locator('td').allInnerTexts();
      const id = cells[0].trim();
      // id, name, country, industry, status, six buckets, total, …
      out[id] = {
        buckets: cells.slice(5, 11).map(cents),
        total: cents(await row.getByTestId('customer-total').innerText()),
      };
    }
    return out;
  }

  /** Opens the list as of a date and returns its figures. */
  async figuresAsOf(isoDate) {
    await this.open();
    await this.setAsOf(isoDate);
    return this.figures();
  }

  /** Opens the buyer's page through its link in the list. */
  async openBuyer(id) {
    await this.page.locator(`a[href="/customers/${id}"]`).first().click();
  }

  /** Opens the page of the first buyer listed, by its name. */
  async openFirstBuyer() {
    await this.id('customer-name').first().getByRole('link').click();
  }
}
