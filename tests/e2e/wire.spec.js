// Compressed on the wire (issue 16, part 2): the build writes a brotli and a
// gzip copy beside every file that compresses (scripts/postbuild.mjs), and
// the server sends the one the browser accepts (tests/serve.mjs, as nginx's
// brotli_static/gzip_static would). The bytes are the same once decoded:
// integrity checks hold and the app runs.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppPage } from './pages/index.js';

const DIST = path.resolve(new URL('.', import.meta.url).pathname, '..', process.env.E2E_DIST || '../dist');
const wasmName = () => fs.readdirSync(DIST).find((f) => /^credit-app-.*_bg\.wasm$/.test(f));

test('the server sends the precompressed copy the request accepts, and the file itself otherwise', async ({ request }) => {
  const name = wasmName();
  const raw = fs.readFileSync(path.join(DIST, name));
  for (const [accept, encoding, ext] of [['br', 'br', '.br'], ['gzip, deflate', 'gzip', '.gz'], ['gzip, br;q=0', 'gzip', '.gz'], ['identity', undefined, '']]) {
    const res = await request.get(`/${name}`, { headers: { 'Accept-Encoding': accept } });
    expect(res.status(), accept).toBe(200);
    expect(res.headers()['content-encoding'], accept).toBe(encoding);
    expect(res.headers().vary, accept).toBe('Accept-Encoding');
    expect(Number(res.headers()['content-length']), accept).toBe(fs.statSync(path.join(DIST, name + ext)).size);
  }
  // Each copy decodes to the very bytes of the file.
  expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(DIST, `${name}.br`))).equals(raw)).toBe(true);
  expect(zlib.gunzipSync(fs.readFileSync(path.join(DIST, `${name}.gz`))).equals(raw)).toBe(true);
});

test('in the browser the page arrives compressed and runs: the wasm a third of its size or less', async ({ page }) => {
  const encodings = {};
  page.on('response', (r) => {
    const p = new URL(r.url()).pathname;
    encodings[p] = r.headers()['content-encoding'];
  });
  const app = new AppPage(page);
  await app.goto('/');
  await app.loadDemo();
  expect(app.consoleErrors).toEqual([]);
  const name = wasmName();
  expect(['br', 'gzip']).toContain(encodings[`/${name}`]);
  const entry = await page.evaluate((n) => {
    const e = performance.getEntriesByType('resource').find((r) => r.name.endsWith(`/${n}`));
    return e && { encoded: e.encodedBodySize, decoded: e.decodedBodySize };
  }, name);
  expect(entry.decoded).toBe(fs.statSync(path.join(DIST, name)).size);
  expect(entry.encoded).toBeLessThan(entry.decoded / 3);
  test.info().annotations.push({ type: 'wasm on the wire', description: `${encodings[`/${name}`]}: ${entry.encoded} of ${entry.decoded} bytes` });
});
