// The model-statement filter: the merge asks it about the model's own readings only (alone at
// their cue or chosen over the rules', with the rule statement there), never about the rules'
// readings or extras; it reads them against the resolved statements; the readings of a statement
// are 0/1 or small counts and never throw; the margin is read back from the confidence.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Statement } from '../../core/model.js';
import { Doc } from '../../core/doc.js';
import { mergeStatements } from './stage.js';
import { makeModelFilter } from './model-filter.js';
import { marginOf, modelReadings } from './model-features.js';
import { MODEL_FILTER_THRESHOLD, MODEL_FILTER_WEIGHTS } from './model-filter-weights.js';

function statement(cue: [number, number], content: [number, number], kind: Statement['kind'] = 'indirect'): Statement {
  return { id: '', kind, source: null, speaker: null, cue: { start: cue[0], end: cue[1] }, content: [{ start: content[0], end: content[1] }], channel: null, setting: null, addressee: null, act: 'assert', confidence: 0.5 };
}

test('model filter: asked about the model\'s readings only, with the rule statement at the cue', () => {
  const alone = statement([0, 4], [5, 20]);
  const agreedModel = statement([30, 34], [35, 50]);
  const agreedRule = statement([30, 34], [35, 50]);
  const ruleWins = statement([60, 64], [65, 80], 'direct');
  const modelLoses = statement([60, 64], [65, 80]);
  const extra = statement([90, 94], [95, 110]);
  const asked: [number, number | null][] = [];
  const out = mergeStatements([alone, agreedModel, modelLoses], [agreedRule, ruleWins, extra], 'arbitrated', undefined, () => false, (m, agreed, resolved) => {
    asked.push([m.cue.start, agreed?.cue.start ?? null]);
    assert.equal(resolved.length, 3);
    return m === alone;
  });
  assert.deepEqual(asked, [[0, null], [30, 30]]);
  assert.deepEqual(out.map((s) => s.cue.start), [30, 60, 90]);
});

test('model filter: without a filter every statement stays', () => {
  const out = mergeStatements([statement([0, 4], [5, 20])], [], 'arbitrated', undefined, undefined, undefined);
  assert.equal(out.length, 1);
});

test('model filter: readings of hand-made statements never throw and are small numbers', () => {
  const doc = new Doc('He said it rained. She denied it, he said.');
  const outer = statement([19, 22], [23, 33]);
  const inner = statement([34, 41], [0, 0]);
  inner.content = [];
  for (const [m, agreed] of [[outer, null], [inner, outer]] as const) {
    const f = modelReadings(doc, m, agreed, [outer], [outer, inner]);
    for (const v of Object.values(f)) assert.ok(Number.isFinite(v) && v >= 0 && v <= 3);
  }
  assert.equal(modelReadings(doc, inner, null, [], [outer, inner])['content.none'], 1);
});

test('model filter: the margin is read back from the confidence; weights and threshold are sane', () => {
  assert.ok(Math.abs(marginOf(1 / (1 + Math.exp(-2.5))) - 25) < 1e-9);
  assert.ok(Number.isFinite(marginOf(1)) && Number.isFinite(marginOf(0)));
  assert.ok(MODEL_FILTER_THRESHOLD >= 0 && MODEL_FILTER_THRESHOLD < 1);
  for (const v of Object.values(MODEL_FILTER_WEIGHTS)) assert.ok(Number.isFinite(v));
  // A filter with a threshold of 0 drops nothing.
  const keepAll = makeModelFilter({ weights: { bias: -5 }, threshold: 0 });
  const m = statement([0, 4], [5, 10]);
  assert.equal(keepAll(new Doc('He said it rained.'), m, null, [], [m]), false);
});
