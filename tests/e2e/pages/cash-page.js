// Page object for cash (/cash): the 13-week forecast and its scenario, the
// discount calculator, payment plans, working capital.
import { Screen, amount, cents } from './screen.js';

export class CashPage extends Screen {
  constructor(page) {
    super(page, 'cash');
    this.weeks = this.id('forecast-week');
    this.savedPlans = this.id('saved-plan');
  }

  /** A forecast column ('week-expected', 'week-scenario'), in cents. */
  async weekCents(testId = 'week-expected') {
    return (await this.id(testId).allInnerTexts()).map(cents);
  }

  /** A forecast figure (`fc-open`, …) shown with its currency, in cents. */
  async amountOf(testId) {
    return amount(await this.id(testId).innerText());
  }

  /** A scenario: its kind and days. */
  async scenario(kind, days) {
    await this.id('scenario').selectOption(kind);
    await this.id('scenario-days').fill(days);
  }

  /** Fills fields by testid ({ 'wc-cash': '1,500,000', … }). */
  async fill(fields) {
    for (const [k, v] of Object.entries(fields)) await this.id(k).fill(v);
  }
}
