import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGold, parsePredictions, toPredArticle } from './records.js';
import { scoreAttributions } from './score.js';
import { scoringPositions } from './positions.js';
import { HearsayError } from '../core/errors.js';

// "Kim said “we will win.” Aides said that talks failed." with spans by hand.
const text = 'Kim said \u201cwe will win.\u201d Aides said that talks failed.';
const at = (s: string, from = 0): { start: number; end: number } => {
  const start = text.indexOf(s, from);
  assert.ok(start >= 0, s);
  return { start, end: start + s.length };
};
const gold = parseGold(
  JSON.stringify({
    id: 'a',
    text,
    attributions: [
      { source: [at('Kim')], cue: [at('said')], content: [at('\u201cwe will win.\u201d')], derived_quote_type: 'direct' },
      { source: [at('Aides')], cue: [at('said', 20)], content: [at('that talks failed')], derived_quote_type: 'indirect' },
    ],
  }),
);

test('letters and digits decide exactness; punctuation-only spans count visible characters', () => {
  assert.deepEqual([...scoringPositions(text, [at('\u201cwe will win.\u201d')])], [...scoringPositions(text, [at('we will win')])]);
  assert.deepEqual([...scoringPositions('A \u2014 B', [{ start: 1, end: 4 }])], [2]);
  assert.equal(scoringPositions(text, [{ start: 5 }, null, { start: -3, end: 2 }]).size, 2);
});

test('a perfect prediction scores 100 everywhere', () => {
  const pred = [{ id: 'a', statements: gold[0]!.attributions }];
  const r = scoreAttributions(gold, pred);
  assert.equal(r.linked.pairs, 2);
  for (const x of [r.role.cue.exact, r.role.source.exact, r.role.content.overlap, r.linked.all, r.linked.contentOverlap]) assert.deepEqual(x, { p: 100, r: 100, f1: 100 });
  assert.deepEqual(r.byType.direct, { gold: 1, linkedRecall: 100, contentExactRecall: 100, contentOverlapRecall: 100 });
});

test('stray quotation marks and spaces do not break a match; a shorter content does', () => {
  const pred = toPredArticle({
    id: 'a',
    statements: [
      { source: { start: 0, end: 4 }, cue: at('said'), content: at('we will win') }, // "Kim " vs "Kim": same letters
      { source: at('Aides'), cue: at('said', 20), content: at('talks failed') }, // misses "that"
    ],
  });
  const r = scoreAttributions(gold, [pred]);
  assert.deepEqual(r.linked.source, { p: 100, r: 100, f1: 100 });
  assert.deepEqual(r.linked.content, { p: 50, r: 50, f1: 50 });
  assert.deepEqual(r.linked.all, { p: 50, r: 50, f1: 50 });
  // content overlap: gold content letters 9 + 15 = 24, predicted 9 + 11 = 20, shared 20
  assert.deepEqual(r.linked.contentOverlap, { p: 100, r: 83.3, f1: 90.9 });
  assert.equal(r.byType.indirect!.contentExactRecall, 0);
});

test('pairing is one-to-one by cue overlap; unpaired statements count against precision', () => {
  const pred = toPredArticle({
    id: 'a',
    statements: [
      { source: null, cue: at('said'), content: [] },
      { source: at('Kim'), cue: at('said'), content: at('we will win') }, // shares most: wins the pair
      { source: at('Kim'), cue: at('Kim'), content: at('talks') }, // no cue overlap: never paired
    ],
  });
  const r = scoreAttributions(gold, [pred]);
  assert.equal(r.pred, 3);
  assert.equal(r.linked.pairs, 1);
  assert.deepEqual(r.linked.cue, { p: 33.3, r: 50, f1: 40 });
  assert.deepEqual(r.linked.all, { p: 33.3, r: 50, f1: 40 });
  // role-level source: predicted Kim, Kim (2 instances) vs gold Kim, Aides: one equal pair
  assert.deepEqual(r.role.source.exact, { p: 50, r: 50, f1: 50 });
});

test('missing predictions count as empty; records in Citron shape are read', () => {
  const r = scoreAttributions(gold, []);
  assert.equal(r.missingDocs, 1);
  assert.deepEqual(r.linked.cue, { p: 0, r: 0, f1: 0 });
  const citron = parsePredictions(JSON.stringify({ id: 'a', quotes: [{ sources: [at('Kim')], cue: at('said'), contents: [at('we will win')] }] }));
  const r2 = scoreAttributions(gold, citron);
  assert.equal(r2.linked.pairs, 1);
  assert.deepEqual(r2.linked.all, { p: 100, r: 50, f1: 66.7 });
});

test('a malformed gold or prediction line is reported with its line number', () => {
  assert.throws(() => parseGold('{"id":1,"text":"x","attributions":[]}\n\n{oops'), (e: unknown) => e instanceof HearsayError && e.code === 'BAD_GOLD' && /line 3/.test(e.message));
  assert.throws(() => parseGold('{"id":1}'), (e: unknown) => e instanceof HearsayError && e.code === 'BAD_GOLD' && /line 1/.test(e.message));
  assert.throws(() => parsePredictions('[1]'), (e: unknown) => e instanceof HearsayError && e.code === 'BAD_JSONL_LINE');
});
