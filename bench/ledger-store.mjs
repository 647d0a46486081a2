#!/usr/bin/env node
// The ledger's own ingest cost, apart from the extractor (issue 5): every BBC article is extracted
// once by the built pipeline and the analyses are cached in a file; each run then ingests all
// articles with those analyses into a new SQLite ledger and reports the CPU time of that part.
// Run (after `npm run build`): node bench/ledger-store.mjs [--runs 5] [--dist DIR] [--keep DB]
//   --dist DIR   a built tree to measure (default: this package's dist/; pass a copy of an older
//                build to compare before/after in interleaved runs)
//   --keep DB    leave the ledger of the last run at DB (to dump it with bench/ledger-dump.mjs)
// Data: ../shared/data/news/bbc-2225/articles.jsonl (research only; read at run time).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const data = BBC_ARTICLES;
if (!existsSync(data)) {
  console.error(`bench/ledger-store: ${data} is absent; nothing to measure.`);
  process.exit(0);
}
const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const runs = Number(arg('--runs', '5'));
const dist = resolve(arg('--dist', join(root, 'dist')));
const keep = arg('--keep', null);
const cacheFile = join(tmpdir(), 'hearsay-bench-bbc-analyses.json');

if (process.argv.includes('--child')) {
  // One measured run in a fresh process: load the cached analyses, ingest, print the CPU seconds.
  const { openStore } = await import(pathToFileURL(join(dist, 'store/open.js')).href);
  const { ingest } = await import(pathToFileURL(join(dist, 'ingest/ingester.js')).href);
  const { normalizeText } = await import(pathToFileURL(join(dist, 'ingest/normalize.js')).href);
  const records = readFileSync(data, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const analyses = new Map(JSON.parse(readFileSync(cacheFile, 'utf8')));
  for (const r of records) normalizeText(r.text); // warm the normaliser's code as the CLI would be
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-bench-'));
  const db = join(dir, 'ledger.db');
  const store = openStore(process.env.BENCH_DB_MEMORY ? ':memory:' : db);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const analyse = (t) => analyses.get(t);
  const c0 = cpu();
  const summary = await ingest(store, records.map((r) => ({ item: { origin: r.id, id: r.id, title: r.title, text: r.text } })), { analyse, now: () => new Date('2026-11-27T12:00:00Z') });
  const c1 = cpu();
  await store.close(); // the last WAL checkpoint is part of the cost
  const seconds = cpu() - c0;
  if (process.env.BENCH_VERBOSE) console.error(`close: ${(cpu() - c1).toFixed(3)} s CPU`);
  if (keep) {
    for (const ext of ['', '-wal', '-shm']) if (existsSync(db + ext)) renameSync(db + ext, keep + ext);
  }
  rmSync(dir, { recursive: true, force: true });
  const usage = process.cpuUsage();
  console.log(JSON.stringify({ seconds, new: summary.new, failed: summary.failed.length, processUser: usage.user / 1e6, processSystem: usage.system / 1e6 }));
  process.exit(0);
}

if (!existsSync(cacheFile)) {
  console.error(`bench/ledger-store: extracting all articles once into ${cacheFile} ...`);
  const { extract } = await import(pathToFileURL(join(root, 'dist/extract/pipeline.js')).href);
  const { normalizeText } = await import(pathToFileURL(join(root, 'dist/ingest/normalize.js')).href);
  const out = new Map();
  for (const line of readFileSync(data, 'utf8').trim().split('\n')) {
    const r = JSON.parse(line);
    const text = normalizeText(r.text);
    if (!out.has(text)) out.set(text, extract(text, r.id));
  }
  writeFileSync(cacheFile, JSON.stringify([...out]));
}

const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : [];
const times = [];
for (let i = 0; i < runs; i++) {
  if (keep && existsSync(keep)) for (const ext of ['', '-wal', '-shm']) rmSync(keep + ext, { force: true });
  const args = [...pin, process.execPath, import.meta.filename, '--child', '--dist', dist, ...(keep ? ['--keep', keep] : [])];
  const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const out = JSON.parse(r.stdout);
  times.push(out.seconds);
  console.error(`run ${i + 1}: ${out.seconds.toFixed(2)} s CPU, ${((1000 * out.seconds) / 2225).toFixed(3)} ms per article (${out.new} new, ${out.failed} failed)`);
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
console.log(JSON.stringify({ dist, runs, medianCpuSeconds: median, msPerArticle: (1000 * median) / 2225, all: times }));
