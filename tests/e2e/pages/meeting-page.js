// Page object for meeting mode (/meeting): a new buyer's figures in, grade,
// limit, terms and risks out.
import { Screen } from './screen.js';
import { FIGURES, fillFigures } from './customer-page.js';

export class MeetingPage extends Screen {
  constructor(page) {
    super(page, 'meeting');
    this.grade = this.id('grade-value');
    this.limit = this.id('recommended-limit');
    this.terms = this.id('terms');
    this.newBuyerRule = this.id('new-buyer-rule');
  }

  /** The grade shown, as a number. */
  async gradeNumber() {
    return Number(await this.grade.innerText());
  }

  /** Fills the example buyer: name, country, industry, figures, years,
   *  purchases, terms. */
  async fillExample() {
    await this.id('m-company').fill('Hangzhou Example Trading Co.');
    await this.id('m-country').fill('CN');
    await this.id('m-industry').fill('Machinery');
    await fillFigures(this.page, FIGURES);
    await this.id('years').fill('12');
    await this.id('m-purchases').fill('6,000,000');
    await this.id('m-terms-days').fill('60');
  }

  /** A known buyer: its average and worst payment delays. */
  async paymentHistory(avg, worst) {
    await this.id('m-new-buyer').uncheck();
    await this.id('m-avg-delay').fill(avg);
    await this.id('m-worst-delay').fill(worst);
  }
}
