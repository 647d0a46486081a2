// The CLI end to end: the real executable spawned on fixtures (one exit code per kind of bad
// input, the --json shape, --jsonl ids and per-line errors), and the dispatcher in-process for
// help, version and the readable view.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../src/cli/dispatch.js';
import type { CommandIO } from '../src/cli/command.js';
import { ERROR_CATALOGUE } from '../src/core/errors.js';

const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');
const FIXTURE = join(import.meta.dirname, 'fixtures', 'article-crlf.txt');

function hearsay(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
    maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking, so that independent cases run side by side. */
function hearsayAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function inProcess(args: string[], stdinText = '', env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  out.on('data', (d) => (stdout += d));
  const err = new PassThrough();
  err.on('data', (d) => (stderr += d));
  const io: CommandIO = { stdin: Readable.from([Buffer.from(stdinText)]), stdout: out, stderr: err, env, cwd: process.cwd() };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'hearsay-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

test('each kind of bad input has its own message and exit code', async () => {
  const cases: [string, string[], number, RegExp][] = [
    ['missing file', ['extract', join(dir, 'nope.txt')], ERROR_CATALOGUE.FILE_NOT_FOUND.exit, /No such file/],
    ['binary', ['extract', file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))], ERROR_CATALOGUE.BINARY_INPUT.exit, /binary/],
    ['invalid UTF-8', ['extract', file('latin1.txt', Buffer.from('Le ministre a d\xe9clar\xe9 que', 'latin1'))], ERROR_CATALOGUE.INVALID_UTF8.exit, /not valid UTF-8.*offset 15/],
    ['empty', ['extract', file('empty.txt', '')], ERROR_CATALOGUE.EMPTY_INPUT.exit, /is empty/],
    ['white space only', ['extract', file('blank.txt', ' \r\n\u00a0\n')], ERROR_CATALOGUE.EMPTY_INPUT.exit, /only white space/],
    ['unknown option', ['extract', '--frobnicate', FIXTURE], ERROR_CATALOGUE.USAGE.exit, /Unknown option/],
    ['unknown command', ['frobnicate'], ERROR_CATALOGUE.USAGE.exit, /Unknown command/],
  ];
  const codes = new Set<number>();
  const results = await Promise.all(cases.map(([, args]) => hearsayAsync(args)));
  for (const [i, [label, , code, message]] of cases.entries()) {
    const r = results[i]!;
    assert.equal(r.code, code, `${label}: ${r.stderr}`);
    assert.match(r.stderr, message, label);
    assert.match(r.stderr, /hint: /, label);
    assert.equal(r.stdout, '', label);
    if (label !== 'white space only' && label !== 'unknown command') codes.add(code);
  }
  assert.equal(codes.size, 5, 'missing, binary, invalid UTF-8, empty and usage exit differently');
});

test('--json prints one hearsay/1 object whose spans slice the text', () => {
  const r = hearsay(['extract', '--json', FIXTURE]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const a = JSON.parse(lines[0]!);
  assert.equal(a.format, 'hearsay/1');
  assert.equal(a.id, 'article-crlf.txt');
  assert.ok(a.text.includes('\r\n') && a.text.includes('\u00a0') && a.text.includes('\u{1f6a7}'));
  for (const key of ['meta', 'entities', 'statements', 'notes', 'relations']) assert.ok(key in a, key);
  for (const s of a.statements) {
    for (const sp of [s.cue, s.source, s.channel, s.setting, s.addressee, ...s.content].filter(Boolean)) assert.equal(a.text.slice(sp.start, sp.end), sp.text);
    assert.ok(['direct', 'indirect', 'mixed'].includes(s.kind));
  }
});

test('standard input and a directory (JSONL with file names as ids)', () => {
  const r = hearsay(['extract', '--json', '-'], 'Officials said that the talks failed.');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).text, 'Officials said that the talks failed.');
  const folder = join(dir, 'folder');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'b.txt'), 'Kim said hello.');
  writeFileSync(join(folder, 'sub', 'a.txt'), 'Lee said goodbye.');
  writeFileSync(join(folder, 'notes.md'), 'not an article');
  const d = hearsay(['extract', '--json', folder]);
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(d.stdout.trim().split('\n').map((l) => JSON.parse(l).id), ['b.txt', 'sub/a.txt']);
  writeFileSync(join(folder, 'c.txt'), Buffer.from([0xff, 0xfe, 0x41, 0]));
  const bad = hearsay(['extract', '--json', folder]);
  assert.equal(bad.code, ERROR_CATALOGUE.INVALID_UTF8.exit, 'one bad file sets the exit code');
  assert.equal(bad.stdout.trim().split('\n').length, 2, 'the good files are still extracted');
});

