// Trunk's post-build hook (Trunk.toml): makes the built site private by
// construction and installable, over trunk's staging directory.
//
// - Content security policy as the first element of <head>: scripts only
//   from the site itself and the inline start-up script by its SHA-256,
//   WebAssembly allowed ('wasm-unsafe-eval'), connections only to the site
//   itself, no remote origin anywhere, no plugins, no <base>, no forms.
// - Subresource integrity: trunk puts SHA-384 on its <link>s; the start-up
//   script fetches the wasm with its SHA-384 too, and every <script src> and
//   <link rel=stylesheet|modulepreload|preload> must carry an integrity
//   attribute (the build fails otherwise). A Worker has no integrity
//   attribute: the page fetches the worker's JS with its SHA-384 and runs
//   those bytes from a blob: URL; the worker fetches its wasm with its
//   SHA-384 before running them.
// - A web app manifest with icons, and a service worker (sw.js) that
//   caches every file of this build under a version derived from their
//   hashes, answers navigations with the cached index.html (the app is
//   a single page), and waits for the user to accept a new version
//   (sw-register.js shows "A new version is ready — Reload").
// - _headers (Netlify / Cloudflare Pages format) with the same policy as
//   HTTP headers, plus frame-ancestors and the other security headers; the
//   test server (tests/serve.mjs) sends them too.
// - Precompressed copies beside every file that compresses (NAME.br, brotli
//   quality 11; NAME.gz, gzip -9), for a server to send by Accept-Encoding
//   (nginx brotli_static/gzip_static, tests/serve.mjs): the page's 2.2 MB of
//   wasm go over the wire as about 650 KB. Integrity (SRI) is of the
//   decoded bytes, so it holds whichever copy is sent.
//
// Usage: run by trunk (TRUNK_STAGING_DIR), or `node scripts/postbuild.mjs DIR`.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
  console.error(`postbuild: no index.html in ${dir}`);
  process.exit(1);
}
const file = (name) => path.join(dir, name);

// The self-check's own entry (self-check.html, issue 16) is built first, by
// itself, into SELFCHECK_DIST: that build is left as trunk wrote it, and
// the app's build, next, takes its files in and hardens both pages.
const SELFCHECK_DIST = process.env.SELFCHECK_DIST || path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'target', 'selfcheck-dist');
if (fs.readFileSync(file('index.html'), 'utf8').includes('credit-selfcheck')) {
  console.log('postbuild: the self-check entry alone, left for the app\'s build to take in');
  process.exit(0);
}
if (fs.existsSync(path.join(SELFCHECK_DIST, 'index.html'))) {
  for (const f of fs.readdirSync(SELFCHECK_DIST)) {
    if (f.startsWith('credit-selfcheck') && !/\.(br|gz)$/.test(f)) fs.copyFileSync(path.join(SELFCHECK_DIST, f), file(f));
  }
  fs.copyFileSync(path.join(SELFCHECK_DIST, 'index.html'), file('self-check.html'));
}
const b64 = (alg, data) => `${alg}-${crypto.createHash(alg).update(data).digest('base64')}`;
const sri = (name) => b64('sha384', fs.readFileSync(file(name)));

// ---- icons and manifest -------------------------------------------------

