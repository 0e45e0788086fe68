// No plaintext left in the browser profile (issue 23, case 4): after a
// portfolio is encrypted or deleted, the storage scrub (static/
// storage-scrub.js) leaves none of its buyer names, invoice numbers or
// notes in the profile directory's files, read as an attacker with the
// disk would (tests/e2e/profile-scan.js: raw bytes, LevelDB logs and
// tables, snappy-compressed values) after the browser is closed; nothing is
// lost doing it, even when the browser is killed in the middle of a scrub.
//
// Each test runs its own Chromium on its own profile directory
// (launchPersistentContext), so that it can close the browser, read the
// files and start it again on them.
//
// The tests call what the app calls, where it calls it: in the page,
// `self.scrubCreditStorage()` once a portfolio is encrypted or deleted, and
// `self.recoverCreditStorage()` at start-up, before the database is first
// opened. A build that loads static/storage-scrub.js makes those calls
// itself (its encrypt and delete report success only after the scrub):
// the tests then only wait for the scrub's Web Lock. On a build that does
// not, the tests make the calls, with the script evaluated into the page
// through the DevTools protocol (page.evaluate of its text), which the
// page's content security policy does not apply to: no `bypassCSP`, the
// built site is tested as it is served.
import { test, expect, chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppPage, CustomerPage, CustomersPage, DashboardPage, ImportPage, PortfoliosPage } from './pages/index.js';
import { scanProfile } from './profile-scan.js';

const HERE = new URL('.', import.meta.url).pathname;
const DATA = path.resolve(HERE, '../../core/tests/data/import');
const SCRUB_JS = fs.readFileSync(path.resolve(HERE, '../../static/storage-scrub.js'), 'utf8');
const LEDGER = path.join(DATA, 'invoices_en.csv');
const PASS = 'correct horse battery staple';
const NOTE = 'Orion CFO confirmed the order book, ref NOTE-7Q4X';
// Buyer names and the first invoice number of invoices_en.csv, and the
// note: none may be left anywhere in the profile.
const SECRETS = ['Acme Trading', 'Blue River Foods', 'Orion Parts', 'North "Star" Co', 'INV-1001', NOTE];
// A buyer id: it is in the page's address (/customers/C004), so the
// browser's own history keeps it; the app's storage must not.
const BUYER_ID = 'C004';

test.describe.configure({ timeout: 150_000 });

