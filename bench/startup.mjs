#!/usr/bin/env node
// Start-up cost of the BUILT CLI, in CPU time (user + system, all threads, steadier than the wall
// clock on a shared machine): `hearsay --version` (the command table only) and `hearsay extract
// --jsonl` over ONE article (modules, language model, our model, lexicons, the first article's
// JIT), each run N times, median and min reported. With --modules, also the CPU that importing
// each part of the pipeline takes in a fresh process, to see which module's load-time work counts.
// Usage: npm run build && node bench/startup.mjs [--runs 7] [--modules] [--file JSONL]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values } = parseArgs({
  options: {
    file: { type: 'string', default: BBC_ARTICLES },
    runs: { type: 'string', default: '7' },
    modules: { type: 'boolean', default: false },
  },
});
const cli = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(cli)) {
  console.error('startup: dist/cli/main.js is missing; run `npm run build` first.');
  process.exit(1);
}
const runs = Math.max(1, Number(values.runs) || 7);
const work = mkdtempSync(join(tmpdir(), 'hearsay-startup-'));
// One article: the first line of the benchmark file, else a made-up one (the cost is start-up, not the text).
const firstLine = existsSync(values.file) ? readFileSync(values.file, 'utf8').split('\n').find((l) => l.trim()) : undefined;
const oneArticle = join(work, 'one.jsonl');
writeFileSync(oneArticle, (firstLine ?? JSON.stringify({ id: 'a', text: 'The minister said on Monday that the plan would go ahead. "We will not wait," she told reporters.' })) + '\n');

/** CPU milliseconds of one `node ARGS` run (from bench/report-rss.mjs, preloaded). */
function cpuOf(args) {
  const r = spawnSync(process.execPath, ['--import', join(root, 'bench', 'report-rss.mjs'), ...args], { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 1000)}`);
  return Number(/HEARSAY_BENCH_CPU_US=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
}

function measure(label, args) {
  const times = Array.from({ length: runs }, () => cpuOf(args)).sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${times[times.length >> 1].toFixed(0).padStart(4)} ms CPU, min ${times[0].toFixed(0).padStart(4)} ms  (${runs} runs: ${times.map((t) => t.toFixed(0)).join(' ')})`);
}

console.log(`startup: node ${process.version}, ${runs} runs each`);
measure('node (an empty script)', ['-e', '']);
measure('hearsay --version', [cli, '--version']);
measure('hearsay extract --jsonl (one article)', [cli, 'extract', '--jsonl', oneArticle, '--quiet']);
if (values.modules) {
  // Each import in a fresh process, after the modules listed before it, so each line is what that module adds.
  const chain = ['cli/commands/index.js', 'nlp/wink.js', 'extract/entities/stage.js', 'extract/pipeline.js'];
  for (let i = 0; i < chain.length; i++) {
    const before = chain.slice(0, i).map((m) => `await import(${JSON.stringify(join(root, 'dist', m))});`).join('');
    const script = `${before}const u0=process.cpuUsage();await import(${JSON.stringify(join(root, 'dist', chain[i]))});const u=process.cpuUsage(u0);process.stdout.write(String((u.user+u.system)/1000));`;
    const times = Array.from({ length: runs }, () => Number(spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root }).stdout)).sort((a, b) => a - b);
    console.log(`  import ${chain[i].padEnd(36)} median ${times[times.length >> 1].toFixed(0).padStart(4)} ms CPU, min ${times[0].toFixed(0).padStart(4)} ms`);
  }
}
rmSync(work, { recursive: true, force: true });
