// Page object for the invoice list (/invoices): filters, paging, export.
import { Screen } from './screen.js';

export class InvoicesPage extends Screen {
  constructor(page) {
    super(page, 'invoices');
    this.rows = this.id('invoice-row');
    this.pageInfo = this.id('page-info');
    this.rowCount = this.id('row-count');
  }

  /** Filters by buyer id ('' for all). */
  async filterBuyer(id) {
    await this.id('filter-buyer').selectOption(id);
  }

  /** Filters by status ('overdue', … or '' for all). */
  async filterStatus(status) {
    await this.id('filter-status').selectOption(status);
  }

  /** Filters by ageing bucket (its index as text). */
  async filterBucket(bucket) {
    await this.id('filter-bucket').selectOption(bucket);
  }

  async nextPage() {
    await this.id('page-next').click();
  }

  /** The first number of the row count (the invoices the filter matches). */
  async count() {
    const m = /(\d+)/.exec(await this.rowCount.innerText());
    return Number(m[1]);
  }

  /** Invoice ids of the rows shown. */
  async ids() {
    return this.id('invoice-id').allInnerTexts();
  }

  /** Status texts of the rows shown. */
  async statuses() {
    return this.id('invoice-status').allInnerTexts();
  }

  /** Bucket texts of the rows shown. */
  async buckets() {
    return this.id('invoice-bucket').allInnerTexts();
  }
}
