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

test('hostile giants: 1 MB on one line, only quote marks, unbalanced quotes, control characters', () => {
  const sentence = '“We will not back down,” the mayor said, according to officials who said that talks failed. ';
  const cases: [string, string][] = [
    ['1 MB of prose on one line', sentence.repeat(Math.ceil(1_000_000 / sentence.length))],
    ['1 MB without a space', 'x'.repeat(1_000_000)],
    ['only quote marks', '“”"\'‘’«»„'.repeat(2000)],
    ['unbalanced quotes over paragraphs', '“He said it.\n\n“And again,” she said.\n\n”“”\n“'.repeat(200)],
    ['control characters', Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('said ').repeat(50)],
    ['empty', ''],
    ['lone surrogates', '\ud800 said \udc00 “\udbff”'],
  ];
  for (const [label, text] of cases) assert.deepEqual(problemsAfterEachStage(text), [], label);
});
