// Prints the release build's size: every file of dist/ raw, gzip (-9) and
// brotli (quality 11), and the initial download in total, against the
// 300 KB brotli budget. Exits non-zero over budget.
// Usage: node tests/sizes.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = path.resolve(process.argv[2] || new URL('../dist', import.meta.url).pathname);
const BUDGET_BROTLI = 300 * 1024;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [];
for (const name of fs.readdirSync(dir).sort()) {
  const file = path.join(dir, name);
  if (!fs.statSync(file).isFile()) continue;
  const buf = fs.readFileSync(file);
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
  }).length;
  rows.push({ name, raw: buf.length, gz, br });
}
const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gz: a.gz + r.gz, br: a.br + r.br }), { raw: 0, gz: 0, br: 0 });
console.log('release build size (dist/):');
for (const r of rows) console.log(`  ${r.name.padEnd(44)} raw ${kb(r.raw).padStart(10)}  gzip ${kb(r.gz).padStart(9)}  brotli ${kb(r.br).padStart(9)}`);
console.log(`  ${'initial download, all files'.padEnd(44)} raw ${kb(total.raw).padStart(10)}  gzip ${kb(total.gz).padStart(9)}  brotli ${kb(total.br).padStart(9)}  (budget ${kb(BUDGET_BROTLI)} brotli)`);
if (total.br > BUDGET_BROTLI) {
  console.error(`initial download ${kb(total.br)} brotli is over the ${kb(BUDGET_BROTLI)} budget`);
  process.exit(1);
}
