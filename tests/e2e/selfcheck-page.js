// Page object for the self-check (/self-check): what the tests touch, by data-testid.
import { expect } from '@playwright/test';

export class SelfCheckPage {
  /** `root` is a Page or a FrameLocator (the self-check inside an iframe). */
  constructor(root) {
    this.root = root;
  }

  id(testId) {
    return this.root.getByTestId(testId);
  }

  async expectStep(n) {
    await expect(this.id('sc-progress')).toHaveAttribute('aria-valuenow', String(n));
  }

  async fill(testId, value) {
    await this.id(testId).fill(String(value));
  }

  async next() {
    await this.id('sc-next').click();
  }

  async back() {
    await this.id('sc-back').click();
  }

  /**
   * Answers every step; `a` holds the answers to change (the rest keep their
   * defaults): currency, turnover, credit, industry, terms, buyers, largest,
   * exportShare, newMarkets (boolean), badDebts.
   */
  async answer(a = {}) {
    await this.expectStep(1);
    if (a.currency) await this.id('sc-currency').selectOption(a.currency);
    if (a.turnover !== undefined) await this.fill('sc-turnover', a.turnover);
    if (a.credit !== undefined) await this.fill('sc-credit', a.credit);
    if (a.industry) await this.id('sc-industry').selectOption(a.industry);
    await this.next();
    await this.expectStep(2);
    if (a.terms !== undefined) await this.fill('sc-terms', a.terms);
    if (a.buyers !== undefined) await this.fill('sc-buyers', a.buyers);
    if (a.largest !== undefined) await this.fill('sc-largest', a.largest);
    await this.next();
    await this.expectStep(3);
    if (a.exportShare !== undefined) await this.fill('sc-export', a.exportShare);
    if (a.newMarkets !== undefined) await this.id('sc-new-markets').selectOption(a.newMarkets ? '1' : '0');
    await this.next();
    await this.expectStep(4);
    if (a.badDebts !== undefined) await this.fill('sc-bad-debts', a.badDebts);
    await this.next();
    await expect(this.id('sc-result')).toBeVisible();
  }

  /** The result's figures, verdict, criteria and measures, as shown. */
  async result() {
    const value = (id) => this.id(id).getByTestId('sc-value').innerText();
    return {
      receivables: await value('sc-receivables'),
      lossLow: await this.id('sc-loss-low').innerText(),
      lossHigh: await this.id('sc-loss-high').innerText(),
      premium: await value('sc-premium'),
      largestLoss: await value('sc-largest-loss'),
      verdict: await this.id('sc-verdict').getAttribute('data-verdict'),
      verdictTitle: await this.id('sc-verdict-title').innerText(),
      criteria: await this.id('sc-criterion').evaluateAll((els) => els.map((e) => e.dataset.criterion)),
      measures: await this.id('sc-measure').evaluateAll((els) => els.map((e) => e.dataset.measure)),
      measureTexts: await this.id('sc-measure').allInnerTexts(),
    };
  }
}