const profiles = [];
function newProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-profile-'));
  profiles.push(dir);
  return dir;
}
test.afterEach(async ({}, info) => {
  for (const dir of profiles.splice(0)) {
    if (info.status !== info.expectedStatus) console.log(`profile kept for inspection: ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function launch(dir) {
  const use = test.info().project.use;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: use.launchOptions?.executablePath ?? '/usr/bin/chromium',
    args: use.launchOptions?.args ?? [],
    headless: true,
    timeout: 60_000,
    baseURL: use.baseURL,
    locale: use.locale ?? 'en-US',
  });
  // The config's bounds on actions and navigations (a context launched
  // here does not get them), so that a step that hangs fails with its call
  // log rather than at the test's timeout with none.
  context.setDefaultTimeout(use.actionTimeout);
  context.setDefaultNavigationTimeout(use.navigationTimeout);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, app: new AppPage(page), ...screens(page) };
}

/** `promise`, or a failure naming `what` after `ms`: for the waits that
 *  have no timeout of their own (page.evaluate, closing the browser). */
async function within(what, promise, ms = 30_000) {
  let timer;
  const late = new Promise((_, ko) => {
    timer = setTimeout(() => ko(new Error(`${what}: still not finished after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The page objects of a page. */
function screens(page) {
  return {
    dashboard: new DashboardPage(page),
    importer: new ImportPage(page),
    portfolios: new PortfoliosPage(page),
    customers: new CustomersPage(page),
    buyer: new CustomerPage(page),
  };
}

/** Kills the browser of `dir` (SIGKILL, no shutdown), as a crash would:
 *  its main process is the one started with this profile and no --type. */
async function killBrowser(dir) {
  const mine = () =>
    fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).flatMap((pid) => {
      try {
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.includes(`--user-data-dir=${dir}`) ? [{ pid: Number(pid), main: !argv.some((a) => a.startsWith('--type=')) }] : [];
      } catch {
        return [];
      }
    });
  const main = mine().filter((p) => p.main);
  expect(main, 'the browser process of this profile').toHaveLength(1);
  process.kill(main[0].pid, 'SIGKILL');
  await expect.poll(() => mine().length, { timeout: 15_000, message: 'all its processes gone' }).toBe(0);
}

/** The scrub script, in the current document (again after each load). */
async function withScrub(page) {
  await page.evaluate(SCRUB_JS);
  expect(await page.evaluate(() => typeof self.scrubCreditStorage + typeof self.recoverCreditStorage)).toBe('functionfunction');
}

/** Whether the build under test loads the script itself (and so scrubs
 *  after encrypting and deleting, and recovers at start-up). */
const appScrubs = (page) => page.evaluate(() => typeof self.scrubCreditStorage === 'function');

/** The scrub that follows an encryption or a deletion: the app's own
 *  (finished before the app reported success; any other still running is
 *  waited for through the script's lock), or the call the app would make. */
async function scrubAfter(page, wired) {
  if (wired) {
    await within("the storage lock (a scrub still holding it)", page.evaluate(() => navigator.locks.request('credit-assistant-storage', () => {})));
    return { by: 'the app' };
  }
  await withScrub(page);
  return { by: 'the test', ...(await page.evaluate(() => self.scrubCreditStorage())) };
}

/** Every record of the app's database, as comparable text; and the
 *  databases of the origin. */
async function dump(page) {
  return within('reading every record (an open queued behind a pending deletion?)', page.evaluate(async () => {
    const req = (r) => new Promise((ok, ko) => { r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error); });
    const names = (await indexedDB.databases()).map((d) => d.name).sort();
    if (!names.includes('credit-assistant')) return { names, records: null };
    const db = await req(indexedDB.open('credit-assistant'));
    const records = {};
    for (const s of [...db.objectStoreNames]) {
      const tx = db.transaction(s, 'readonly');
      const [keys, values] = await Promise.all([req(tx.objectStore(s).getAllKeys()), req(tx.objectStore(s).getAll())]);
      records[s] = keys.map((k, i) => {
        const v = values[i];
        const text = typeof v === 'string' ? v : [...new Uint8Array(v.buffer || v, v.byteOffset || 0, v.byteLength)].map((b) => b.toString(16).padStart(2, '0')).join('');
        return `${JSON.stringify(k)}=${text}`;
      });
    }
    db.close();
    return { names, version: db.version, records };
  }));
}

// Loaded at the buyer's address: the app starting on that page opens the
// database from several places at once, and every one of those connections
// must close on versionchange, or the scrub that follows is blocked.
const addNote = (buyer) => buyer.addNote(BUYER_ID, NOTE);

/** Which secrets a scan shows (sorted, unique). */
const shown = (hits) => [...new Set(hits.map((h) => h.marker))].sort();
const idbOnly = (hits) => hits.filter((h) => h.file.includes('IndexedDB'));
const describe = (hits) => hits.map((h) => `${h.marker} in ${h.file} (${h.encoding}, ${h.view})`).join('\n');

/** Reports the scan as an annotation; fails on any secret, or on any
 *  buyer id in the app's storage. */
function expectClean(dir, label) {
  const hits = scanProfile(dir, [...SECRETS, BUYER_ID]);
  expect(hits.errors, `${label}: files the scan could not read`).toEqual([]);
  const secrets = hits.filter((h) => h.marker !== BUYER_ID);
  expect(secrets, `${label}:\n${describe(secrets)}`).toEqual([]);
  const ids = idbOnly(hits);
  expect(ids, `${label}:\n${describe(ids)}`).toEqual([]);
  const elsewhere = hits.filter((h) => h.marker === BUYER_ID).map((h) => h.file);
  test.info().annotations.push({ type: label, description: `no secret in the profile; the buyer id from the page's address only in: ${[...new Set(elsewhere)].join(', ') || 'nothing'}` });
}

test('encrypting and scrubbing leaves no plaintext in the profile; the figures are intact after a relaunch and unlock', async () => {
  const dir = newProfile();
  let { context, page, app, dashboard, importer, portfolios, customers, buyer } = await launch(dir);
  await app.goto('/');
  await app.setLang('en');
  const wired = await appScrubs(page);
  await importer.importFile(LEDGER, 'Acme ledger');
  const before = await dashboard.openTotal();
  expect(before).toBe(7117940n);
  await addNote(buyer);
  // The scan sees the plaintext while it is there (so that it can fail).
  await expect.poll(() => shown(scanProfile(dir, SECRETS))).toEqual([...SECRETS].sort());

  await portfolios.encrypt(PASS);
  // What is on disk once the app says it is encrypted (without a scrub:
  // all of it, the issue).
  test.info().annotations.push({ type: 'after encrypting (live scan)', description: shown(scanProfile(dir, SECRETS)).join(', ') || 'nothing' });
  const result = await scrubAfter(page, wired);
  if (!wired) expect(result.records).toBeGreaterThanOrEqual(3);
  test.info().annotations.push({ type: 'scrub', description: JSON.stringify(result) });
  expect((await dump(page)).names).toEqual(['credit-assistant']);
  // The page goes on with the re-created database (its connection closed
  // on versionchange): a reload comes back locked, and unlocks.
  await page.reload();
  await app.unlock(PASS);
  expect(await dashboard.openTotal()).toBe(before);
  await within("closing the browser", context.close());

  expectClean(dir, 'after the scrub, browser closed');

  ({ context, page, app, dashboard, customers, buyer } = await launch(dir));
  await page.goto('/');
  await app.unlock(PASS);
  expect(await dashboard.openTotal()).toBe(before);
  await customers.open();
  await customers.openBuyer(BUYER_ID);
  await expect(buyer.note).toHaveText(NOTE);
  expect(app.consoleErrors).toEqual([]);
  await within("closing the browser", context.close());
  expectClean(dir, 'after a relaunch');
});

test('deleting a portfolio and scrubbing leaves nothing of it in the profile', async () => {
  const dir = newProfile();
  const { context, page, app, importer, portfolios, buyer } = await launch(dir);
  await app.goto('/');
  await app.setLang('en');
  const wired = await appScrubs(page);
  await importer.importFile(LEDGER, 'Acme ledger');
  await addNote(buyer);
  await expect.poll(() => shown(scanProfile(dir, SECRETS))).toEqual([...SECRETS].sort());

  await portfolios.open();
  await portfolios.delete(portfolios.rows.first());
  await expect(portfolios.rows).toHaveCount(0);
  test.info().annotations.push({ type: 'after deleting (live scan)', description: shown(scanProfile(dir, SECRETS)).join(', ') || 'nothing' });

  const result = await scrubAfter(page, wired);
  test.info().annotations.push({ type: 'scrub', description: JSON.stringify(result) });
  const after = await dump(page);
  expect(after.names).toEqual(['credit-assistant']);
  expect(Object.values(after.records).flat()).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
  await within("closing the browser", context.close());

  expectClean(dir, 'after the scrub, browser closed');
});

// The browser killed at each point of a scrub after its copy exists:
// - copied: the copy complete, the main database untouched;
// - main-deleted: the main database gone (recovered where the app has not
//   started: the recovery runs before the app opens its database);
// - main-recreated: the main database re-created empty (recovered in the
//   app's page: by the app before it opens the database, or under it, its
//   connection closing on versionchange).
for (const step of ['copied', 'main-deleted', 'main-recreated']) {
  test(`a scrub killed at "${step}" loses nothing: recovery at the next start restores the portfolio`, async () => {
    const dir = newProfile();
    let { page, app, dashboard, importer, portfolios, buyer } = await launch(dir);
    await app.goto('/');
    await app.setLang('en');
    await importer.importFile(LEDGER, 'Acme ledger');
    const before = await dashboard.openTotal();
    await addNote(buyer);
    const stored = await dump(page);
    expect(Object.values(stored.records).flat().length).toBeGreaterThanOrEqual(3);

    await withScrub(page);
    await page.evaluate((at) => {
      self.__steps = [];
      // Stops for good at `at`, so the kill lands exactly there.
      self.scrubCreditStorage({ onStep: (s) => (self.__steps.push(s), s === at ? new Promise(() => {}) : undefined) });
    }, step);
    await expect.poll(() => page.evaluate(() => self.__steps)).toContain(step);
    const mid = await dump(page);
    expect(mid.names).toContain('credit-assistant-scrub');
    await killBrowser(dir);

    let context;
    ({ context, page, app, dashboard, portfolios, buyer } = await launch(dir));
    // Where the recovery runs: a document of the site without the app, so
    // that nothing opens the database first (past the service worker,
    // which answers every navigation with the app), or the app itself.
    if (step === 'main-deleted') {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setBypassServiceWorker', { bypass: true });
      await page.goto('/icon.svg');
      expect(await page.evaluate(() => document.contentType)).toBe('image/svg+xml');
      await cdp.send('Network.setBypassServiceWorker', { bypass: false });
    } else {
      await page.goto('/');
    }
    if (step !== 'main-deleted') await expect(page.getByTestId('app-name')).toBeVisible();
    // A build that loads the script runs the recovery itself, before it
    // first opens the database; then this call (serialized after it by
    // the script's Web Lock) finds nothing left to do.
    const appRecovers = await page.evaluate(() => typeof self.recoverCreditStorage === 'function');
    await withScrub(page);
    const recovered = await page.evaluate(() => self.recoverCreditStorage());
    if (appRecovers) expect(recovered).toMatchObject({ found: false });
    else expect(recovered).toMatchObject({ found: true, restored: step !== 'copied' });
    test.info().annotations.push({ type: 'recovery', description: JSON.stringify(recovered) });
    const after = await dump(page);
    expect(after.names).toEqual(['credit-assistant']);
    expect(after.records).toEqual(stored.records);
    // Nothing left to recover the second time.
    expect(await page.evaluate(() => self.recoverCreditStorage())).toMatchObject({ found: false });
    test.info().annotations.push({ type: 'recovered by', description: appRecovers ? 'the app, at start-up' : 'the test' });

    app.consoleErrors.length = 0; // the icon's document asks for a favicon (404)
    await page.goto('/');
    await expect(page.getByTestId('app-name')).toBeVisible();
    await portfolios.open();
    await expect(portfolios.rows).toHaveCount(1);
    const open = portfolios.rows.first().getByTestId('portfolio-open');
    if (await open.isEnabled()) await open.click();
    expect(await dashboard.openTotal()).toBe(before);
    await buyer.goto(BUYER_ID);
    await expect(buyer.note).toHaveText(NOTE);
    expect(app.consoleErrors).toEqual([]);
    await within("closing the browser", context.close());
  });
}
