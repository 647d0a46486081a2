#!/usr/bin/env node
// Throughput of the BUILT CLI as users run it: `hearsay extract --jsonl FILE` through the launcher
// bin/hearsay (which, on one core, starts Node with --single-threaded), model loading and JSON
// output included, pinned to one core (taskset -c 0) when taskset exists. Reports articles/s and
// chars/s (wall clock), articles per CPU second (steadier when other jobs share the machine) and
// peak RSS for each run and the median run (by wall time); writes bench/out/throughput.json.
// With --node, runs `node dist/cli/main.js` instead: the same CLI with Node's default flags.
// Usage: npm run bench [-- --file JSONL] [--runs N] [--node]      (npm run bench builds first)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { ROOT, BBC_ARTICLES } from './paths.mjs';

const root = ROOT;
const { values } = parseArgs({
  options: { file: { type: 'string', default: BBC_ARTICLES }, runs: { type: 'string', default: '3' }, node: { type: 'boolean' } },
});
const file = values.file;
const runs = Math.max(1, Number(values.runs) || 3);
const cli = join(root, 'dist', 'cli', 'main.js');
const launcher = join(root, 'bin', 'hearsay');
const direct = values.node === true;
if (!existsSync(file)) {
  console.log(`bench: skipped, ${file} is absent (the research data sits in ../shared beside the repository).`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error('bench: dist/cli/main.js is missing; run `npm run build` (npm run bench does).');
  process.exit(1);
}

const records = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const articles = records.length;
const chars = records.reduce((n, l) => n + (JSON.parse(l).text?.length ?? 0), 0);
const pinned = spawnSync('taskset', ['--version']).status === 0;

function once() {
  return new Promise((resolve, reject) => {
    // The launcher starts `node` from PATH: this benchmark's own Node, first on PATH. The report of
    // CPU and memory is preloaded through NODE_OPTIONS, which reaches the node the launcher starts.
    const command = direct ? [process.execPath, cli] : [launcher];
    const args = [...command, 'extract', '--jsonl', file, '--quiet'];
    const [cmd, argv] = pinned ? ['taskset', ['-c', '0', ...args]] : [args[0], args.slice(1)];
    const env = {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      // Quoted: NODE_OPTIONS splits on spaces outside double quotes, and the path may hold some.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import="${join(root, 'bench', 'report-rss.mjs')}"`.trim(),
    };
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let lines = 0;
    let statements = 0;
    let tail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const parts = (tail + chunk).split('\n');
      tail = parts.pop();
      for (const p of parts) {
        lines++;
        // count statements without parsing each article: only statements have a "cue" object
        statements += (p.match(/"cue":\{/g) ?? []).length;
      }
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = Number(/HEARSAY_BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const cpuSeconds = Number(/HEARSAY_BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1e6;
      if (code !== 0) return reject(new Error(`CLI exited ${code}: ${stderr.slice(0, 2000)}`));
      resolve({
        seconds,
        cpuSeconds,
        articlesOut: lines,
        statements,
        articlesPerSecond: articles / seconds,
        charsPerSecond: chars / seconds,
        articlesPerCpuSecond: articles / cpuSeconds,
        peakRssMB: rss / 1024,
      });
    });
  });
}

console.log(`bench: ${articles} articles, ${chars.toLocaleString('en-US')} chars from ${file}`);
console.log(`bench: node ${process.version}, ${cpus()[0]?.model ?? 'cpu'}, ${pinned ? 'pinned to core 0 (taskset -c 0)' : 'not pinned (no taskset)'}, ${direct ? 'node dist/cli/main.js (Node\'s default flags)' : 'bin/hearsay (the launcher)'}`);
const results = [];
for (let i = 0; i < runs; i++) {
  const r = await once();
  results.push(r);
  console.log(
    `run ${i + 1}: ${r.seconds.toFixed(2)} s wall  ${r.articlesPerSecond.toFixed(1)} articles/s  ${Math.round(r.charsPerSecond).toLocaleString('en-US')} chars/s  ` +
      `| ${r.cpuSeconds.toFixed(2)} s CPU  ${r.articlesPerCpuSecond.toFixed(1)} articles per CPU second  | peak RSS ${r.peakRssMB.toFixed(0)} MB  (${r.articlesOut} objects, ${r.statements} statements)`,
  );
}
const median = [...results].sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)];
console.log(
  `median: ${median.articlesPerSecond.toFixed(1)} articles/s, ${Math.round(median.charsPerSecond).toLocaleString('en-US')} chars/s wall-clock; ` +
    `${median.articlesPerCpuSecond.toFixed(1)} articles per CPU second; peak RSS ${median.peakRssMB.toFixed(0)} MB; ${median.statements} statements`,
);
const load = (await import('node:os')).loadavg()[0];
if (load > 1.5) console.log(`note: the 1-minute load average was ${load.toFixed(1)} on ${cpus().length} cores; wall-clock rates are pessimistic, CPU-second rates less so.`);
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'out', 'throughput.json'),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, command: direct ? 'node dist/cli/main.js' : 'bin/hearsay', file, articles, chars, pinned, runs: results, median }, null, 2) + '\n',
);
