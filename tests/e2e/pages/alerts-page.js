// Page object for the alerts (/alerts): the list and its filters,
// acknowledge, snooze, reopen, the heat map, the thresholds.
import { Screen } from './screen.js';

export class AlertsPage extends Screen {
  constructor(page) {
    super(page, 'alerts');
    this.rows = this.id('alert-row');
    this.table = this.id('alert-table');
    this.count = this.id('alert-count');
    this.heatMap = this.id('heat-map');
    this.heatPoints = this.id('heat-point');
  }

  /** The alert row of a key ("rule:buyer"). */
  row(key) {
    return this.at('alert-row', { key });
  }

  /** Shows one rule's alerts only. */
  async filterRule(rule) {
    await this.id('filter-rule').selectOption(rule);
  }

  /** Shows 'open', 'noted' or 'all' alerts. */
  async show(which) {
    await this.id('filter-show').selectOption(which);
  }

  /** Acknowledges an alert row with a note. */
  async acknowledge(row, note) {
    await row.getByTestId('alert-note-open').click();
    await row.getByTestId('alert-note-text').fill(note);
    await row.getByTestId('alert-ack').click();
  }

  /** Snoozes an alert row until a date (ISO). */
  async snooze(row, until) {
    await row.getByTestId('alert-note-open').click();
    await row.getByTestId('alert-until').fill(until);
    await row.getByTestId('alert-snooze').click();
  }

  /** Reopens an acknowledged alert row. */
  async reopen(row) {
    await row.getByTestId('alert-reopen').click();
  }

  /** The heat map's point of a buyer. */
  heatPoint(id) {
    return this.at('heat-point', { id });
  }

  /** Opens the thresholds panel. */
  async openThresholds() {
    await this.id('thresholds').locator('summary').click();
  }

  /** Sets a threshold field (`th-utilisation`, …) and applies it. */
  async applyThreshold(testId, value) {
    await this.id(testId).fill(value);
    await this.id('th-apply').click();
  }
}
