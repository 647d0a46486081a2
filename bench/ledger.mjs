#!/usr/bin/env node
// Ledger benchmark (issue 5): ingest the 2,225 BBC articles into a new SQLite ledger with the BUILT
// CLI (dist/cli/main.js, as bench/throughput.mjs) pinned to one core (extraction included), ingest
// them again (hash check, nothing new), then time single-word searches over the ledger.
// Run: npm run build && node bench/ledger.mjs [--runs 3]
// The ledger's own share alone (extraction cached): bench/ledger-store.mjs.
// Data: ../shared/data/news/bbc-2225/articles.jsonl (research only; read at run time).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const data = BBC_ARTICLES;
if (!existsSync(data)) {
  console.error(`bench/ledger: ${data} is absent; nothing to measure.`);
  process.exit(0);
}
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) {
  console.error('bench/ledger: dist/cli/main.js is missing; run `npm run build` first.');
  process.exit(1);
}
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0 ? ['taskset', '-c', '0'] : [];

// Wall-clock time, and CPU time (user + system) from /usr/bin/time: on a machine shared with other
// jobs the CPU time is the figure that does not depend on their load.
function ingest(db) {
  const args = ['/usr/bin/time', '-f', 'CPU %U %S', ...pin, process.execPath, cli, 'ingest', '--db', db, '--json', data];
  const t0 = performance.now();
  const r = spawnSync(args[0], args.slice(1), { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr}`);
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return { seconds, cpuSeconds: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, summary: JSON.parse(r.stdout) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
let keep = null;
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-bench-'));
  const db = join(dir, 'ledger.db');
  const first = ingest(db);
  const second = ingest(db);
  results.push({ first, second });
  console.error(
    `run ${i + 1}: first ${first.seconds.toFixed(2)} s wall, ${first.cpuSeconds.toFixed(2)} s CPU (${(2225 / first.cpuSeconds).toFixed(0)} articles per CPU-second); again ${second.seconds.toFixed(2)} s wall, ${second.cpuSeconds.toFixed(2)} s CPU (${((100 * second.cpuSeconds) / first.cpuSeconds).toFixed(1)}%)`,
  );
  if (keep) rmSync(keep.dir, { recursive: true, force: true });
  keep = { dir, db, first };
}

// Search: single words, each run 5 times in one process over the last ledger.
const { openStore } = await import('../dist/store/open.js');
const { search } = await import('../dist/ledger/search.js');
const store = openStore(keep.db);
const words = ['said', 'minister', 'Blair', 'economy', 'music', 'police', 'growth', 'film', 'election', 'mobile', 'chelsea', 'oil', 'court', 'tax', 'games', 'rates', 'profits', 'award', 'labour', 'virus'];
await search(store, 'warmup');
const times = [];
for (const w of words) {
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await search(store, w);
    times.push(performance.now() - t0);
  }
}
const stats = await store.speakerSummaries({ limit: -1 });
await store.close();
rmSync(keep.dir, { recursive: true, force: true });

// The ledger's own cost, apart from the extractor: extract every article first (in memory), then
// ingest with those analyses into a new ledger; CPU time of this process for each part.
const { readFileSync } = await import('node:fs');
const { extract } = await import('../dist/extract/pipeline.js');
const { ingest: ingestItems } = await import('../dist/ingest/ingester.js');
const { normalizeText } = await import('../dist/ingest/normalize.js');
const records = readFileSync(data, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let c0 = cpu();
const analyses = new Map();
for (const r of records) {
  const text = normalizeText(r.text);
  if (!analyses.has(text)) analyses.set(text, extract(text, r.id));
}
const extractCpu = cpu() - c0;
const dir2 = mkdtempSync(join(tmpdir(), 'hearsay-bench-'));
const store2 = openStore(join(dir2, 'ledger.db'));
c0 = cpu();
await ingestItems(store2, records.map((r) => ({ item: { origin: r.id, id: r.id, title: r.title, text: r.text } })), { analyse: (t) => analyses.get(t) });
const storeCpu = cpu() - c0;
await store2.close();
rmSync(dir2, { recursive: true, force: true });

const firsts = results.map((r) => r.first.seconds);
const seconds = results.map((r) => r.second.seconds);
const firstCpu = results.map((r) => r.first.cpuSeconds);
const secondCpu = results.map((r) => r.second.cpuSeconds);
const out = {
  date: new Date().toISOString().slice(0, 10),
  pinned: pin.length > 0,
  articles: keep.first.summary.new,
  exactDuplicates: keep.first.summary.exactDuplicates,
  syndicated: keep.first.summary.syndicated,
  firstSeconds: median(firsts),
  articlesPerSecond: 2225 / median(firsts),
  againSeconds: median(seconds),
  againShare: median(seconds) / median(firsts),
  firstCpuSeconds: median(firstCpu),
  articlesPerCpuSecond: 2225 / median(firstCpu),
  againCpuSeconds: median(secondCpu),
  againCpuShare: median(secondCpu) / median(firstCpu),
  searchMedianMs: median(times),
  searchP95Ms: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)],
  speakers: stats.length,
  extractCpuMsPerArticle: (1000 * extractCpu) / analyses.size,
  ledgerCpuMsPerArticle: (1000 * storeCpu) / records.length,
};
console.log(JSON.stringify(out, null, 2));
