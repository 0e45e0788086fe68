// Page object for insurance (/insurance): the policy, cover per buyer,
// notification deadlines, the claim simulator, readiness, cost/benefit.
import { Screen, amount, cents } from './screen.js';

export class InsurancePage extends Screen {
  constructor(page) {
    super(page, 'insurance');
    this.coverRows = this.id('cover-row');
    this.deadlines = this.id('deadline-row');
    this.indemnity = this.id('claim-indemnity');
  }

  /** Fills the policy form: insurer, pct, nql, afl, max, rate (by the
   *  field's `pol-<key>` testid), then saves it. */
  async savePolicy(fields = {}) {
    for (const [k, v] of Object.entries(fields)) await this.id(`pol-${k}`).fill(v);
    await this.id('policy-save').click();
  }

  /** An amount shown by a testid ("CNY 1,234.50"), in cents. */
  async amountOf(testId) {
    return amount(await this.id(testId).innerText());
  }

  /** Shows 'all', 'over' or 'outside' cover rows. */
  async filterCover(which) {
    await this.id('cover-filter').selectOption(which);
  }

  /** Opens the deadlines panel. */
  async openDeadlines() {
    await this.id('deadlines-panel').locator('summary').click();
  }

  /** The deadline row of an invoice. */
  deadline(invoice) {
    return this.at('deadline-row', { invoice });
  }

  /** The week's deadline of an invoice. */
  weekDeadline(invoice) {
    return this.at('week-deadline', { invoice });
  }

  /** Simulates a claim on a buyer. */
  async claimBuyer(id) {
    await this.id('claim-buyer').selectOption(id);
  }

  /** The amount cell of a step of the claim's waterfall. */
  claimStep(key) {
    return this.at('claim-step', { key }).locator('td.num');
  }

  /** A step of the claim's waterfall, in cents. */
  async claimStepCents(key) {
    return cents(await this.claimStep(key).innerText());
  }

  /** A document of the claim's readiness checklist. */
  readiness(doc) {
    return this.at('readiness-item', { doc });
  }
}
