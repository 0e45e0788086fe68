// Scans a browser profile directory, as an attacker with the disk would,
// for secrets: every file's bytes, plus what only a LevelDB-aware reader
// sees — the records of a *.log reassembled across its 32 KiB blocks, the
// data blocks of a *.ldb/*.sst table snappy-decompressed — and, in all of
// those, IndexedDB values that Blink itself snappy-compressed (values of
// 64 KiB and more: 0xFF 0x11 0x02 then a raw snappy stream; also in the
// blob files of large values).
//
// scanProfile(dir, markers) → [{ file, marker, encoding, view }]: `file`
// relative to dir, `encoding` one of utf8, latin1, utf16le, json (the
// marker as it appears inside a JSON string), `view` one of raw, log, ldb,
// value. The array also carries `errors`: files a LevelDB view could not
// be read from (a truncated table read while the browser writes it; an
// unknown block compression), so that a reader that sees nothing can tell
// "nothing there" from "could not look".
import fs from 'node:fs';
import path from 'node:path';

/** Raw snappy (no framing) → Buffer, or null when `buf` is not a valid
 *  stream. Bounded: never writes past the declared length, never reads
 *  past the input, never copies from before the output's start. */
export function snappyDecompress(buf, start = 0, maxLength = 256 << 20) {
  let pos = start;
  let len = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= buf.length || shift > 28) return null;
    const b = buf[pos++];
    len += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) break;
  }
  // A copy of 64 bytes costs 3 input bytes: no valid stream expands more.
  if (len > maxLength || len > (buf.length - pos) * 22 + 64) return null;
  const out = Buffer.alloc(len);
  let op = 0;
  while (op < len) {
    if (pos >= buf.length) return null;
    const tag = buf[pos++];
    const kind = tag & 3;
    if (kind === 0) {
      let l = tag >> 2;
      if (l >= 60) {
        const n = l - 59;
        if (pos + n > buf.length) return null;
        l = 0;
        for (let i = 0; i < n; i++) l += buf[pos + i] * 2 ** (8 * i);
        pos += n;
      }
      l += 1;
      if (pos + l > buf.length || op + l > len) return null;
      buf.copy(out, op, pos, pos + l);
      pos += l;
      op += l;
    } else {
      let l;
      let off;
      if (kind === 1) {
        if (pos + 1 > buf.length) return null;
        l = ((tag >> 2) & 7) + 4;
        off = ((tag >> 5) << 8) | buf[pos++];
      } else if (kind === 2) {
        if (pos + 2 > buf.length) return null;
        l = (tag >> 2) + 1;
        off = buf.readUInt16LE(pos);
        pos += 2;
      } else {
        if (pos + 4 > buf.length) return null;
        l = (tag >> 2) + 1;
        off = buf.readUInt32LE(pos);
        pos += 4;
      }
      if (off === 0 || off > op || op + l > len) return null;
      for (let i = 0; i < l; i++, op++) out[op] = out[op - off];
    }
  }
  return out;
}

function varint(buf, pos) {
  let v = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= buf.length || shift > 63) throw new Error('bad varint');
    const b = buf[pos++];
    v += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [v, pos];
  }
}

const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);

function readBlock(file, off, size) {
  if (off + size + 5 > file.length) throw new Error(`block at ${off}+${size} past the end`);
  const data = file.subarray(off, off + size);
  const type = file[off + size];
  if (type === 0) return Buffer.from(data);
  if (type === 1) {
    const out = snappyDecompress(data);
    if (!out) throw new Error(`bad snappy block at ${off}`);
    return out;
  }
  throw new Error(`block compression type ${type} at ${off} (not none or snappy)`);
}

/** All data blocks (and the metaindex) of a LevelDB table, decompressed
 *  and concatenated. */
