#!/usr/bin/env node
// The warm cost of chosen stages alone: runs the BUILT pipeline once over N articles, then re-runs
// only the named stages over those documents several times and reports CPU time (min and median).
// bench/stages.mjs charges each stage with the garbage collection and cache misses earlier stages
// cause, and with JIT warm-up; this one isolates a stage, so a change to it shows above the noise.
// Usage: npm run build && node bench/stage-alone.mjs --stages tokens[,entities] [--limit 300] [--runs 5] [--file JSONL]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values } = parseArgs({
  options: {
    file: { type: 'string', default: BBC_ARTICLES },
    stages: { type: 'string', default: 'tokens' },
    limit: { type: 'string', default: '300' },
    runs: { type: 'string', default: '5' },
  },
});
if (!existsSync(values.file)) {
  console.log(`stage-alone: skipped, ${values.file} is absent.`);
  process.exit(0);
}
const pipelineModule = join(root, 'dist', 'extract', 'pipeline.js');
if (!existsSync(pipelineModule)) {
  console.error('stage-alone: dist/ is missing; run `npm run build` first.');
  process.exit(1);
}
const { analyse, DEFAULT_STAGES } = await import(pipelineModule);
const wanted = values.stages.split(',');
const stages = DEFAULT_STAGES.filter((s) => wanted.includes(s.name));
if (stages.length !== wanted.length) {
  console.error(`stage-alone: unknown stage in ${values.stages}; stages are ${DEFAULT_STAGES.map((s) => s.name).join(', ')}.`);
  process.exit(1);
}
const texts = readFileSync(values.file, 'utf8').split('\n').filter((l) => l.trim()).slice(0, Number(values.limit)).map((l) => JSON.parse(l).text ?? '');
// Every stage has run once on every document, so each re-run finds the layers it requires.
const docs = texts.map((t) => analyse(t));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = [];
for (let r = 0; r < Math.max(1, Number(values.runs)); r++) {
  const started = cpuMs();
  for (const doc of docs) for (const stage of stages) stage.run(doc, {});
  times.push(cpuMs() - started);
}
const sorted = [...times].sort((a, b) => a - b);
const perArticle = (ms) => ((ms * 1000) / docs.length).toFixed(0);
console.log(`stage-alone: ${values.stages} over ${docs.length} articles, ${times.length} runs: min ${sorted[0].toFixed(0)} ms (${perArticle(sorted[0])} µs/article), median ${sorted[sorted.length >> 1].toFixed(0)} ms (${perArticle(sorted[sorted.length >> 1])} µs/article); runs ${times.map((t) => t.toFixed(0)).join(' ')}`);
