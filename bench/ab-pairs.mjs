#!/usr/bin/env node
// A/B of two builds of the CLI on a machine shared with other jobs: both extract the same file at
// the same time, each pinned to one of cores 0 and 1 (taskset), the cores swapped every round, so
// both see the same background load; reports each run's CPU time (user + sys, as bench/report-rss.mjs
// reports it), the per-round difference B - A and its median. Runs one after the other drift by
// ±10% within minutes on the project's machines, more than most changes; simultaneous pairs do not.
// Each DIR is a checkout (or a copy with dist/, lexicons/, models/ and node_modules/) with dist/ built.
// Usage: node bench/ab-pairs.mjs DIR_A DIR_B [--rounds 8] [--file JSONL]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string', default: BBC_ARTICLES },
    rounds: { type: 'string', default: '8' },
  },
});
if (positionals.length !== 2) {
  console.error('Usage: node bench/ab-pairs.mjs DIR_A DIR_B [--rounds 8] [--file JSONL]');
  process.exit(2);
}
const clis = positionals.map((dir) => join(resolve(dir), 'dist', 'cli', 'main.js'));
for (const cli of clis) {
  if (!existsSync(cli)) {
    console.error(`ab-pairs: ${cli} is missing; build that directory first.`);
    process.exit(1);
  }
}
if (!existsSync(values.file)) {
  console.log(`ab-pairs: skipped, ${values.file} is absent.`);
  process.exit(0);
}

/** CPU seconds of one pinned run of `cli`. */
function cpuSeconds(cli, core) {
  return new Promise((resolveRun, reject) => {
    const args = ['-c', String(core), process.execPath, '--import', join(root, 'bench', 'report-rss.mjs'), cli, 'extract', '--jsonl', values.file, '--quiet'];
    const child = spawn('taskset', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${cli} exited ${code}: ${stderr.slice(0, 2000)}`));
      resolveRun(Number(/HEARSAY_BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1e6);
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const a = [], b = [];
for (let round = 0; round < Math.max(1, Number(values.rounds) || 8); round++) {
  const coreA = round % 2;
  const [ta, tb] = await Promise.all([cpuSeconds(clis[0], coreA), cpuSeconds(clis[1], 1 - coreA)]);
  a.push(ta);
  b.push(tb);
  console.log(`round ${round + 1}: A ${ta.toFixed(2)} s (core ${coreA}), B ${tb.toFixed(2)} s (core ${1 - coreA}), B - A ${(tb - ta >= 0 ? '+' : '') + (tb - ta).toFixed(2)} s`);
}
const diffs = a.map((x, i) => b[i] - x);
const d = median(diffs);
console.log(
  `ab-pairs: ${diffs.length} rounds; CPU median A ${median(a).toFixed(2)} s, B ${median(b).toFixed(2)} s; ` +
    `B - A median ${(d >= 0 ? '+' : '') + d.toFixed(2)} s (${((100 * d) / median(a)).toFixed(1)}%), B faster in ${diffs.filter((x) => x < 0).length} of ${diffs.length}`,
);
