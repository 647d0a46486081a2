#!/usr/bin/env node
// CPU cost of loading the attribution model: loadModel() of the BUILT package in a fresh process
// pinned to one core (taskset -c 0 when available), N runs, median and min of process.cpuUsage()
// (user + system, all threads) around the call alone; module imports are not counted.
// Usage: npm run build && node bench/model-load.mjs [--runs 15] [--dist DIR] [--model FILE]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './paths.mjs';

const root = ROOT;
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, dist: { type: 'string', default: join(root, 'dist') }, model: { type: 'string' } } });
const module = join(resolve(values.dist), 'model', 'weights-file.js');
if (!existsSync(module)) {
  console.error(`model-load: ${module} is missing; run \`npm run build\` first.`);
  process.exit(1);
}
const runs = Math.max(1, Number(values.runs) || 15);
const script = `const m = await import(${JSON.stringify(module)});
const u0 = process.cpuUsage();
m.loadModel(${values.model ? JSON.stringify(resolve(values.model)) : ''});
const u = process.cpuUsage(u0);
process.stdout.write(String((u.user + u.system) / 1000));`;
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const times = [];
for (let i = 0; i < runs; i++) {
  const args = ['--input-type=module', '-e', script];
  const r = pinned ? spawnSync('taskset', ['-c', '0', process.execPath, ...args], { encoding: 'utf8' }) : spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`loadModel failed: ${r.stderr.slice(0, 1000)}`);
  times.push(Number(r.stdout));
}
times.sort((a, b) => a - b);
console.log(`loadModel() ${pinned ? 'pinned to core 0' : 'unpinned'}: median ${times[times.length >> 1].toFixed(1)} ms CPU, min ${times[0].toFixed(1)} ms  (${runs} fresh processes: ${times.map((t) => t.toFixed(0)).join(' ')})`);
