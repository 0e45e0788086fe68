// Page object for the import (/import): the target portfolio, the file,
// the preview (summary, mapping, errors, balances), the commit.
import { expect } from '@playwright/test';
import fs from 'node:fs';
import { Screen, cents, download } from './screen.js';

/** A CSV file for setInputFiles, from its text. */
export const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

export class ImportPage extends Screen {
  constructor(page) {
    super(page, 'import');
    this.summary = this.id('import-summary');
    this.failure = this.id('import-failure');
    this.errors = this.id('import-errors');
    this.done = this.id('import-done');
    this.commitButton = this.id('import-commit');
    this.target = this.id('import-target');
  }

  /** Opens the import with a new portfolio of that name as its target. */
  async startNew(name) {
    await this.open();
    await this.target.selectOption('new');
    await this.id('import-new-name').fill(name);
  }

  /** Names the new portfolio (the target being a new one). */
  async name(name) {
    await this.id('import-new-name').fill(name);
  }

  /** Imports into this stored portfolio (by its name). */
  async into(name) {
    await this.target.selectOption({ label: name });
  }

  /** Chooses the file: a path or {name, mimeType, buffer}. */
  async choose(file) {
    await this.id('import-file').setInputFiles(file);
  }

  /** Commits the preview and waits until it is stored. */
  async commit() {
    await this.commitButton.click();
    await expect(this.done).toBeVisible();
  }

  /** Imports a file into a new portfolio of that name: the preview shown,
   *  then (unless errors are expected) committed. */
  async importFile(file, name, { expectErrors = false } = {}) {
    await this.startNew(name);
    await this.choose(file);
    await expect(this.summary).toBeVisible();
    if (!expectErrors) await this.commit();
  }

  /** Downloads every error of the preview as CSV; returns its text. */
  async errorsCsv() {
    return fs.readFileSync(await (await download(this.page, this.id('import-errors-csv'))).path(), 'utf8');
  }

  /** Imports the valid rows only, and waits until they are stored. */
  async importValidOnly() {
    await this.id('import-valid-only').click();
    await expect(this.done).toBeVisible();
  }

  /** Forces the file's encoding ('utf8', 'gb18030', …). */
  async encoding(enc) {
    await this.id('import-encoding').selectOption(enc);
  }

  /** Maps column `k` of the file to a field. */
  async mapColumn(k, field) {
    await this.id(`map-${k}`).selectOption(field);
  }

  /** The preview's net balance per buyer, in cents. */
  async balances() {
    const out = {};
    for (const row of await this.id('balance-row').all()) {
      out[(await row.getByTestId('balance-buyer').innerText()).trim()] = cents(await row.getByTestId('balance-amount').innerText());
    }
    return out;
  }

  /** Retries after the file reader stopped. */
  async retry() {
    await this.id('import-retry').click();
  }

  async openDashboard() {
    await this.id('import-open-dashboard').click();
  }
}