function crc32(buf) {
  let c;
  const table = crc32.table || (crc32.table = Array.from({ length: 256 }, (_, n) => {
    c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const b of buf) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** The app's tile: a brand-blue rounded square with a white ledger card. */
function iconPng(size) {
  const r = Math.round(size * 0.18);
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const cx = Math.min(x, size - 1 - x);
      const cy = Math.min(y, size - 1 - y);
      const inCorner = cx < r && cy < r && (r - cx) ** 2 + (r - cy) ** 2 > r * r;
      const card = x > size * 0.26 && x < size * 0.74 && y > size * 0.22 && y < size * 0.78;
      const line = card && x > size * 0.33 && x < size * 0.67 && [0.34, 0.46, 0.58].some((t) => Math.abs(y - size * t) < size * 0.025);
      let px = [0x0b, 0x5d, 0x7a, 255];
      if (inCorner) px = [0, 0, 0, 0];
      else if (line) px = [0x0b, 0x5d, 0x7a, 255];
      else if (card) px = [255, 255, 255, 255];
      row.set(px, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.writeFileSync(file('icon-192.png'), iconPng(192));
fs.writeFileSync(file('icon-512.png'), iconPng(512));
fs.writeFileSync(file('icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b5d7a"/><rect x="17" y="14" width="30" height="36" rx="3" fill="#fff"/><path d="M22 22h20M22 30h20M22 38h12" stroke="#0b5d7a" stroke-width="3"/></svg>\n`);
fs.writeFileSync(file('manifest.webmanifest'), JSON.stringify({
  name: 'Credit Assistant · 信用助手',
  short_name: '信用助手',
  description: 'Credit management that runs entirely in your browser. 完全在浏览器中运行的信用管理助手。',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f4f6f8',
  theme_color: '#0b5d7a',
  icons: [
    { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
}, null, 2));

// ---- the worker runs exactly the bytes that were checked ---------------
// A Worker has no integrity attribute, and a loader that checks a script and
// then importScripts() it runs a second, unchecked download (issue 23, case
// 5). So the page itself fetches the worker's JS with its SHA-384 and starts
// the worker from a blob: URL of those very bytes (worker-src allows blob:,
// and a blob worker keeps the page's policy); the worker fetches its wasm
// with its SHA-384 too. A failed check rejects (the page says so) or, inside
// the worker, is posted back as "failed:…". trunk's unchecked loader shim is
// removed from the build.

const loader = file('credit-worker_loader.js');
if (fs.existsSync(loader)) {
  const js = sri('credit-worker.js');
  const wasm = sri('credit-worker_bg.wasm');
  fs.rmSync(loader);
  fs.writeFileSync(file('worker-start.js'), `// Written by scripts/postbuild.mjs: starts the ledger worker from the
// bytes whose SHA-384 was checked. Resolves to the Worker.
self.startCreditWorker = () =>
  fetch("/credit-worker.js", { integrity: "${js}" })
    .then((r) => r.text())
    .then((code) => {
      const wasmUrl = JSON.stringify(location.origin + "/credit-worker_bg.wasm");
      const boot = \`\\n;wasm_bindgen({ module_or_path: fetch(\${wasmUrl}, { integrity: "${wasm}" }) })\` +
        '.catch(() => postMessage("failed:integrity"));';
      const url = URL.createObjectURL(new Blob([code, boot], { type: "text/javascript" }));
      const w = new Worker(url);
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      return w;
    });
`);
}

// ---- the service worker's registration and update prompt ----------------

fs.writeFileSync(file('sw-register.js'), `// Written by scripts/postbuild.mjs. Registers the service worker (sw.js),
// except inside a frame (the embedded self-check stays online-only), and
// offers a new version when one is installed: nothing changes under the
// user's feet until they choose to reload.
(function () {
  if (!('serviceWorker' in navigator) || window.top !== window) return;
  var accepted = false;
  function prompt(waiting) {
    if (document.getElementById('update-banner')) return;
    var zh = (document.documentElement.lang || '').indexOf('zh') === 0;
    var bar = document.createElement('div');
    bar.id = 'update-banner';
    bar.className = 'update-banner';
    bar.setAttribute('role', 'status');
    bar.setAttribute('data-testid', 'update-banner');
    var text = document.createElement('span');
    text.textContent = zh ? '新版本已就绪。' : 'A new version is ready.';
    var button = document.createElement('button');
    button.setAttribute('data-testid', 'update-reload');
    button.textContent = zh ? '重新加载' : 'Reload';
    button.addEventListener('click', function () {
      accepted = true;
      waiting.postMessage('skip-waiting');
    });
    bar.appendChild(text);
    bar.appendChild(button);
    document.body.appendChild(bar);
  }
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (accepted) location.reload();
  });
  navigator.serviceWorker.register('/sw.js').then(function (reg) {
    function watch(w) {
      w.addEventListener('statechange', function () {
        if (w.state === 'installed' && navigator.serviceWorker.controller) prompt(w);
      });
    }
    if (reg.waiting && navigator.serviceWorker.controller) prompt(reg.waiting);
    if (reg.installing) watch(reg.installing);
    reg.addEventListener('updatefound', function () { watch(reg.installing); });
    // Look for a new version only with a network: offline, the page asks
    // for nothing it does not have.
    function check() { if (navigator.onLine) reg.update().catch(function () {}); }
    check();
    setInterval(check, 3600 * 1000);
  }).catch(function () {});
})();
`);

// ---- index.html: wasm by integrity, CSP, manifest, no missing SRI -------

/**
 * Hardens one page: its wasm fetched by integrity, the icon inlined, its
 * scripts with SRI, its CSP by hash. The app (`app`) also gets the
 * manifest, the service worker's registration, the storage scrub and the
 * worker's start; the self-check's own page needs none of them (it stores
 * nothing and installs nothing). Returns the page's policy.
 */
function harden(page, app) {
let html = fs.readFileSync(file(page), 'utf8');
html = html.replace(/init\(\{\s*module_or_path:\s*'([^']+\.wasm)'\s*\}\)/, (_, url) =>
  `init({ module_or_path: fetch('${url}', { integrity: '${sri(url.replace(/^\//, ''))}' }) })`);
// The favicon is inlined: the browser fetches it lazily, and a page opened
// before going offline must request nothing it does not have (a request for
// /icon.svg made after the network went was the meeting-mode flake).
const iconData = 'data:image/svg+xml,' + encodeURIComponent(fs.readFileSync(file('icon.svg'), 'utf8'));
if (!app) {
  html = html.replace(/<link[^>]*rel=icon[^>]*>/, `<link href="${iconData}" rel=icon type=image/svg+xml>`);
} else {
html = html.replace(/<link[^>]*rel=icon[^>]*>/, `<link href="${iconData}" rel=icon type=image/svg+xml><link href=/manifest.webmanifest rel=manifest><meta content=#0b5d7a name=theme-color>`);
html = html.replace('</head>', `<script defer integrity=${sri('sw-register.js')} src=/sw-register.js></script></head>`);
// The storage scrub (issue 23, case 4): rewrites IndexedDB after a
// portfolio is encrypted or deleted so Chromium's files keep no plaintext;
// and restores what an interrupted scrub had copied aside.
fs.copyFileSync(new URL('../static/storage-scrub.js', import.meta.url), file('storage-scrub.js'));
html = html.replace('</head>', `<script integrity=${sri('storage-scrub.js')} src=/storage-scrub.js></script></head>`);
if (fs.existsSync(file('worker-start.js'))) {
  html = html.replace('</head>', `<script defer integrity=${sri('worker-start.js')} src=/worker-start.js></script></head>`);
}
}
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inline.map((s) => `'${b64('sha256', s)}'`).join(' ');
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes}`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv=["']?Content-Security-Policy[^>]*>/i, '');
html = html.replace(/<head>|(<html[^>]*>)/, (m) => `${m}<meta content="${policy}" http-equiv=Content-Security-Policy>`);
if (!html.includes('http-equiv=Content-Security-Policy')) {
  console.error('postbuild: could not insert the content security policy');
  process.exit(1);
}
// The charset must stay within the first bytes: put the CSP after it.
html = html.replace(/(<meta content="[^"]*" http-equiv=Content-Security-Policy>)(<meta charset=[^>]*>)/, '$2$1');

const missing = [...html.matchAll(/<(script|link)\b[^>]*>/g)]
  .map((m) => m[0])
  .filter((tag) => /<script\b[^>]*\bsrc=/.test(tag) || /\brel=["']?(stylesheet|modulepreload|preload)\b/.test(tag))
  .filter((tag) => !/\bintegrity=/.test(tag));
if (missing.length) {
  console.error(`postbuild: assets without integrity: ${missing.join(' ')}`);
  process.exit(1);
}
if (/(src|href)=["']?(https?:)?\/\//i.test(html)) {
  console.error(`postbuild: a remote origin in ${page}`);
  process.exit(1);
}
fs.writeFileSync(file(page), html);
return { policy, inline: inline.length };
}

const { policy, inline: inlineCount } = harden('index.html', true);
const selfCheck = fs.existsSync(file('self-check.html')) ? harden('self-check.html', false) : null;

// ---- headers for a web server -------------------------------------------

const common = [
  'X-Content-Type-Options: nosniff',
  'Referrer-Policy: no-referrer',
  'Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()',
  'Cross-Origin-Opener-Policy: same-origin',
];
fs.writeFileSync(file('_headers'), `# Written by scripts/postbuild.mjs for this build (Netlify / Cloudflare Pages
# format; see README "Security headers" for nginx). The self-check may be
# framed by the site that embeds it: replace * with that site's origin.
/*
  Content-Security-Policy: ${policy}; frame-ancestors 'self'
${common.map((h) => `  ${h}`).join('\n')}
${(selfCheck ? ['/self-check', '/self-check.html'] : ['/self-check']).map((p) => `${p}
  Content-Security-Policy: ${(selfCheck || { policy }).policy}; frame-ancestors *
${common.filter((h) => !h.startsWith('Cross-Origin-Opener')).map((h) => `  ${h}`).join('\n')}
`).join('')}`);

// ---- the service worker -------------------------------------------------

const compressed = (f) => f.endsWith('.br') || f.endsWith('.gz');
const assets = fs.readdirSync(dir)
  .filter((f) => fs.statSync(file(f)).isFile() && !['sw.js', '_headers'].includes(f) && !compressed(f))
  .sort();
const version = crypto.createHash('sha256')
  .update(assets.map((f) => `${f}:${b64('sha256', fs.readFileSync(file(f)))}`).join('\n'))
  .digest('hex')
  .slice(0, 16);
fs.writeFileSync(file('sw.js'), `// Written by scripts/postbuild.mjs: the offline cache of one build.
// Version ${version}: a hash of every file below, so a new build is a new
// service worker, installed in the background and activated when the user
// accepts it (sw-register.js).
const VERSION = '${version}';
const CACHE = 'credit-assistant-' + VERSION;
const ASSETS = ${JSON.stringify(assets.map((f) => `/${f}`))};
// Cached responses are decoded bytes, whichever encoding carried them
// (the server varies on Accept-Encoding): any request matches them.
const MATCH = { ignoreVary: true };

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(ASSETS)));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('credit-assistant-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (e) => {
  if (e.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // A frame (the embedded self-check) always gets the server's answer, with
  // the headers that allow its embedder to frame it.
  if (req.mode === 'navigate' && req.destination !== 'document') return;
  if (req.mode === 'navigate') {
    // A single-page app: every route is index.html, from the cache first.
    e.respondWith(caches.open(CACHE).then((c) => c.match('/index.html', MATCH)).then((r) => r || fetch(req)));
    return;
  }
  e.respondWith(caches.open(CACHE).then((c) => c.match(url.pathname, MATCH)).then((r) => r || fetch(req)));
});
`);

// ---- precompressed copies ------------------------------------------------
// Last, so that sw.js has its copies too; a file that does not get smaller
// (the PNG icons) has none, and is sent as it is.
let precompressed = 0;
for (const f of fs.readdirSync(dir).sort()) {
  if (!fs.statSync(file(f)).isFile() || f === '_headers' || compressed(f)) continue;
  const buf = fs.readFileSync(file(f));
  const br = zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  });
  const gz = zlib.gzipSync(buf, { level: 9 });
  if (br.length < buf.length) fs.writeFileSync(file(`${f}.br`), br);
  if (gz.length < buf.length) fs.writeFileSync(file(`${f}.gz`), gz);
  if (br.length < buf.length || gz.length < buf.length) precompressed += 1;
}

console.log(`postbuild: CSP with ${inlineCount} inline script hash(es)${selfCheck ? ', the self-check entry taken in' : ''}, SRI checked, sw.js version ${version} (${assets.length} files), ${precompressed} precompressed (.br, .gz)`);
