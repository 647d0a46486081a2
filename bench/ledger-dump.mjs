#!/usr/bin/env node
// Dumps a SQLite ledger's contents in a canonical order, ids included, so that two ledgers built
// from the same input can be compared with `cmp` (performance work must not change what is stored).
// Every table by primary key; texts through the store's own getText (so the dump does not depend
// on how an analysis is stored); full-text indexes by the answers to a fixed list of queries.
// Run: node bench/ledger-dump.mjs LEDGER.db [--dist DIR] > dump.txt

import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/ledger-dump.mjs LEDGER.db [--dist DIR]');
  process.exit(2);
}
const dist = resolve(process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1] : join(import.meta.dirname, '..', 'dist'));
const db = new Database(file, { readonly: true });
const out = [];
const emit = (table, rows) => {
  for (const r of rows) out.push(`${table}\t${JSON.stringify(r)}`);
};

emit('articles', db.prepare('SELECT * FROM articles ORDER BY id').all());
emit('versions', db.prepare('SELECT * FROM versions ORDER BY id').all());
emit('statements', db.prepare('SELECT * FROM statements ORDER BY id').all());
emit('revisions', db.prepare('SELECT * FROM revisions ORDER BY id').all());
emit('speakers', db.prepare('SELECT * FROM speakers ORDER BY id').all());
emit('speaker_aliases', db.prepare('SELECT * FROM speaker_aliases ORDER BY speaker_id, norm').all());
emit('speaker_descriptors', db.prepare('SELECT * FROM speaker_descriptors ORDER BY speaker_id, norm').all());
emit('speaker_audit', db.prepare('SELECT * FROM speaker_audit ORDER BY id').all());
emit('minhash_bands', db.prepare('SELECT * FROM minhash_bands ORDER BY article_id, band').all());
const hashes = db.prepare('SELECT hash FROM texts ORDER BY hash').all().map((r) => r.hash);
db.close();

const { openStore } = await import(pathToFileURL(join(dist, 'store/open.js')).href);
const store = openStore(file, { readonly: true });
for (const hash of hashes) {
  const t = await store.getText(hash);
  emit('texts', [{ hash, text: t.text, analysis: t.analysis, minhash: t.minhash ? Buffer.from(t.minhash.buffer, t.minhash.byteOffset, t.minhash.byteLength).toString('hex') : null }]);
}
// Full-text indexes: the rowids and ranks of a fixed set of queries.
const words = ['said', 'minister', 'blair', 'economy', 'music', 'police', 'growth', 'film', 'election', 'mobile', 'chelsea', 'oil', 'court', 'tax',
  'games', 'rates', 'profits', 'award', 'labour', 'virus', 'brown', 'told', 'according', 'spokesman', 'bbc', 'howard', 'prime', 'denied', 'the', 'a*', 'mr'];
const raw = store.query.bind(store);
for (const w of words) {
  emit(`statements_fts:${w}`, raw('SELECT rowid, rank FROM statements_fts WHERE statements_fts MATCH ? ORDER BY rank, rowid', w));
  emit(`articles_fts:${w}`, raw('SELECT rowid, rank FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank, rowid', w));
  emit(`speakers_fts:${w}`, raw('SELECT rowid, rank FROM speakers_fts WHERE speakers_fts MATCH ? ORDER BY rank, rowid', w));
}
emit('speakers_fts:all', raw('SELECT rowid, names FROM speakers_fts ORDER BY rowid'));
await store.close();
process.stdout.write(out.join('\n') + '\n');
