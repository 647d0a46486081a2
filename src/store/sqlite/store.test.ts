// Runs the store contract on SQLite (a file in a temporary folder, and in memory), and checks what
// is SQLite's own: WAL mode, migrations applied once, a newer schema refused.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { contractAnalysis, storeContract } from '../contract.js';
import { SqliteStore } from './store.js';
import { migrate } from './migrate.js';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite.js';
import { defaultLedgerPath, resolveLedgerPath } from '../open.js';

const dir = mkdtempSync(join(tmpdir(), 'hearsay-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract('sqlite file', async () => new SqliteStore(join(dir, `contract-${n++}.db`)));
storeContract('sqlite memory', async () => new SqliteStore(':memory:'));

test('sqlite: WAL journal, migrations recorded once, reopening keeps data', async () => {
  const path = join(dir, 'wal.db');
  const store = new SqliteStore(path);
  assert.equal(await store.schemaVersion(), SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version);
  await store.transaction((tx) => tx.insertArticle({ key: 'id:1', externalId: '1', url: null, title: null, publisher: null, published: null }, 'now'));
  await store.close();
  const raw = new Database(path);
  assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
  raw.close();
  const again = new SqliteStore(path);
  assert.equal(await again.articleCount(), 1);
  await again.close();
});

test('sqlite: a ledger written before extractors were recorded opens with its analyses unknown, hence stale', async () => {
  const path = join(dir, 'v1.db');
  const raw = new Database(path);
  migrate(raw, SQLITE_MIGRATIONS.filter((m) => m.version === 1));
  assert.equal(raw.pragma('user_version', { simple: true }), 1);
  raw.prepare(`INSERT INTO texts (hash, text, analysis, minhash) VALUES ('h1', 'Old text.', ?, NULL)`).run(JSON.stringify(contractAnalysis()));
  raw.close();
  const store = new SqliteStore(path);
  try {
    assert.equal(await store.schemaVersion(), SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1]!.version);
    const t = await store.getText('h1');
    assert.equal(t?.text, 'Old text.');
    assert.equal(t?.extractor, null);
    assert.deepEqual(await store.textHashes('', 10, 'hearsay/9 m@sha256:x'), ['h1']);
  } finally {
    await store.close();
  }
});

test('sqlite: a ledger from a newer hearsay is refused with STORE', () => {
  const path = join(dir, 'newer.db');
  const raw = new Database(path);
  raw.pragma('user_version = 999');
  raw.close();
  assert.throws(() => new SqliteStore(path), (e: unknown) => (e as { code?: string }).code === 'STORE');
});

test('sqlite: a path that cannot be opened is a STORE error, not a crash', () => {
  assert.throws(() => new SqliteStore(join(dir, 'missing', 'ro.db'), { readonly: true }), (e: unknown) => (e as { code?: string }).code === 'STORE');
});

test('ledger path: --db, then HEARSAY_DB, then XDG_DATA_HOME, then ~/.local/share', () => {
  assert.equal(resolveLedgerPath('/x/a.db', { HEARSAY_DB: '/y/b.db' }), '/x/a.db');
  assert.equal(resolveLedgerPath(undefined, { HEARSAY_DB: '/y/b.db' }), '/y/b.db');
  assert.equal(defaultLedgerPath({ XDG_DATA_HOME: '/data', HOME: '/home/u' }), '/data/hearsay/ledger.db');
  assert.equal(defaultLedgerPath({ HOME: '/home/u' }), '/home/u/.local/share/hearsay/ledger.db');
});
