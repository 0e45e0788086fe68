// A minimal static server for the built app (dist/), used by the end-to-end
// tests and the browser benchmark. Unknown paths without a file extension get
// index.html, as a single-page app needs (configure any web server the same way).
// It sends the security headers of the build's _headers file (the block of
// the exact path, else the one of /*), as a production server would.
// It sends the build's precompressed copies (NAME.br, NAME.gz) by the
// request's Accept-Encoding, as a production server should.
// For the service-worker update test, `POST /__test/bump-sw` makes sw.js
// differ from then on (a comment appended), as a new build would.
// Usage: node serve.mjs [dir=../dist] [port=4173]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] || new URL('../dist', import.meta.url).pathname);
const port = Number(process.argv[3] || 4173);
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/** `_headers`: path → [[name, value]]. */
function readHeaders() {
  const blocks = new Map();
  const f = path.join(dir, '_headers');
  if (!fs.existsSync(f)) return blocks;
  let current = null;
  for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = [];
      blocks.set(line.trim(), current);
    } else if (current) {
      const i = line.indexOf(':');
      current.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
  }
  return blocks;
}
let bumps = 0;

/** The codings an Accept-Encoding header accepts (those not given q=0). */
function acceptedEncodings(header) {
  const out = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/__test/bump-sw') {
      bumps += 1;
      res.writeHead(204).end();
      return;
    }
    const blocks = readHeaders();
    const security = Object.fromEntries(blocks.get(url.pathname) || blocks.get('/*') || []);
    // The path is resolved, then must stay inside the directory: a prefix
    // check let `/..%2fdist-other/x` reach a sibling directory whose name
    // starts with this one's. A malformed escape is a bad request.
    let decoded;
    try {
      decoded = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.resolve(dir, `.${path.sep}${decoded}`);
    const rel = path.relative(dir, file);
    if (decoded.includes('\0') || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(url.pathname) !== '') {
        res.writeHead(404).end('not found');
        return;
      }
      // A page of its own (self-check.html for /self-check), else the
      // single-page app: nginx's try_files $uri $uri.html /index.html.
      file = fs.existsSync(`${file}.html`) && path.dirname(`${file}.html`) === dir ? `${file}.html` : path.join(dir, 'index.html');
    }
    const headers = {
      ...security,
      'Content-Type': types[path.extname(file)] || 'application/octet-stream',
      'Cache-Control': 'no-cache',
      Vary: 'Accept-Encoding',
    };
    if (path.basename(file) === 'sw.js' && bumps > 0) {
      res.writeHead(200, headers);
      res.end(`${fs.readFileSync(file, 'utf8')}\n// bump ${bumps}\n`);
      return;
    }
    // The build's precompressed copy (NAME.br, NAME.gz) when the browser
    // accepts it, as nginx's brotli_static/gzip_static do.
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const copy = [['br', '.br'], ['gzip', '.gz']].find(([enc, ext]) => accepted.has(enc) && fs.existsSync(file + ext));
    if (copy) {
      headers['Content-Encoding'] = copy[0];
      file += copy[1];
    }
    headers['Content-Length'] = fs.statSync(file).size;
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  })
  .listen(port, '127.0.0.1', () => console.log(`serving ${dir} on http://127.0.0.1:${port}/`));
