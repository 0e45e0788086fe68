// Removes from the browser profile's files what IndexedDB no longer holds:
// the plaintext of a portfolio that was encrypted or deleted (issue 23,
// case 4). Plain script, no modules; defines
//
//   self.scrubCreditStorage(options?)   → { ms, records }
//   self.recoverCreditStorage()         → { ms, found, restored, records }
//
// in a page or a worker. `options.onStep(step)`, for tests, is awaited at
// each step: 'copied', 'main-deleted', 'main-recreated', 'written-back',
// 'copy-deleted'.
//
// Why: Chromium keeps each origin's IndexedDB in one LevelDB. A record
// overwritten or deleted through the API stays in LevelDB's files — the
// write-ahead log (*.log) and the sorted tables (*.ldb) — until a
// compaction happens to rewrite them, which may be never for a small
// database, and survives a restart. The API cannot reach those bytes.
//
// How: deleting a database makes Chromium run a LevelDB CompactRange over
// that database's keys, which first flushes the memtable (retiring the
// *.log that held the recent writes), then rewrites every table holding the
// range without the deleted entries, and deletes the obsolete files. So the
// scrub deletes the database and writes its current records (ciphertext,
// once a portfolio is encrypted) into a fresh one, with compactions of a
// throw-away database before and after ("flushes") to push the old values
// out of the log into tables first, and to delete the tables the big
// compaction made obsolete but could not unlink while it still read them.
// Tuned on Chromium 156 (Debian, 2 cores, shared with builds): no
// plaintext left in 224 of 224 probe runs (the app's layout, encrypted or
// deleted portfolio, same or next session, up to 16 MB with blob-backed
// values; the research probe's 4.8 MB data); about 2.1 s for a small
// database, 2.6-3.1 s for 16 MB. Most of it is the pauses: each flush
// waits for LevelDB's background work to settle.
//
// Crash safety: nothing stored is lost if the tab or the browser is killed
// at any point. Every record is first copied into a second database
// (COPY), with a marker record written in the same transaction, so the
// copy exists complete or not at all; only then is the main database
// deleted and re-created; the copy is deleted last. recoverCreditStorage(),
// run at start-up before the app opens its database, restores a complete
// leftover copy when the main database is missing or empty (a scrub was
// interrupted between deleting it and writing it back), and deletes the
// copy in any case.
//
// Needs every other connection to the main database (other tabs, the
// worker, this page) to close on `versionchange`; one that does not is
// waited for up to 10 s, then the scrub fails with a BlockedError and the
// main database stays as it was (its deletion, which cannot be cancelled,
// may still happen once that connection closes: the copy is kept, and
// restored then, or by the next start-up's recovery). Scrubs and
// recoveries of all tabs and workers of the origin are serialized by a Web
// Lock (LOCK_NAME); a writer that takes the same lock in shared mode around
// its transactions can never write between the scrub's read and its
// delete — and must not call either function while it holds it (the
// exclusive request would wait for it forever).
(function (global) {
  'use strict';

  const MAIN = 'credit-assistant';
  const COPY = 'credit-assistant-scrub';
  const FLUSH = 'credit-assistant-scrub-flush';
  // A store only the copy has: its one record says the copy is complete
  // and how to re-create the main database (version and schema).
  const MARK = '__scrub';
  const LOCK_NAME = 'credit-assistant-storage';
  const BLOCKED_MS = 10000;
  // The tuned procedure (see the header): flush rounds before the main
  // database is deleted, after it is written back, and the pauses that let
  // LevelDB's background compaction finish after each deletion reports
  // success.
  const TUNING = { flushesBefore: 2, flushesAfter: 4, flushPauseMs: 250, settleMs: 400 };

  const idb = () => global.indexedDB;
  const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
  const now = () => (global.performance ? global.performance.now() : Date.now());

  function request(r) {
    return new Promise((ok, ko) => {
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
  }

  function done(tx) {
    return new Promise((ok, ko) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => ko(tx.error || new Error('IndexedDB transaction failed'));
      tx.onabort = () => ko(tx.error || new Error('IndexedDB transaction aborted'));
    });
  }

  class BlockedError extends Error {
    constructor(what, request) {
      super(
        `storage scrub: ${what} stayed blocked for ${BLOCKED_MS / 1000} s by a connection that ` +
          'did not close on versionchange (this page, another tab or a worker of this site); ' +
          'the database was left as it was',
      );
      this.name = 'BlockedError';
      this.request = request;
    }
  }

  /** Resolves with the request's result; rejects with BlockedError when it
   *  is still blocked BLOCKED_MS after `onblocked` (the request itself
   *  cannot be cancelled and may still succeed later). */
  function unblocked(r, what) {
    return new Promise((ok, ko) => {
      let timer = null;
      r.onsuccess = () => {
        clearTimeout(timer);
        ok(r.result);
      };
      r.onerror = () => {
        clearTimeout(timer);
        ko(r.error);
      };
      r.onblocked = () => {
        if (timer === null) timer = setTimeout(() => ko(new BlockedError(what, r)), BLOCKED_MS);
      };
    });
  }

  async function exists(name) {
    const all = await idb().databases();
    return all.some((d) => d.name === name);
  }

  /** Opens `name`; with `schema`, at `version`, creating the stores it
   *  lacks. Our own connections close on versionchange, so they never
   *  block anyone. */
  async function open(name, version, schema) {
    const r = version ? idb().open(name, version) : idb().open(name);
    if (schema) {
      r.onupgradeneeded = () => {
        const db = r.result;
        for (const s of schema) {
          if (db.objectStoreNames.contains(s.name)) continue;
          const st = db.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.autoIncrement });
          for (const i of s.indexes) st.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multiEntry });
        }
      };
    }
    const db = await unblocked(r, `opening ${name}`);
    db.onversionchange = () => db.close();
    return db;
  }

  async function remove(name) {
    await unblocked(idb().deleteDatabase(name), `deleting ${name}`);
  }

  /** Schema and every record of `db` (but MARK), read in one transaction. */
  async function readAll(db) {
    const names = [...db.objectStoreNames].filter((n) => n !== MARK);
    const out = { version: db.version, schema: [], data: [], records: 0, mark: null };
    const all = [...db.objectStoreNames];
    if (!all.length) return out;
    const tx = db.transaction(all, 'readonly');
    const finished = done(tx);
    const reads = [];
    for (const name of names) {
      const st = tx.objectStore(name);
      out.schema.push({
        name,
        keyPath: st.keyPath,
        autoIncrement: st.autoIncrement,
        indexes: [...st.indexNames].map((n) => {
          const i = st.index(n);
          return { name: n, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry };
        }),
      });
      reads.push(Promise.all([request(st.getAllKeys()), request(st.getAll())]));
    }
    const mark = all.includes(MARK) ? request(tx.objectStore(MARK).get(0)) : Promise.resolve(null);
    const results = await Promise.all(reads);
    out.mark = (await mark) || null;
    await finished;
    names.forEach((name, k) => {
      const [keys, values] = results[k];
      out.data.push({ name, keys, values });
      out.records += keys.length;
    });
    return out;
  }

  /** Writes the records of `snap` (and `mark`) into `db` in one
   *  transaction, committed to disk before it completes. */
  async function writeAll(db, snap, mark) {
    const names = snap.schema.map((s) => s.name).concat(mark ? [MARK] : []);
    if (!names.length) return;
    const tx = db.transaction(names, 'readwrite', { durability: 'strict' });
    const finished = done(tx);
    for (const { name, keys, values } of snap.data) {
      const st = tx.objectStore(name);
      const inline = st.keyPath !== null;
      for (let i = 0; i < keys.length; i++) {
        if (inline) st.put(values[i]);
        else st.put(values[i], keys[i]);
      }
    }
    if (mark) tx.objectStore(MARK).put(mark, 0);
    await finished;
  }

  /** Opens `name` at `version`, creating it with `schema` if it does not
   *  exist. Re-created meanwhile by the app, it opens as it is (a newer
   *  version of the app may have upgraded it). */
  async function openToWrite(name, version, schema) {
    try {
      return await open(name, version, schema);
    } catch (e) {
      if (!e || e.name !== 'VersionError') throw e;
      return open(name);
    }
  }

  /** Creates `name` (which must not exist, or be the same layout) at
   *  `version` with `snap`'s schema and records. */
  async function create(name, version, snap, mark) {
    const db = await openToWrite(name, version, snap.schema);
    try {
      await writeAll(db, snap, mark);
    } finally {
      db.close();
    }
  }

  /** One LevelDB CompactRange: deleting a database compacts its key
   *  range, which first flushes the memtable (retiring the current *.log)
   *  and then deletes the files earlier compactions left obsolete. */
  async function flush() {
    const db = await open(FLUSH, 1, [{ name: 's', keyPath: null, autoIncrement: false, indexes: [] }]);
    const tx = db.transaction('s', 'readwrite');
    const finished = done(tx);
    tx.objectStore('s').put(0, 0);
    await finished;
    db.close();
    await remove(FLUSH);
    await pause(TUNING.flushPauseMs); // the compaction finishes in the background
  }

  function withLock(fn) {
    const locks = global.navigator && global.navigator.locks;
    return locks ? locks.request(LOCK_NAME, { mode: 'exclusive' }, fn) : fn();
  }

  async function isEmpty(name) {
    if (!(await exists(name))) return true;
    const db = await open(name);
    try {
      const names = [...db.objectStoreNames];
      if (!names.length) return true;
      const tx = db.transaction(names, 'readonly');
      const counts = await Promise.all(names.map((n) => request(tx.objectStore(n).count())));
      return counts.every((c) => c === 0);
    } finally {
      db.close();
    }
  }

  async function recover() {
    const t0 = now();
    if (!(await exists(COPY))) return { ms: Math.round(now() - t0), found: false, restored: false, records: 0 };
    const db = await open(COPY);
    let snap;
    try {
      snap = await readAll(db);
    } finally {
      db.close();
    }
    let restored = false;
    // Without its marker the copy is incomplete, and the main database was
    // never touched (it is deleted only once the copy is complete).
    if (snap.mark && snap.mark.complete === true && (await isEmpty(MAIN))) {
      if (await exists(MAIN)) await remove(MAIN);
      await create(MAIN, snap.mark.version, { schema: snap.mark.schema, data: snap.data });
      restored = true;
    }
    await remove(COPY);
    return { ms: Math.round(now() - t0), found: true, restored, records: restored ? snap.records : 0 };
  }

  async function scrub(options) {
    const onStep = (options && options.onStep) || (() => {});
    const t0 = now();
    if (await exists(COPY)) await recover(); // an interrupted scrub's copy
    if (!(await exists(MAIN))) return { ms: Math.round(now() - t0), records: 0 };
    let db = await open(MAIN);
    let snap;
    try {
      snap = await readAll(db);
    } finally {
      db.close();
    }
    // 1. The copy, complete or absent (one transaction, marker included).
    const copySchema = snap.schema.concat([{ name: MARK, keyPath: null, autoIncrement: false, indexes: [] }]);
    const mark = { complete: true, version: snap.version, schema: snap.schema, records: snap.records, at: Date.now() };
    try {
      await create(COPY, 1, { schema: copySchema, data: snap.data }, mark);
    } catch (e) {
      await remove(COPY).catch(() => {}); // incomplete (a full disk?): nothing else was touched
      throw e;
    }
    await onStep('copied');
    // 2. Old values out of the *.log into tables, so that the compaction of
    //    step 3 has them in files it rewrites.
    for (let i = 0; i < TUNING.flushesBefore; i++) await flush();
    // 3. The main database deleted (compacted away) and written back.
    try {
      await remove(MAIN);
    } catch (e) {
      if (e instanceof BlockedError) {
        // The delete may still go through once the other connection
        // closes: then restore from the copy, which is kept until then.
        e.request.onsuccess = () => {
          const retry = global.recoverCreditStorage;
          if (retry) retry().catch(() => {});
        };
        e.request.onerror = () => {};
        throw e;
      }
      await recover(); // main untouched or deleted: restore if needed
      throw e;
    }
    await onStep('main-deleted');
    try {
      db = await openToWrite(MAIN, snap.version, snap.schema);
      try {
        await onStep('main-recreated');
        await writeAll(db, snap);
      } finally {
        db.close();
      }
    } catch (e) {
      await recover().catch(() => {});
      throw e;
    }
    await onStep('written-back');
    await pause(TUNING.settleMs);
    // 4. The copy deleted, and the tables step 3 left obsolete removed.
    await remove(COPY);
    await onStep('copy-deleted');
    for (let i = 0; i < TUNING.flushesAfter; i++) await flush();
    return { ms: Math.round(now() - t0), records: snap.records };
  }

  global.scrubCreditStorage = (options) => withLock(() => scrub(options));
  global.recoverCreditStorage = () => withLock(() => recover());
})(self);
