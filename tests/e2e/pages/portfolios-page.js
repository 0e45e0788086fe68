// Page object for the portfolios (/portfolios): the list, create, rename,
// duplicate, backup, delete, restore, encryption and its self-test.
import fs from 'node:fs';
import { expect } from '@playwright/test';
import { Screen, download } from './screen.js';

export class PortfoliosPage extends Screen {
  constructor(page) {
    super(page, 'portfolios');
    this.rows = this.id('portfolio-row');
    this.message = this.id('portfolio-message');
    this.encrypted = this.id('portfolio-encrypted');
  }

  /** The rows whose text matches `text` (a string or a RegExp). */
  row(text) {
    return this.rows.filter({ hasText: text });
  }

  /** The row of the open portfolio. */
  current() {
    return this.rows.filter({ has: this.id('portfolio-current') });
  }

  /** Creates an empty portfolio of that name. */
  async create(name) {
    await this.id('new-portfolio-name').fill(name);
    await this.id('create-portfolio').click();
  }

  async openRow(row) {
    await row.getByTestId('portfolio-open').click();
  }

  /** Renames a row's portfolio (the name saved as typed). */
  async rename(row, name) {
    await row.getByTestId('portfolio-rename').click();
    await this.renameTo(name);
  }

  /** Types a name into the open rename field and saves it. */
  async renameTo(name) {
    await this.id('portfolio-rename-input').fill(name);
    await this.saveRename();
  }

  async saveRename() {
    await this.id('portfolio-rename-save').click();
  }

  async duplicate(row) {
    await row.getByTestId('portfolio-duplicate').click();
  }

  /** Backs a row's portfolio up; returns the file's path. */
  async backup(row) {
    return (await download(this.page, row.getByTestId('portfolio-backup'))).path();
  }

  /** Backs a row's portfolio up; returns the file's text. */
  async backupText(row) {
    return fs.readFileSync(await this.backup(row), 'utf8');
  }

  /** Deletes a row's portfolio, confirmed. */
  async delete(row) {
    await row.getByTestId('portfolio-delete').click();
    await this.id('portfolio-delete-confirm').click();
  }

  /** Asks to delete a row's portfolio, then cancels. */
  async deleteCancelled(row) {
    await row.getByTestId('portfolio-delete').click();
    await this.id('portfolio-delete-cancel').click();
  }

  /** Restores a backup: a path or {name, mimeType, buffer}. */
  async restore(file) {
    await this.id('restore-file').setInputFiles(file);
  }

  /** Restores a JSON backup from its text. */
  async restoreText(name, text) {
    await this.restore({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** Gives the passphrase an encrypted backup asks for. */
  async restorePassphrase(pass) {
    await this.id('restore-passphrase').fill(pass);
    await this.id('restore-with-passphrase').click();
  }

  /** Encrypts the first portfolio with a passphrase, and waits until it
   *  shows as encrypted and unlocked. `warning`: text the warning about a
   *  lost passphrase must contain, checked before typing. */
  async encrypt(pass, { warning } = {}) {
    await this.open();
    const row = this.rows.first();
    await row.getByTestId('portfolio-encrypt').click();
    if (warning !== undefined) await expect(row.getByTestId('passphrase-warning')).toContainText(warning);
    await row.getByTestId('new-passphrase').fill(pass);
    await row.getByTestId('new-passphrase-again').fill(pass);
    await row.getByTestId('passphrase-understood').check();
    await row.getByTestId('set-passphrase').click();
    await expect(this.encrypted).toContainText('unlocked', { timeout: 30_000 });
  }

  /** Changes the passphrase of a row's encrypted portfolio. */
  async changePassphrase(row, pass) {
    await row.getByTestId('portfolio-change-passphrase').click();
    await row.getByTestId('new-passphrase').fill(pass);
    await row.getByTestId('new-passphrase-again').fill(pass);
    await row.getByTestId('set-passphrase').click();
  }

  /** Runs the encryption self-test. */
  async selfTest() {
    await this.id('crypto-self-test').click();
  }
}
