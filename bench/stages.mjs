#!/usr/bin/env node
// Where the time goes: runs the BUILT pipeline (dist/) over a JSONL of articles in-process and
// reports each stage's share of the CPU time (process.cpuUsage, steadier than the wall clock on a
// machine shared with other jobs), to find the stage that limits throughput.
// process.cpuUsage counts every thread of the process, and V8 marks garbage and optimizes code on
// helper threads: a stage is charged for what they do while it runs. So the cheap stage after a
// heavy one looks expensive (quotes, right after tokens: ~420 µs per article charged against ~45
// µs with `node --single-threaded`, where that work runs in the stage that causes it). Use
// --single-threaded to compare stages, bench/stage-alone.mjs for one stage's warm cost.
// Usage: npm run build && node [--single-threaded] bench/stages.mjs [--file JSONL] [--limit N]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values } = parseArgs({
  options: { file: { type: 'string', default: BBC_ARTICLES }, limit: { type: 'string', default: '500' } },
});
if (!existsSync(values.file)) {
  console.log(`stages: skipped, ${values.file} is absent.`);
  process.exit(0);
}
const pipelineModule = join(root, 'dist', 'extract', 'pipeline.js');
if (!existsSync(pipelineModule)) {
  console.error('stages: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const { analyse } = await import(pipelineModule);
const texts = readFileSync(values.file, 'utf8').split('\n').filter((l) => l.trim()).slice(0, Number(values.limit)).map((l) => JSON.parse(l).text ?? '');
const loadStart = performance.now();
analyse('Warm-up: the models load here, she said.');
const loadMs = performance.now() - loadStart;
const perStage = new Map();
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const started = cpuMs();
for (const text of texts) {
  let last = cpuMs();
  analyse(text, undefined, {
    afterStage(stage) {
      const now = cpuMs();
      perStage.set(stage.name, (perStage.get(stage.name) ?? 0) + now - last);
      last = now;
    },
  });
}
const total = cpuMs() - started;
console.log(`${texts.length} articles in ${(total / 1000).toFixed(2)} CPU s (${((texts.length / total) * 1000).toFixed(1)} articles per CPU second; loading took ${loadMs.toFixed(0)} ms wall before that)`);
for (const [name, ms] of [...perStage].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${name.padEnd(14)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${((ms / texts.length) * 1000).toFixed(0).padStart(6)} µs/article`);
}
