// Issue 23: the ledger worker is supervised (cases 2, 5, 6), a newer
// version's upgrade is never blocked (case 9) and ids of every shape make
// working links (case 10).
import { test, expect } from '@playwright/test';
import { AppPage, CustomerPage, CustomersPage, DashboardPage, ImportPage, InvoicesPage, cents } from './pages/index.js';

// The service worker would answer the worker's files from its cache, out
// of reach of page.route: these tests tamper with what the server sends.
test.use({ serviceWorkers: 'block' });

const HEAD = 'invoice,customer,issue date,due date,amount\n';
const csv = (rows) => Buffer.from(HEAD + rows.map((r) => r.join(',')).join('\n') + '\n');

test.beforeEach(async ({ page }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await page.evaluate(() => localStorage.clear());
  await app.goto('/');
  await app.setLang('en');
});

// Case 5: the worker runs only bytes whose hash was checked. Its JS or its
// wasm altered on the way: a clear error, nothing stored, and once the
// server sends the right files again, "Try again" works.
for (const [what, pattern] of [['JS', '**/credit-worker.js'], ['wasm', '**/credit-worker_bg.wasm']]) {
  test(`a worker whose ${what} was altered does not run, and says so`, async ({ page, context }) => {
    const importer = new ImportPage(page);
    const tamper = async (route) => {
      const res = await route.fetch();
      const body = await res.body();
      const altered = Buffer.from(body);
      altered[altered.length >> 1] ^= 0x01;
      // The decoded bytes, altered, sent as they are: the server's
      // Content-Encoding (a precompressed copy) no longer applies, and
      // left on, the bytes would fail to decode rather than to check.
      const headers = { ...res.headers() };
      delete headers['content-encoding'];
      delete headers['content-length'];
      await route.fulfill({ status: res.status(), headers, body: altered });
    };
    await context.route(pattern, tamper);
    await importer.startNew('Tampered');
    await importer.choose({ name: 'a.csv', mimeType: 'text/csv', buffer: csv([['A-1', 'C1', '2026-10-01', '2026-10-31', '10.00']]) });
    await expect(importer.failure).toHaveText(
      'The file reader stopped (its code did not pass the integrity check or could not be loaded): nothing was changed. Try again; if it happens again, the file may be too large or damaged. Try again',
    );
    await context.unroute(pattern, tamper);
    await importer.retry();
    await expect(importer.summary).toBeVisible();
    await expect(importer.failure).toHaveCount(0);
  });
}

// Case 2: a worker that never answers (here: its code never arrives) no
// longer leaves "Reading the file…" on screen for ever: after a minute
// without a word the page stops it, says so in the user's language and
// offers a retry that starts a fresh worker.
test('a silent worker is stopped after a minute, with a retry', async ({ page, context }) => {
  const importer = new ImportPage(page);
  await page.clock.install();
  await page.reload();
  await page.getByTestId('app-name').waitFor();
  const hold = [];
  const never = (route) => hold.push(route);
  await context.route('**/credit-worker.js', never);
  await importer.startNew('Silent');
  await importer.choose({ name: 'a.csv', mimeType: 'text/csv', buffer: csv([['A-1', 'C1', '2026-10-01', '2026-10-31', '10.00']]) });
  await expect.poll(() => hold.length).toBeGreaterThan(0);
  await page.clock.runFor(59_000);
  await expect(importer.failure).toHaveCount(0);
  await page.clock.runFor(2_000);
  await expect(importer.failure).toContainText('The file reader stopped (no answer for 60 s)');
  await new AppPage(page).setLang('zh');
  await expect(importer.failure).toContainText('文件读取器已停止（60 秒无响应）');
  await context.unroute('**/credit-worker.js', never);
  await importer.retry();
  await expect(importer.summary).toBeVisible();
});

// Case 6: file A (large, still being read) then file B at once: the page
// shows B's preview and imports B — A's reading is stopped, not mixed in.
test('of two files chosen quickly, the second is previewed and imported', async ({ page }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  const dashboard = new DashboardPage(page);
  const big = Array.from({ length: 150_000 }, (_, k) => [`A-${k}`, `C${k % 500}`, '2026-10-01', '2026-10-31', '1.00']);
  await importer.startNew('Second file');
  await importer.choose({ name: 'a.csv', mimeType: 'text/csv', buffer: csv(big) });
  await importer.choose({ name: 'b.csv', mimeType: 'text/csv', buffer: csv([['B-1', 'B1', '2026-10-01', '2026-10-31', '123.45'], ['B-2', 'B2', '2026-10-01', '2026-10-31', '200.00']]) });
  await expect(importer.summary).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('summary-rows')).toHaveText('2');
  await importer.commit();
  await importer.openDashboard();
  expect(await dashboard.totalCents()).toBe(cents('323.45'));
  expect(app.consoleErrors).toEqual([]);
});

// Case 9: with a stored portfolio open, another tab opening the database
// at a newer version is not blocked; this tab says a newer version took
// over and offers a reload.
test('a newer version upgrading the storage is never blocked', async ({ page, context }) => {
  const importer = new ImportPage(page);
  await importer.startNew('Held open');
  await importer.choose({ name: 'a.csv', mimeType: 'text/csv', buffer: csv([['A-1', 'C1', '2026-10-01', '2026-10-31', '10.00']]) });
  await importer.commit();
  await importer.openDashboard();
  await expect(new DashboardPage(page).ageingTotal).toContainText('10.00');

  const other = await context.newPage();
  await other.goto('/not-a-page.txt');
  const outcome = await other.evaluate(
    () =>
      new Promise((ok) => {
        const req = indexedDB.open('credit-assistant', 7);
        let blocked = false;
        req.onblocked = () => (blocked = true);
        req.onsuccess = () => {
          req.result.close();
          ok(blocked ? 'blocked, then opened' : 'opened');
        };
        req.onerror = () => ok(`error ${req.error}`);
        setTimeout(() => ok('still blocked after 10 s'), 10_000);
      }),
  );
  expect(outcome).toBe('opened');
  await expect(page.getByTestId('taken-over')).toContainText('A newer version of the app opened in another tab');
  await new AppPage(page).setLang('zh');
  await expect(page.getByTestId('taken-over')).toContainText('另一个标签页中的新版本已升级存储');
  await other.close();
});

// Case 10: ids with `/`, `?`, `#`, `%` or `..` link to their own page and
// to their own invoices.
test('buyer ids of every shape link to their pages', async ({ page }) => {
  const importer = new ImportPage(page);
  const ids = ['A/B', 'A?x=1', 'A#f', '..', 'P%41', '.~', 'x~2F', '客户/甲'];
  await importer.startNew('Odd ids');
  const rows = ids.map((id, k) => [`I-${k}`, `"${id}"`, '2026-10-01', '2026-10-31', `${k + 1}0.00`]);
  await importer.choose({ name: 'ids.csv', mimeType: 'text/csv', buffer: csv(rows) });
  await importer.commit();
  const customers = new CustomersPage(page);
  const buyer = new CustomerPage(page);
  const invoices = new InvoicesPage(page);
  for (const [k, id] of ids.entries()) {
    await customers.open();
    const row = () => customers.rowOfId(id);
    await row().getByTestId('customer-name').getByRole('link').click();
    await expect(buyer.heading.locator('.muted')).toHaveText(id);
    await customers.open();
    await row().getByRole('link', { name: 'Invoices', exact: true }).click();
    await expect(invoices.rows, `${id} at ${page.url()}`).toHaveCount(1);
    await expect(invoices.rows).toContainText(`I-${k}`);
  }
});