test('--jsonl keeps ids, reports bad lines by number and processes the rest', () => {
  const jsonl = file(
    'in.jsonl',
    [
      JSON.stringify({ id: 'first', text: 'Kim said “we will win.”', url: 'ignored' }),
      '{not json',
      '',
      JSON.stringify({ id: 42, text: 'Aides said that talks failed.' }),
      JSON.stringify({ id: 'empty', text: '' }),
      JSON.stringify({ text: 'No id here, said the clerk.' }),
    ].join('\r\n') + '\r\n',
  );
  const r = hearsay(['extract', '--jsonl', jsonl]);
  assert.equal(r.code, ERROR_CATALOGUE.BAD_JSONL_LINE.exit);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => JSON.parse(l).id), ['first', '42', '6']);
  assert.match(r.stderr, /line 2 is not valid JSON/);
  assert.match(r.stderr, /line 5 has an empty "text"/);
  assert.match(r.stderr, /extracted 3 articles/);
  const piped = hearsay(['extract', '--jsonl', '-', '--quiet'], JSON.stringify({ id: 'x', text: 'Kim said hi.' }));
  assert.equal(piped.code, 0, piped.stderr);
  assert.equal(JSON.parse(piped.stdout).id, 'x');
  assert.equal(piped.stderr, '');
});