export function tableContents(file) {
  if (file.length < 48) throw new Error('shorter than a table footer');
  const footer = file.subarray(file.length - 48);
  if (!footer.subarray(40).equals(TABLE_MAGIC)) throw new Error('no table magic (truncated?)');
  let p = 0;
  let mo;
  let ms;
  let io;
  let is;
  [mo, p] = varint(footer, p);
  [ms, p] = varint(footer, p);
  [io, p] = varint(footer, p);
  [is, p] = varint(footer, p);
  const index = readBlock(file, io, is);
  const nRestarts = index.readUInt32LE(index.length - 4);
  const end = index.length - 4 - 4 * nRestarts;
  const parts = [];
  let q = 0;
  while (q < end) {
    let nonShared;
    let vlen;
    [, q] = varint(index, q);
    [nonShared, q] = varint(index, q);
    [vlen, q] = varint(index, q);
    q += nonShared;
    let bo;
    let bs;
    let r = q;
    [bo, r] = varint(index, r);
    [bs, r] = varint(index, r);
    q += vlen;
    parts.push(readBlock(file, bo, bs));
  }
  parts.push(readBlock(file, mo, ms));
  return Buffer.concat(parts);
}

/** A LevelDB log (write-ahead log, also the MANIFEST's format): its
 *  physical records reassembled into logical ones, concatenated. */
export function logContents(file) {
  const parts = [];
  let cur = [];
  for (let blk = 0; blk < file.length; blk += 32768) {
    let p = blk;
    const bend = Math.min(blk + 32768, file.length);
    while (p + 7 <= bend) {
      const len = file.readUInt16LE(p + 4);
      const type = file[p + 6];
      if (type === 0 && len === 0) break; // preallocated zeros / block padding
      const data = file.subarray(p + 7, Math.min(p + 7 + len, bend));
      if (type === 1) parts.push(Buffer.from(data));
      else if (type === 2) cur = [data];
      else if (type === 3) cur.push(data);
      else if (type === 4) {
        cur.push(data);
        parts.push(Buffer.concat(cur));
        cur = [];
      }
      p += 7 + len;
    }
  }
  if (cur.length) parts.push(Buffer.concat(cur)); // a record cut short by a crash
  return Buffer.concat(parts);
}

const SNAPPY_VALUE = Buffer.from([0xff, 0x11, 0x02]);

/** Every IndexedDB value Blink snappy-compressed inside `buf`, expanded. */
export function compressedValues(buf) {
  const out = [];
  for (let i = buf.indexOf(SNAPPY_VALUE); i !== -1; i = buf.indexOf(SNAPPY_VALUE, i + 1)) {
    const v = snappyDecompress(buf, i + 3);
    if (v && v.length) out.push(v);
  }
  return out;
}

function encodings(marker) {
  const e = [['utf8', Buffer.from(marker, 'utf8')], ['utf16le', Buffer.from(marker, 'utf16le')]];
  // V8 stores a string whose characters all fit in one byte as Latin-1.
  if (/^[\u0000-\u00ff]*$/.test(marker) && /[\u0080-\u00ff]/.test(marker)) e.push(['latin1', Buffer.from(marker, 'latin1')]);
  const json = JSON.stringify(marker).slice(1, -1);
  if (json !== marker) e.push(['json', Buffer.from(json, 'utf8')]);
  return e;
}

function walk(dir, out = []) {
  let ents;
  try {
    ents = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of ents) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Scans every file under `dir` for each of `markers` (strings). */
export function scanProfile(dir, markers) {
  const needles = markers.flatMap((m) => encodings(m).map(([encoding, bytes]) => ({ marker: m, encoding, bytes })));
  const hits = [];
  const errors = [];
  for (const f of walk(dir)) {
    let buf;
    try {
      buf = fs.readFileSync(f);
    } catch {
      continue; // removed while walking
    }
    const file = path.relative(dir, f);
    const base = path.basename(f);
    const views = [['raw', buf]];
    try {
      if (/\.(ldb|sst)$/.test(base)) views.push(['ldb', tableContents(buf)]);
      else if (/^\d+\.log$/.test(base) || /^MANIFEST-\d+$/.test(base)) views.push(['log', logContents(buf)]);
    } catch (e) {
      errors.push({ file, error: String(e.message || e) });
    }
    for (const [, v] of [...views]) for (const c of compressedValues(v)) views.push(['value', c]);
    const seen = new Set();
    for (const [view, v] of views) {
      for (const n of needles) {
        const key = `${n.marker}\u0000${n.encoding}`;
        if (seen.has(key) || v.indexOf(n.bytes) === -1) continue;
        seen.add(key); // the first (most direct) view that shows it
        hits.push({ file, marker: n.marker, encoding: n.encoding, view });
      }
    }
  }
  Object.defineProperty(hits, 'errors', { value: errors, enumerable: false });
  return hits;
}
