// Private by construction, checked in the browser: the content security
// policy and subresource integrity of the built site (no violation during a
// walk through every page), and the installable, offline app: the service
// worker serves it with the network gone, and offers a new version.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { AppPage, CashPage, CustomerPage, DashboardPage, ImportPage, PortfoliosPage } from './pages/index.js';

const DATA = path.resolve(new URL('.', import.meta.url).pathname, '../../core/tests/data/import');

/** Collects CSP violations of every document of the page. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
}

test('the built page carries its CSP (by hash), SRI on every asset, and the headers', async ({ page, request }) => {
  const res = await request.get('/');
  const html = await res.text();
  const csp = /<meta content="([^"]+)" http-equiv=Content-Security-Policy>/.exec(html);
  expect(csp, 'CSP meta tag').not.toBeNull();
  const policy = csp[1];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(policy).toContain("connect-src 'self'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toMatch(/https?:|\*/);
  // Every script and stylesheet/preload carries an integrity hash.
  const tags = html.match(/<(script|link)\b[^>]*>/g);
  const assets = tags.filter((t) => /\bsrc=/.test(t) || /rel=(stylesheet|modulepreload|preload)/.test(t));
  expect(assets.length).toBeGreaterThanOrEqual(4);
  for (const t of assets) expect(t, t).toMatch(/integrity=sha384-/);
  // The wasm is fetched with its hash too.
  expect(html).toMatch(/fetch\('\/credit-app-[0-9a-f]+_bg\.wasm', \{ integrity: 'sha384-/);
  // The server sends the same policy as headers, with frame-ancestors.
  const h = res.headers();
  expect(h['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  // The manifest: installable, icons local.
  const m = await (await request.get('/manifest.webmanifest')).json();
  expect(m.display).toBe('standalone');
  expect(m.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const i of m.icons) expect((await request.get(i.src)).status()).toBe(200);
  // The worker runs the bytes whose hash was checked (issue 23, case 5):
  // started from a blob of its verified JS, its wasm fetched with its hash;
  // trunk's unchecked loader is gone.
  const start = await (await request.get('/worker-start.js')).text();
  expect(start.match(/integrity: \\?"sha384-/g)).toHaveLength(2);
  expect(start).toContain('URL.createObjectURL(new Blob([code');
  expect(start).not.toContain('importScripts');
  expect((await request.get('/credit-worker_loader.js')).status()).toBe(404);
  // The self-check's own entry (issue 16): its own policy and integrity,
  // its own wasm by hash, none of the app's files, framable by any site.
  const sc = await request.get('/self-check');
  const scHtml = await sc.text();
  const scPolicy = /<meta content="([^"]+)" http-equiv=Content-Security-Policy>/.exec(scHtml);
  expect(scPolicy, 'the self-check page\'s CSP meta tag').not.toBeNull();
  expect(scPolicy[1]).toContain("object-src 'none'");
  expect(scPolicy[1]).not.toMatch(/https?:|\*/);
  const scAssets = scHtml.match(/<(script|link)\b[^>]*>/g).filter((t) => /\bsrc=/.test(t) || /rel=(stylesheet|modulepreload|preload)/.test(t));
  expect(scAssets.length).toBeGreaterThanOrEqual(2);
  for (const t of scAssets) expect(t, t).toMatch(/integrity=sha384-/);
  expect(scHtml).toMatch(/fetch\('\/credit-selfcheck-[0-9a-f]+_bg\.wasm', \{ integrity: 'sha384-/);
  expect(scHtml).not.toMatch(/credit-app|credit-worker|sw-register|rel="?manifest/);
  expect(sc.headers()['content-security-policy']).toBeTruthy();
});

test('no CSP violation and no console error through every page, the worker and the embed', async ({ page, baseURL }) => {
  await watchCsp(page);
  const app = new AppPage(page);
  const portfolios = new PortfoliosPage(page);
  const importer = new ImportPage(page);
  await app.goto('/');
  await app.setLang('en');
  await app.loadDemo();
  const seen = [];
  for (const p of ['/', '/customers', '/customers/C0001', '/customers/C0007', '/invoices', '/alerts', '/cash', '/meeting', '/self-check', '/import', '/portfolios']) {
    await page.goto(p);
    // /self-check is the app's copy once the service worker controls the
    // page, and the self-check's own entry before (both are checked).
    await expect(p === '/self-check' ? page.getByTestId('sc-step') : page.getByTestId('app-name')).toBeVisible();
    await page.waitForTimeout(250);
    seen.push(...(await page.evaluate(() => window.__csp)));
  }
  // The worker starts (a new portfolio is written by it) under the policy.
  await portfolios.create('CSP check');
  await expect(portfolios.rows).toHaveCount(1);
  await importer.open();
  await importer.choose(path.join(DATA, 'invoices_en.csv'));
  await expect(importer.summary).toBeVisible();
  seen.push(...(await page.evaluate(() => window.__csp)));
  // The embedded self-check.
  await page.goto('/self-check?embed=1&lang=en');
  await expect(page.getByTestId('selfcheck')).toBeVisible();
  seen.push(...(await page.evaluate(() => window.__csp)));
  // The self-check's own entry, in a browser that never opened the app.
  const first = await page.context().browser().newContext({ serviceWorkers: 'block' });
  const alone = await first.newPage();
  const aloneApp = new AppPage(alone);
  await watchCsp(alone);
  for (const p of ['/self-check?lang=zh', '/self-check?embed=1&lang=en']) {
    await alone.goto(p);
    await expect(alone.getByTestId('sc-step')).toBeVisible();
    await expect(alone.getByTestId('app-name')).toHaveCount(0);
    await alone.waitForTimeout(250);
    seen.push(...(await alone.evaluate(() => window.__csp)));
  }
  expect(aloneApp.consoleErrors).toEqual([]);
  await first.close();
  expect(seen).toEqual([]);
  expect(app.consoleErrors).toEqual([]);
  // The watch itself works: an injected inline script is refused and seen.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true;';
    document.body.appendChild(s);
  });
  await expect.poll(() => page.evaluate(() => window.__csp.length)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
  const origin = new URL(baseURL).origin;
  expect(app.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});

test('offline: with the network gone the app opens, the stored ledger is there, deep links work', async ({ page, context }) => {
  const app = new AppPage(page);
  const importer = new ImportPage(page);
  const dashboard = new DashboardPage(page);
  const buyer = new CustomerPage(page);
  const cash = new CashPage(page);
  await app.goto('/');
  await app.setLang('en');
  await importer.importFile(path.join(DATA, 'invoices_en.csv'), 'On the plane');
  await dashboard.open();
  const total = await dashboard.totalCents();
  await controlled(page);
  // Every file of the build is cached before the worker activates.
  await expect.poll(() => page.evaluate(async () => {
    const keys = await caches.keys();
    const c = await caches.open(keys.find((k) => k.startsWith('credit-assistant-')));
    return (await c.keys()).length;
  })).toBeGreaterThan(8);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('app-name')).toBeVisible();
  expect(await dashboard.totalCents()).toBe(total);
  await expect(page.getByTestId('open-portfolio')).toHaveText('On the plane');
  await buyer.goto('C004');
  await expect(buyer.heading).toContainText('Orion Parts');
  await page.goto('/cash');
  await expect(cash.weeks).toHaveCount(13);
  await context.setOffline(false);
});

test('a new version is offered, not forced; accepting it reloads under the new service worker', async ({ page, request }) => {
  const app = new AppPage(page);
  await app.goto('/');
  await controlled(page);
  const first = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).active.scriptURL);
  expect(first).toMatch(/\/sw\.js$/);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
  // A new build is deployed.
  expect((await request.post('/__test/bump-sw')).status()).toBe(204);
  // Asked until the new worker is seen: an update() made while the page's
  // own start-up check is still in flight joins that job (equivalent jobs
  // are coalesced), which may have read sw.js before the bump.
  await expect.poll(() => page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg.update();
    return !!(reg.installing || reg.waiting);
  }), { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId('update-banner')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('update-banner')).toContainText('A new version is ready');
  // Nothing changed under the user: the page still runs until they choose.
  await page.evaluate(() => { window.__before = true; });
  await Promise.all([page.waitForEvent('load', { timeout: 30_000 }), page.getByTestId('update-reload').click()]);
  expect(await page.evaluate(() => window.__before)).toBeUndefined();
  await expect(page.getByTestId('app-name')).toBeVisible();
  const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting);
  expect(waiting).toBe(false);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
});