test('--jsonl - answers each line as it arrives (articles are batched only when more are at hand)', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'extract', '--jsonl', '-', '--quiet'], { env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const answers: string[] = [];
  let pending = '';
  let waiting: (() => void) | null = null;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    pending += d;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      answers.push(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
    waiting?.();
  });
  const answered = (n: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to line ${n} while the input stays open`)), 60_000);
      const check = (): void => {
        if (answers.length < n) return;
        clearTimeout(timer);
        waiting = null;
        resolve();
      };
      waiting = check;
      check();
    });
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.write(JSON.stringify({ id: 'one', text: 'Kim said hi.' }) + '\n');
  await answered(1);
  child.stdin.write(JSON.stringify({ id: 'two', text: 'Aides said that talks failed.' }) + '\n');
  await answered(2);
  child.stdin.end();
  assert.equal(await closed, 0);
  assert.deepEqual(answers.map((l) => JSON.parse(l).id), ['one', 'two']);
});

test('help, version and the readable view (plain when not a terminal, colour on request)', async () => {
  const help = await inProcess(['--help']);
  assert.equal(help.code, 0);
  for (const name of ['extract', 'eval', 'start']) assert.match(help.stdout, new RegExp(`\\n  ${name}\\b`));
  const version = await inProcess(['--version']);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  for (const name of ['extract', 'eval', 'start']) {
    const h = await inProcess([name, '--help']);
    assert.equal(h.code, 0);
    assert.match(h.stdout, /Usage: hearsay/);
    assert.match(h.stdout, /Examples:|Next steps:/);
  }
  const plain = await inProcess(['extract', '--text', FIXTURE]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout, /== article-crlf.txt ==/);
  assert.doesNotMatch(plain.stdout, /\u001b\[/);
  const coloured = await inProcess(['extract', '--color', FIXTURE]);
  assert.match(coloured.stdout, /\u001b\[1m/);
  const noColor = await inProcess(['extract', FIXTURE], '', { NO_COLOR: '1', FORCE_COLOR: '1' });
  assert.doesNotMatch(noColor.stdout, /\u001b\[/);
});

test('npm start shows the bundled examples', async () => {
  // start also stores the examples in a ledger: keep it in the test's folder, not the user's home.
  const r = await inProcess(['start'], '', { HEARSAY_DB: join(dir, 'start-ledger.db') });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /== examples\/wikinews-.*\.txt ==/);
  assert.match(r.stdout, /example articles, \d+ statements/);
  assert.match(r.stdout, /the ledger holds 4 articles and \d+ statements/);
});

test('eval scores a prediction file, runs the extractor without one, and saves predictions', async () => {
  const text = 'Kim said that talks failed. “We will win,” Lee said.';
  const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const gold = file(
    'gold.jsonl',
    JSON.stringify({
      id: 'g1',
      text,
      attributions: [
        { source: [span('Kim')], cue: [span('said')], content: [span('that talks failed')], derived_quote_type: 'indirect' },
        { source: [span('Lee')], cue: [span('said.')], content: [span('We will win,')], derived_quote_type: 'direct' },
      ],
    }) + '\n',
  );
  const pred = file('pred.jsonl', JSON.stringify({ id: 'g1', statements: [{ source: span('Kim'), cue: span('said'), content: [span('that talks failed.')] }] }) + '\n');
  const scored = await inProcess(['eval', gold, pred, '--json']);
  assert.equal(scored.code, 0, scored.stderr);
  const r = JSON.parse(scored.stdout);
  assert.deepEqual(r.linked.all, { p: 100, r: 50, f1: 66.7 });
  assert.equal(r.byType.indirect.contentExactRecall, 100);

  const saved = join(dir, 'saved.jsonl');
  const own = await inProcess(['eval', gold, '--write-pred', saved, '-q']);
  assert.equal(own.code, 0, own.stderr);
  assert.match(own.stdout, /linked \(one-to-one by cue\)/);
  const again = await inProcess(['eval', gold, saved, '--json']);
  const fromFile = JSON.parse(again.stdout);
  const direct = JSON.parse((await inProcess(['eval', gold, '--json', '-q'])).stdout);
  assert.deepEqual(fromFile.linked, direct.linked, 'saved predictions score the same as the live run');

  const boot = await inProcess(['eval', gold, pred, '--bootstrap', '50', '--seed', '3']);
  assert.equal(boot.code, 0, boot.stderr);
  assert.match(boot.stdout, /bootstrap over the 1 article \(50 resamples, seed 3\): F1 and its 95% interval/);
  assert.match(boot.stdout, /linked all three exact\s+66\.7\s+\[66\.7, 66\.7\]/);
  const bootJson = JSON.parse((await inProcess(['eval', gold, pred, '--json', '--bootstrap', '20'])).stdout);
  assert.equal(bootJson.bootstrap.samples, 20);
  assert.equal(bootJson.bootstrap.seed, 1);
  assert.ok(Math.abs(bootJson.bootstrap.scores['linked cue'].f1 - bootJson.linked.cue.f1) < 0.05);
  const versus = await inProcess(['eval', gold, pred, '--against', saved, '--seed', '2']);
  assert.equal(versus.code, 0, versus.stderr);
  assert.match(versus.stdout, /B against A, paired bootstrap over the 1 article \(1000 resamples, seed 2\)/);
  const versusJson = JSON.parse((await inProcess(['eval', gold, pred, '--against', saved, '--json', '--bootstrap', '30'])).stdout);
  assert.equal(versusJson.comparison.against, saved);
  assert.equal(versusJson.comparison.samples, 30);
  assert.equal(typeof versusJson.comparison.scores['linked cue'].bAbove, 'number');
  const strays = await inProcess(['eval', gold, pred, '--against', file('other.jsonl', JSON.stringify({ id: 'nope', statements: [] }) + '\n')]);
  assert.equal(strays.code, 0, strays.stderr);
  assert.match(strays.stderr, /1 of 1 gold articles have no prediction in .*other\.jsonl/);
  for (const wrong of [['--bootstrap', '0'], ['--bootstrap', 'many'], ['--seed', '4']]) {
    const r = await inProcess(['eval', gold, pred, ...wrong]);
    assert.equal(r.code, ERROR_CATALOGUE.USAGE.exit, wrong.join(' '));
  }

  const bad = await inProcess(['eval', file('bad-gold.jsonl', '{"id":"x"}\n')]);
  assert.equal(bad.code, ERROR_CATALOGUE.BAD_GOLD.exit);
  assert.match(bad.stderr, /line 1/);
  const missing = await inProcess(['eval', join(dir, 'no-gold.jsonl')]);
  assert.equal(missing.code, ERROR_CATALOGUE.FILE_NOT_FOUND.exit);
});
