// Prints the release build's size: every file of dist/ raw, gzip (-9) and
// brotli (quality 11); the initial download (everything the page loads to
// start: index.html, the app's JS and wasm, the CSS) against its budget;
// and the ledger worker (credit-worker*: loaded only when a file is
// imported, a backup made or restored, or a portfolio created) against its
// own. Exits non-zero over either budget.
// Usage: node tests/sizes.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = path.resolve(process.argv[2] || new URL('../dist', import.meta.url).pathname);
// Issue 2 set 300 KB for the walking skeleton; storage, import, portfolios
// and CSV export took the page to about 370 KB (see README, "Size").
const BUDGET_INITIAL = 690 * 1024;
const BUDGET_WORKER = 400 * 1024;
// Issue 16: the self-check's own entry (self-check.html, its JS and wasm,
// the CSS), what a prospect downloads from an insurer's site.
const BUDGET_SELFCHECK = 120 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const name of fs.readdirSync(dir).sort()) {
  const file = path.join(dir, name);
  // The precompressed copies (NAME.br, NAME.gz) are NAME as transferred,
  // counted in NAME's row: the brotli column is the .br file's size.
  if (!fs.statSync(file).isFile() || /\.(br|gz)$/.test(name)) continue;
  const buf = fs.readFileSync(file);
  // As a server sends it: the precompressed copy where the build wrote one,
  // else the file itself (what does not get smaller is sent as it is).
  const sent = (ext, make) => (fs.existsSync(`${file}.${ext}`) ? fs.statSync(`${file}.${ext}`).size : Math.min(buf.length, make()));
  const gz = sent('gz', () => zlib.gzipSync(buf, { level: 9 }).length);
  const br = sent('br', () => zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length);
  rows.push({
    name, raw: buf.length, gz, br,
    worker: name.startsWith('credit-worker'),
    selfCheckOnly: name === 'self-check.html' || name.startsWith('credit-selfcheck'),
    selfCheck: name === 'self-check.html' || name.startsWith('credit-selfcheck') || name.endsWith('.css'),
  });
}
const sum = (rs) => rs.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz, br: a.br + r.br }), { raw: 0, gz: 0, br: 0 });
const initial = sum(rows.filter((r) => !r.worker && !r.selfCheckOnly));
const selfCheck = sum(rows.filter((r) => r.selfCheck));
const worker = sum(rows.filter((r) => r.worker));
const line = (label, r) => `  ${label.padEnd(44)} raw ${kb(r.raw).padStart(10)}  gzip ${kb(r.gz).padStart(9)}  brotli ${kb(r.br).padStart(9)}`;
console.log('release build size (dist/):');
for (const r of rows) console.log(line(r.name, r));
console.log(`${line('initial download', initial)}  (budget ${kb(BUDGET_INITIAL)} brotli)`);
console.log(`${line('ledger worker, loaded on first use', worker)}  (budget ${kb(BUDGET_WORKER)} brotli)`);
console.log(`${line('self-check entry (self-check.html)', selfCheck)}  (budget ${kb(BUDGET_SELFCHECK)} brotli)`);
let failed = false;
if (initial.br > BUDGET_INITIAL) {
  console.error(`initial download ${kb(initial.br)} brotli is over the ${kb(BUDGET_INITIAL)} budget`);
  failed = true;
}
if (worker.br > BUDGET_WORKER) {
  console.error(`ledger worker ${kb(worker.br)} brotli is over the ${kb(BUDGET_WORKER)} budget`);
  failed = true;
}
if (selfCheck.br > BUDGET_SELFCHECK) {
  console.error(`self-check entry ${kb(selfCheck.br)} brotli is over the ${kb(BUDGET_SELFCHECK)} budget`);
  failed = true;
}
if (!rows.some((r) => r.name === 'self-check.html')) {
  console.error('no self-check.html in dist/: the self-check entry was not built (scripts/build.sh)');
  failed = true;
}
if (rows.filter((r) => r.worker).length === 0) {
  console.error('no credit-worker files in dist/: the ledger worker was not built');
  failed = true;
}
process.exit(failed ? 1 : 0);
