// Page object for a buyer's page (/customers/<id>): behaviour, grade,
// assessment and its saved decisions, hold, dunning log, alerts.
import { expect } from '@playwright/test';
import { Screen } from './screen.js';

/** Financial figures of a buyer, by the field's data-testid. */
export const FIGURES = {
  'fin-sales': '50,000,000',
  'fin-ebit': '4,000,000',
  'fin-total-assets': '30,000,000',
  'fin-total-liabilities': '12,000,000',
  'fin-current-assets': '15,000,000',
  'fin-current-liabilities': '8,000,000',
  'fin-retained': '9,000,000',
  'fin-equity': '18,000,000',
};

/** Fills financial figures ({testid: value}) on the page (buyer or meeting). */
export async function fillFigures(page, figures) {
  for (const [id, v] of Object.entries(figures)) await page.getByTestId(id).fill(v);
}

export class CustomerPage extends Screen {
  constructor(page) {
    super(page, 'customers');
    this.heading = this.id('customer-heading');
    this.grade = this.id('grade-value');
    this.decisions = this.id('decision-row');
    this.note = this.id('decision-note-text');
    this.terms = this.id('terms');
    this.alerts = this.id('customer-alerts');
  }

  /** Loads the buyer's page by its address. */
  async goto(id) {
    await this.page.goto(`/customers/${id}`);
  }

  async fillFigures(figures = FIGURES) {
    await fillFigures(this.page, figures);
  }

  /** Saves an assessment with a note (and a decided limit, if given). */
  async saveAssessment({ note, limit } = {}) {
    if (limit !== undefined) await this.id('decided-limit').fill(limit);
    if (note !== undefined) await this.id('decision-note').fill(note);
    await this.id('save-assessment').click();
  }

  /** Loads the buyer's page and saves a note: one decision shown. */
  async addNote(id, note) {
    await this.goto(id);
    await this.saveAssessment({ note });
    await expect(this.decisions).toHaveCount(1);
  }

  /** Terms asked for, in days. */
  async askTerms(days) {
    await this.id('terms-days').fill(days);
  }

  async liftHold() {
    await this.id('lift-hold').click();
  }
}
