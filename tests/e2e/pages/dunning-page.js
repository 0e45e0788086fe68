// Page object for dunning (/dunning): the plan, letters, marking steps
// done, the log, late interest, the policy editor.
import { Screen } from './screen.js';

export class DunningPage extends Screen {
  constructor(page) {
    super(page, 'dunning');
    this.rows = this.id('plan-row');
    this.log = this.id('log-row');
    this.letterBody = this.id('letter-body');
    this.letterSheet = this.id('letter-sheet');
  }

  /** Plan rows by buyer and/or step ({ customer, step }). */
  planRow(data) {
    return this.at('plan-row', data);
  }

  /** Upcoming rows by buyer and/or step. */
  upcomingRow(data) {
    return this.at('upcoming-row', data);
  }

  /** The buyers of the plan's rows, in order. */
  async buyers() {
    return this.rows.evaluateAll((rs) => rs.map((r) => r.dataset.customer));
  }

  /** Each row's "buyer#step", in order. */
  async keys() {
    return this.rows.evaluateAll((rs) => rs.map((r) => `${r.dataset.customer}#${r.dataset.step}`));
  }

  /** Shows a plan row's letter. */
  async showLetter(row) {
    await row.getByTestId('plan-letter').click();
  }

  async letterLang(lang) {
    await this.id('letter-lang').selectOption(lang);
  }

  /** Marks plan rows done, with a note if given. */
  async markDone(rows, note) {
    for (const row of [rows].flat()) await row.getByTestId('plan-select').check();
    if (note !== undefined) await this.id('done-note').fill(note);
    await this.id('mark-done').click();
  }

  /** Shows a tab of the page: 'today' (plan, letters, log) or 'settings'
   *  (policy, interest, letterhead). */
  async tab(which) {
    await this.id(`tab-${which}`).click();
    await this.page.waitForURL(which === 'settings' ? /\/dunning\?tab=settings$/ : /\/dunning$/);
  }

  /** Sets a step's offset in the policy editor. */
  async stepOffset(k, days) {
    await this.id('step-offset').nth(k).fill(days);
  }

  async savePolicy() {
    await this.id('policy-save').click();
  }

  async saveInterest() {
    await this.id('interest-save').click();
  }
}
