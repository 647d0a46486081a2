import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapScores, compareScores, formatBootstrap, formatComparison, BOOTSTRAP_SCORES } from './bootstrap.js';
import { parseGold, type PredArticle } from './records.js';
import { scoreAttributions } from './score.js';

// Articles of one shape, "Kim said that talks failed. Lee said it was over.", with a prediction
// that finds the first statement (exactly) or both (the second with a longer content).
const text = 'Kim said that talks failed. Lee said it was over.';
const at = (s: string, from = 0): { start: number; end: number } => {
  const start = text.indexOf(s, from);
  return { start, end: start + s.length };
};
const goldLine = (id: string): string =>
  JSON.stringify({
    id,
    text,
    attributions: [
      { source: [at('Kim')], cue: [at('said')], content: [at('that talks failed')] },
      { source: [at('Lee')], cue: [at('said', 20)], content: [at('it was over')] },
    ],
  });
const first = (id: string): PredArticle => ({ id, statements: [{ source: [at('Kim')], cue: [at('said')], content: [at('that talks failed')] }] });
const both = (id: string): PredArticle => ({
  id,
  statements: [
    { source: [at('Kim')], cue: [at('said')], content: [at('that talks failed')] },
    { source: [at('Lee')], cue: [at('said', 20)], content: [at('it was over.')] },
  ],
});

test('bootstrap: a set of identical articles has no spread', () => {
  const gold = parseGold([1, 2, 3, 4].map((i) => goldLine(`a${i}`)).join('\n'));
  const preds = new Map(gold.map((g) => [g.id, first(g.id)] as const));
  const b = bootstrapScores(gold, preds, 200, 7);
  const cue = b.scores['linked cue'];
  assert.equal(cue.f1, (200 * 1 * 0.5) / 1.5);
  assert.equal(cue.low, cue.f1);
  assert.equal(cue.high, cue.f1);
  assert.ok(cue.sd < 1e-9, 'no spread but rounding');
  assert.equal(b.articles, 4);
});

test('bootstrap: the point estimates are the scorer\'s, the interval holds them, the seed repeats a run', () => {
  const gold = parseGold(Array.from({ length: 30 }, (_, i) => goldLine(`a${i}`)).join('\n'));
  // Every third article predicted in full, the others only in part, one not at all.
  const predictions = gold.slice(1).map((g, i) => (i % 3 === 0 ? both(g.id) : first(g.id)));
  const byId = new Map(predictions.map((p) => [p.id, p] as const));
  const scored = scoreAttributions(gold, predictions);
  const b = bootstrapScores(gold, byId, 500, 11);
  assert.equal(+b.scores['linked cue'].f1.toFixed(1), scored.linked.cue.f1);
  assert.equal(+b.scores['linked source'].f1.toFixed(1), scored.linked.source.f1);
  assert.equal(+b.scores['linked all three exact'].f1.toFixed(1), scored.linked.all.f1);
  assert.equal(+b.scores['content overlap (role)'].f1.toFixed(1), scored.role.content.overlap.f1);
  for (const name of BOOTSTRAP_SCORES) {
    const x = b.scores[name];
    assert.ok(x.low <= x.f1 && x.f1 <= x.high, `${name}: ${x.low} <= ${x.f1} <= ${x.high}`);
    assert.ok(x.high > x.low && x.sd > 0, `${name} varies across resamples`);
  }
  assert.deepEqual(bootstrapScores(gold, byId, 500, 11), b);
  assert.notDeepEqual(bootstrapScores(gold, byId, 500, 12).scores, b.scores);
  const text = formatBootstrap(b);
  assert.match(text, /bootstrap over the 30 articles \(500 resamples, seed 11\): F1 and its 95% interval/);
  assert.match(text, /linked cue\s+\d+\.\d\s+\[\d+\.\d, \d+\.\d\]\s+sd \d\.\d\d/);
});

test('bootstrap: an empty gold set and zero resamples give zeros, not an error', () => {
  const b = bootstrapScores([], new Map(), 10, 1);
  assert.deepEqual(b.scores['linked cue'], { f1: 0, low: 0, high: 0, sd: 0 });
  const none = bootstrapScores(parseGold(goldLine('a')), new Map(), 0, 1);
  assert.equal(none.scores['linked cue'].low, 0);
});

test('comparison: a set against itself differs by nothing; a set better on every article wins every resample', () => {
  const gold = parseGold(Array.from({ length: 20 }, (_, i) => goldLine(`a${i}`)).join('\n'));
  const partial = new Map(gold.map((g) => [g.id, first(g.id)] as const));
  const same = compareScores(gold, partial, partial, 300, 5);
  for (const name of BOOTSTRAP_SCORES) {
    const x = same.scores[name];
    assert.deepEqual([x.difference, x.low, x.high, x.bAbove], [0, 0, 0, 0], name);
  }
  const full = new Map(gold.map((g) => [g.id, both(g.id)] as const));
  const better = compareScores(gold, partial, full, 300, 5);
  const cue = better.scores['linked cue'];
  assert.equal(+cue.a.toFixed(1), scoreAttributions(gold, [...partial.values()]).linked.cue.f1);
  assert.equal(+cue.b.toFixed(1), scoreAttributions(gold, [...full.values()]).linked.cue.f1);
  assert.equal(cue.difference, cue.b - cue.a);
  assert.ok(cue.low > 0 && cue.bAbove === 1, 'B finds both statements in every article');
  // The paired spread of the difference is far below either set's own spread when the two sets
  // err on the same articles: here every article is alike, so it is nothing.
  assert.ok(cue.sd < 1e-9);
  const text = formatComparison(better, 'old.jsonl', 'new.jsonl');
  assert.match(text, /^A = old\.jsonl\nB = new\.jsonl\nB against A, paired bootstrap over the 20 articles \(300 resamples, seed 5\)/);
  assert.match(text, /linked cue\s+66\.7\s+100\.0\s+\+33\.3\s+\[\+33\.3, \+33\.3\]\s+100\.0% of resamples/);
});
