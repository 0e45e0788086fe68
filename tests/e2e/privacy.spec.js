// Encryption at rest: what sits in IndexedDB before and after a portfolio
// is encrypted (read raw, as an attacker with the disk would), reload
// locked, a wrong passphrase, unlock, fresh IVs on every write, encrypted
// backups, the idle auto-lock, and the known-answer self-test in this
// browser's WebCrypto.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { AppPage, CustomerPage, CustomersPage, DashboardPage, ImportPage, PortfoliosPage } from './pages/index.js';

const DATA = path.resolve(new URL('.', import.meta.url).pathname, '../../core/tests/data/import');
const LEDGER = path.join(DATA, 'invoices_en.csv');
const PASS = 'correct horse battery staple';
// Buyer names, ids and invoice numbers of invoices_en.csv (the store
// writes an id once and the ones after it as their difference, so only the
// first invoice number appears whole).
const SECRETS = ['Acme Trading', 'Blue River Foods', 'Orion Parts', 'North "Star" Co', 'INV-1001', 'C004'];

/** Every record of the app's IndexedDB as text (bytes read as Latin-1 and
 *  as UTF-8), with the first 16 bytes of each binary record in hex. */
async function rawDb(page) {
  // Read as the app writes: under the storage lock (shared), so never in
  // the middle of the storage scrub that follows an encryption.
  return page.evaluate(() => navigator.locks.request('credit-assistant-storage', { mode: 'shared' }, async () => {
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open('credit-assistant');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const out = { texts: [], binary: [] };
    for (const name of db.objectStoreNames) {
      const tx = db.transaction(name, 'readonly');
      const all = await new Promise((ok) => {
        const r = tx.objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
      });
      for (const v of all) {
        if (typeof v === 'string') {
          out.texts.push(v);
        } else {
          const u8 = v instanceof Uint8Array ? v : new Uint8Array(v.buffer || v);
          out.texts.push(new TextDecoder('latin1').decode(u8));
          out.texts.push(new TextDecoder('utf-8').decode(u8));
          out.binary.push({ store: name, head: [...u8.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('') });
        }
      }
    }
    db.close();
    return out;
  }));
}

/** Encrypts the first portfolio, warned that a lost passphrase loses it;
 *  done once the storage is rewritten (the scrub after encrypting). */
async function encrypt(portfolios, pass = PASS) {
  await portfolios.encrypt(pass, { warning: 'lost' });
  await expect(portfolios.page.getByTestId('lock-message')).toContainText('Encrypted.', { timeout: 30_000 });
}

const ivs = (raw) => raw.binary.map((b) => b.head.slice(8, 32)); // after "CAE1"

test('an encrypted portfolio leaves nothing readable in IndexedDB; locked after a reload; wrong passphrase; unlock', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  const customers = new CustomersPage(page);
  const buyer = new CustomerPage(page);
  await app.goto('/');
  await app.setLang('en');
  await importer.importFile(LEDGER, 'Acme ledger');
  const before = await dashboard.openTotal();
  // Net of Blue River's credit note of 1,200.
  expect(before).toBe(7117940n);
  // A saved assessment: its audit trail is kept with the portfolio.
  await buyer.addNote('C004', 'Orion CFO confirmed the order book');
  await expect.poll(async () => (await rawDb(page)).texts.join('\n')).toContain('Orion CFO confirmed');

  // In the clear, the disk shows buyers, invoice numbers and the note (so
  // the check below can fail).
  const clear = (await rawDb(page)).texts.join('\n');
  for (const s of [...SECRETS, 'Orion CFO confirmed']) expect(clear, s).toContain(s);

  await encrypt(portfolios);
  const sealed = await rawDb(page);
  const all = sealed.texts.join('\n');
  expect(all).not.toContain('Orion CFO confirmed');
  // Nor anything of it in localStorage.
  const local = await page.evaluate(() => Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`).join('\n'));
  for (const s of [...SECRETS, 'Orion CFO confirmed']) expect(local, s).not.toContain(s);
  for (const s of SECRETS) expect(all, s).not.toContain(s);
  for (const amount of ['8500.50', '8,500.50', '45678.90', '45,678.90']) expect(all).not.toContain(amount);
  // Every binary record is a sealed one: "CAE1", a 12-byte IV, ciphertext.
  expect(sealed.binary.length).toBeGreaterThanOrEqual(2);
  for (const b of sealed.binary) expect(b.head.startsWith('43414531')).toBe(true);

  // Changing the passphrase rewrites every record under fresh IVs: no IV
  // is ever used twice.
  await portfolios.changePassphrase(portfolios.rows.first(), PASS + '!');
  await expect(page.getByTestId('lock-message')).toContainText('changed', { timeout: 30_000 });
  const again = await rawDb(page);
  const seen = [...ivs(sealed), ...ivs(again)];
  expect(new Set(seen).size).toBe(seen.length);

  // A reload comes back locked: nothing of the ledger on screen.
  await page.reload();
  await expect(page.getByTestId('unlock-prompt')).toBeVisible();
  await expect(dashboard.ageingTotal).toHaveCount(0);
  // The old passphrase no longer opens it; nothing changes.
  await app.submitPassphrase(PASS);
  await expect(page.getByTestId('unlock-error')).toContainText('Wrong passphrase', { timeout: 30_000 });
  expect((await rawDb(page)).binary).toEqual(again.binary);
  await app.submitPassphrase(PASS + '!');
  await expect(page.getByTestId('unlock-prompt')).toHaveCount(0, { timeout: 30_000 });
  expect(await dashboard.openTotal()).toBe(before);
  // (Within the page: a reload would lock it again — the key is in memory only.)
  await customers.open();
  await customers.openBuyer('C004');
  await expect(buyer.note).toHaveText('Orion CFO confirmed the order book');
  expect(app.consoleErrors).toEqual([]);
});

test('an encrypted backup needs its passphrase and restores encrypted; idle auto-lock', async ({ page }) => {
  const app = new AppPage(page);
  const dashboard = new DashboardPage(page);
  const importer = new ImportPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await app.setLang('en');
  await importer.importFile(LEDGER, 'Acme ledger');
  const before = await dashboard.openTotal();
  await encrypt(portfolios);
  const text = await portfolios.backupText(portfolios.rows.first());
  const file = JSON.parse(text);
  expect(file.format).toBe('credit-assistant-backup-encrypted');
  expect(file.kdf).toMatchObject({ name: 'PBKDF2-SHA256', iterations: 600000 });
  for (const s of SECRETS) expect(text).not.toContain(s);

  // Restore: asks for the passphrase; a wrong one adds nothing.
  await portfolios.restoreText('b.json', text);
  await expect(page.getByTestId('restore-passphrase-form')).toBeVisible();
  await portfolios.restorePassphrase('not it at all');
  await expect(portfolios.message).toContainText('Wrong passphrase', { timeout: 30_000 });
  await expect(portfolios.rows).toHaveCount(1);

  // Issue 23, case 8: one bit of the ciphertext flipped, the right
  // passphrase: "damaged", not "wrong passphrase", and nothing added.
  expect(typeof file.check).toBe('string');
  const data = Buffer.from(file.data, 'base64');
  data[data.length >> 1] ^= 0x04;
  const damaged = JSON.stringify({ ...file, data: data.toString('base64') });
  await portfolios.restoreText('d.json', damaged);
  await portfolios.restorePassphrase(PASS);
  await expect(portfolios.message).toContainText('the backup is damaged', { timeout: 30_000 });
  await expect(portfolios.message).not.toContainText('Wrong passphrase');
  await expect(portfolios.rows).toHaveCount(1);

  await portfolios.restoreText('b.json', text);
  await portfolios.restorePassphrase(PASS);
  await expect(portfolios.rows).toHaveCount(2, { timeout: 30_000 });
  await expect(portfolios.encrypted).toHaveCount(2);
  expect(await dashboard.openTotal()).toBe(before);

  // Idle auto-lock: with a 3-second delay, the open portfolio locks.
  await page.evaluate(() => localStorage.setItem('credit-assistant.autolock-minutes', '0.05'));
  await expect(page.getByTestId('unlock-prompt')).toBeVisible({ timeout: 15_000 });
  await expect(dashboard.ageingTotal).toHaveCount(0);
  expect(app.consoleErrors).toEqual([]);
});

test('the encryption self-test passes in this browser (known answers, flipped bit, wrong passphrase)', async ({ page }) => {
  const app = new AppPage(page);
  const portfolios = new PortfoliosPage(page);
  await app.goto('/');
  await app.setLang('en');
  await portfolios.open();
  await portfolios.selfTest();
  await expect(page.getByTestId('self-test-result')).toHaveText('All checks passed.', { timeout: 30_000 });
  const checks = page.getByTestId('self-test-check');
  await expect(checks).toHaveCount(5);
  for (const c of await checks.all()) await expect(c).toHaveAttribute('data-passed', 'true');
});
