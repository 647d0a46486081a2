#!/usr/bin/env node
// Builds a ledger from the examples, the test fixtures and the Wikinews set, then the first 300 BBC
// articles, then 120 of them again (a third unchanged, the others revised: a paragraph dropped
// and/or one added with a new quote), then 60 again, in odd batch sizes and with a fixed clock,
// so that bench/ledger-dump.mjs can compare two builds' ledgers (revisions and speakers included).
// Run: node bench/ledger-fixtures.mjs [--dist DIR] LEDGER.db > summary.json
// Data: ../shared/data (research only; read at run time).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, SHARED_DATA, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const argv = process.argv.slice(2);
const distAt = argv.indexOf('--dist');
const dist = resolve(distAt >= 0 ? argv[distAt + 1] : join(root, 'dist'));
const db = argv.find((a, i) => a !== '--dist' && (distAt < 0 || i !== distAt + 1));
const bbc = BBC_ARTICLES;
if (!db || !existsSync(bbc)) {
  console.error(!db ? 'usage: node bench/ledger-fixtures.mjs [--dist DIR] LEDGER.db' : `bench/ledger-fixtures: ${bbc} is absent.`);
  process.exit(db ? 0 : 2);
}
const imp = (p) => import(pathToFileURL(join(dist, p)).href);
const { openStore } = await imp('store/open.js');
const { ingest } = await imp('ingest/ingester.js');
const { readSources } = await imp('ingest/sources.js');
for (const e of ['', '-wal', '-shm']) rmSync(db + e, { force: true });
const store = openStore(db);
let t = Date.parse('2026-11-27T10:00:00Z');
const now = () => new Date((t += 1000));
const summaries = [];
const wikinews = join(SHARED_DATA, 'news', 'wikinews-ccby');
summaries.push(await ingest(store, readSources([join(root, 'examples'), join(root, 'test', 'fixtures'), ...(existsSync(wikinews) ? [wikinews] : [])]), { now, batchSize: 7 }));
const lines = readFileSync(bbc, 'utf8').trim().split('\n').slice(0, 300).map((l) => JSON.parse(l));
const item = (r, text) => ({ item: { origin: r.id, id: r.id, title: r.title, text } });
summaries.push(await ingest(store, lines.map((r) => item(r, r.text)), { now, batchSize: 13 }));
const revised = lines.slice(0, 120).map((r, i) => {
  if (i % 3 === 0) return item(r, r.text);
  const paras = r.text.split('\n').filter(Boolean);
  if (i % 3 === 1) paras.splice(1, 1);
  paras.push(`"We will not accept this," said John Smith${i}, the opposition leader.`);
  return item(r, paras.join('\n\n'));
});
summaries.push(await ingest(store, revised, { now, batchSize: 11 }));
summaries.push(await ingest(store, lines.slice(0, 60).map((r) => item(r, r.text)), { now, batchSize: 200 }));
await store.close();
console.log(JSON.stringify(summaries.map(({ seconds: _s, failed, ...s }) => ({ ...s, failed: failed.map((f) => f.origin.replace(root, '.')) }))));
