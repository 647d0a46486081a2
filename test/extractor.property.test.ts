// The extractor never throws and keeps every invariant, on any string: random Unicode (lone
// surrogates and control characters included), news-like soup built from quote marks, cue words,
// names, CRLF, NBSP and emoji, and a few hostile giants (1 MB on one line, only quote marks).
// Invariants are checked after EVERY stage through the pipeline's afterStage hook.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../src/extract/pipeline.js';
import { checkInvariants } from '../src/core/invariants.js';
import { toArticleJson } from '../src/core/format.js';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { HOSTILE_CASES } from './support/hostile-cases.js';

function problemsAfterEachStage(text: string): string[] {
  const problems: string[] = [];
  const doc = analyse(text, 'property', {
    afterStage(stage, d) {
      for (const p of checkInvariants(d)) problems.push(`after ${stage.name}: ${p}`);
    },
  });
  // The output contract holds too: every span's text is the slice it names.
  const json = toArticleJson(doc);
  for (const s of json.statements) {
    for (const sp of [s.cue, s.source, s.channel, s.setting, s.addressee, ...s.content]) {
      if (sp && json.text.slice(sp.start, sp.end) !== sp.text) problems.push(`statement ${s.id}: span text mismatch`);
    }
  }
  return problems;
}

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const PIECES = [
  '“', '”', '"', '‘', '’', "'", '«', '»', '„', '‹', '›', '「', '」',
  ' said', ' says', ' told reporters', ' according to', 'According to ', ' added', ' denied', ' claimed that', ' vowed to', ' warned',
  'Putin', 'Kim Jong Un', 'the spokesman', 'He', 'she', 'They', 'Ukraine’s military intelligence', 'The US and South Korea',
  ', ', '. ', '.', ',', ':', ';', ' — ', '(', ')', '[', ']', '?', '!', '…',
  '\r\n', '\n', '\n\n', '\r', '\u2028', '\u00a0', '\u2009', '\t', ' ', '  ',
  '😀', '👩‍👩‍👧', '🇺🇦', '\ud83d', '\ude00', '\u0000', '\u0007', '\u001b[31m', '\u200b', '\ufeff', '\u202e',
  'on Telegram', 'by phone', 'in a statement', 'couldn’t be independently verified', 'a “lie”', '2,000', '$1.5m',
];
const newsSoup = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((parts) => parts.join(''));

test('never throws and keeps the invariants on random Unicode', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: anyCodeUnit, maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 })), (text) => {
      assert.deepEqual(problemsAfterEachStage(text), []);
    }),
    { numRuns: 150, seed: 20261127 },
  );
});

test('never throws and keeps the invariants on news-like soup (quotes, cues, names, CRLF, emoji)', () => {
  fc.assert(
    fc.property(newsSoup, (text) => {
      assert.deepEqual(problemsAfterEachStage(text), []);
    }),
    { numRuns: 300, seed: 42 },
  );
});

test('hostile giants: 1 MB on one line, only quote marks, unbalanced quotes, control characters', async () => {
  // In a child process with a generous limit: analyse() is synchronous, so only a separate
  // process can be stopped if a stage goes superlinear on one of these (1 MB should take seconds).
  const LIMIT_MS = Number(process.env.HEARSAY_HOSTILE_LIMIT_MS ?? 180_000);
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'hostile-cases.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const records = out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { start?: string; label?: string; problems?: string[] });
  const last = records.at(-1);
  assert.ok(code === 0, last?.start ? `the extractor did not finish "${last.start}" within ${LIMIT_MS / 1000} s (a stage is superlinear on it)` : `exit ${code}`);
  const done = records.filter((r) => r.label);
  assert.equal(done.length, HOSTILE_CASES.length);
  for (const r of done) assert.deepEqual(r.problems, [], r.label);
});
