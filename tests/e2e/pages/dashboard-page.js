// Page object for the dashboard (/): ageing, KPIs, top buyers, alerts
// panel, insurer deadlines, exports.
import { expect } from '@playwright/test';
import { Screen, cents } from './screen.js';

export class DashboardPage extends Screen {
  constructor(page) {
    super(page, 'dashboard');
    this.ageingTotal = this.id('ageing-total');
    this.topBuyers = this.id('top-buyer');
    this.alertsPanel = this.id('alerts-panel');
  }

  /** The ageing buckets as shown, in cents. */
  async bucketCents() {
    return (await this.id('bucket-amount').allInnerTexts()).map(cents);
  }

  /** The ageing total as shown, in cents. */
  async totalCents() {
    return cents(await this.ageingTotal.innerText());
  }

  /** Opens the dashboard and returns its total in cents, once shown. */
  async openTotal() {
    await this.open();
    await expect(this.ageingTotal).toBeVisible();
    return this.totalCents();
  }

  /** Opens the dashboard and returns what it shows, as text: total,
   *  buckets, KPI values and top buyers. */
  async figures() {
    await this.open();
    await expect(this.ageingTotal).toBeVisible();
    return {
      total: await this.ageingTotal.innerText(),
      buckets: await this.id('bucket-amount').allInnerTexts(),
      kpis: await this.id('kpi-value').allInnerTexts(),
      top: await this.topBuyers.allInnerTexts(),
    };
  }

  /** The value of a KPI card (`dso`, …). */
  kpi(name) {
    return this.id(`kpi-${name}`).getByTestId('kpi-value');
  }

  /** The disputed amount, in cents. */
  async disputedCents() {
    return cents(await this.id('disputed-total').innerText());
  }

  /** Follows the link of the first (largest) top buyer. */
  async openTopBuyerInvoices() {
    await this.topBuyers.first().getByRole('link').click();
  }

  /** Where credit notes go in the ageing: by_date, column, oldest_first. */
  async placeCredits(how) {
    await this.id('credit-placement').selectOption(how);
  }

  /** Adds an exchange rate in the missing-rate form. */
  async addRate(rate, from) {
    await this.id('fx-rate').fill(rate);
    if (from !== undefined) await this.id('fx-date').fill(from);
    await this.id('fx-add').click();
  }
}
