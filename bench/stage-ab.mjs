#!/usr/bin/env node
// A/B of named stages' warm cost between two builds, in ONE process: both builds analyse the same
// articles once, then re-run only the named stages over their own documents in interleaved rounds
// (A B, B A, ...), and the CPU time (user + sys) of each round is reported with the median and the
// paired differences. On a machine whose speed drifts by a fifth between minutes (docs/benchmarks.md,
// session 5), rounds taken side by side in one process see the same conditions; a stage's change of
// a few percent shows here long before it shows on the whole CLI (bench/ab-pairs.mjs).
// Each DIR is a checkout (or a copy with dist/, lexicons/, models/ and node_modules/) with dist/ built.
// Usage: node bench/stage-ab.mjs DIR_A DIR_B --stages learned[,entities] [--limit 1000] [--rounds 10] [--file JSONL]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string', default: BBC_ARTICLES },
    stages: { type: 'string' },
    limit: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '10' },
  },
});
if (positionals.length !== 2 || !values.stages) {
  console.error('Usage: node bench/stage-ab.mjs DIR_A DIR_B --stages NAME[,NAME] [--limit 1000] [--rounds 10] [--file JSONL]');
  process.exit(2);
}
if (!existsSync(values.file)) {
  console.log(`stage-ab: skipped, ${values.file} is absent.`);
  process.exit(0);
}
const names = values.stages.split(',');
const texts = readFileSync(values.file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(0, Number(values.limit))
  .map((l) => JSON.parse(l).text ?? '');

/** The named stages of one build, and the documents that build made of the texts. */
async function prepare(dir) {
  const module = join(resolve(dir), 'dist', 'extract', 'pipeline.js');
  if (!existsSync(module)) {
    console.error(`stage-ab: ${module} is missing; run \`npm run build\` in ${dir}.`);
    process.exit(1);
  }
  const { analyse, DEFAULT_STAGES } = await import(pathToFileURL(module).href);
  const stages = DEFAULT_STAGES.filter((s) => names.includes(s.name));
  const unknown = names.filter((n) => !stages.some((s) => s.name === n));
  if (unknown.length) {
    console.error(`stage-ab: no stage named ${unknown.join(', ')} in ${dir} (stages: ${DEFAULT_STAGES.map((s) => s.name).join(', ')}).`);
    process.exit(2);
  }
  // Every stage has run once on every document, so each re-run finds the layers it requires (as in
  // bench/stage-alone.mjs).
  const docs = texts.map((t) => analyse(t));
  return () => {
    for (const doc of docs) for (const stage of stages) stage.run(doc, {});
  };
}

const run = { A: await prepare(positionals[0]), B: await prepare(positionals[1]) };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = { A: [], B: [] };
const rounds = Math.max(1, Number(values.rounds) || 10);
for (let r = 0; r < rounds; r++) {
  for (const k of r % 2 ? ['B', 'A'] : ['A', 'B']) {
    const start = cpuMs();
    run[k]();
    times[k].push(cpuMs() - start);
  }
}
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const diffs = times.B.map((b, i) => b - times.A[i]);
console.log(`stage-ab: ${names.join(',')} over ${texts.length} articles, ${rounds} interleaved rounds (CPU ms per round)`);
for (const k of ['A', 'B']) console.log(`  ${k} median ${median(times[k]).toFixed(1)}, min ${Math.min(...times[k]).toFixed(1)}; rounds ${times[k].map((x) => x.toFixed(0)).join(' ')}`);
const d = median(diffs);
console.log(`  B - A median ${d >= 0 ? '+' : ''}${d.toFixed(1)} ms (${((100 * d) / median(times.A)).toFixed(1)}%), B faster in ${diffs.filter((x) => x < 0).length} of ${rounds}`);
