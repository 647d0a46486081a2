// The extra-statement veto: the merge drops only the extras the veto names (never the model's own
// statements or the statements at cues both found), "say" is never vetoed, and the readings of a
// statement are 0/1 or small counts with names the weights know.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Statement } from '../../core/model.js';
import { Doc } from '../../core/doc.js';
import { mergeStatements } from './stage.js';
import { isProtected, probabilityOf } from './extra-veto.js';
import { EXTRA_VETO_THRESHOLD, EXTRA_VETO_WEIGHTS } from './extra-veto-weights.js';
import { cueScoreBand, extraReadings } from './extra-features.js';
import { Pipeline } from '../../core/pipeline.js';
import { tokensStage } from '../tokens/stage.js';

function statement(cue: [number, number], content: [number, number]): Statement {
  return { id: '', kind: 'indirect', source: null, speaker: null, cue: { start: cue[0], end: cue[1] }, content: [{ start: content[0], end: content[1] }], channel: null, setting: null, addressee: null, act: 'assert', confidence: 0.5 };
}

test('extra veto: the merge drops only vetoed extras', () => {
  const model = [statement([0, 4], [5, 20])];
  const both = statement([0, 4], [5, 20]);
  const extra = statement([30, 34], [35, 50]);
  const kept = mergeStatements(model, [both, extra], 'arbitrated', undefined, () => false);
  assert.equal(kept.length, 2);
  const vetoed = mergeStatements(model, [both, extra], 'arbitrated', undefined, (r) => r === extra);
  assert.deepEqual(vetoed.map((s) => s.cue.start), [0]);
  // The veto is asked about extras only.
  const asked: Statement[] = [];
  mergeStatements(model, [both, extra], 'arbitrated', undefined, (r) => (asked.push(r), true));
  assert.deepEqual(asked, [extra]);
});

test('extra veto: extras are read against the statements as resolved, not the model reading that lost', () => {
  // The model's content at cue 0 runs over a nested rule statement (cue 30), so the rules' reading
  // at cue 0 wins; the veto, asked about an extra at cue 70, sees that reading (content to 20).
  const model = [statement([0, 4], [5, 60])];
  const outer = statement([0, 4], [5, 20]);
  const nested = statement([30, 34], [35, 50]);
  const elsewhere = statement([70, 74], [75, 90]);
  const seen: (readonly Statement[])[] = [];
  mergeStatements(model, [outer, nested, elsewhere], 'arbitrated', undefined, (_, resolved) => (seen.push(resolved), false));
  assert.deepEqual(seen.map((resolved) => resolved.map((s) => s.content[0]!.end)), [[20]]);
});

test('extra veto: a rule statement whose nesting made the rules\' reading win is kept without asking the veto', () => {
  // The model's content at cue 0 holds the rules' cue 30, so the rules' reading wins at cue 0 and
  // the statement at cue 30 is part of it; an extra elsewhere (cue 70) is still asked about.
  const model = [statement([0, 4], [5, 60])];
  const outer = statement([0, 4], [5, 20]);
  const nested = statement([30, 34], [35, 50]);
  const elsewhere = statement([70, 74], [75, 90]);
  const asked: Statement[] = [];
  const out = mergeStatements(model, [outer, nested, elsewhere], 'arbitrated', undefined, (r) => (asked.push(r), true));
  assert.deepEqual(asked, [elsewhere]);
  assert.deepEqual(out.map((s) => s.cue.start), [0, 30]);
});

test('extra veto: "say" is protected; weights and threshold are sane', () => {
  assert.ok(isProtected({ 'cue.lemma=say': 1 }));
  assert.ok(!isProtected({ 'cue.lemma=continue': 1 }));
  assert.ok(EXTRA_VETO_THRESHOLD > 0 && EXTRA_VETO_THRESHOLD < 1);
  const p = probabilityOf({});
  assert.ok(p > 0 && p < 1);
  for (const v of Object.values(EXTRA_VETO_WEIGHTS)) assert.ok(Number.isFinite(v));
});

test('extra veto: readings of a hand-made statement never throw and are small numbers', () => {
  const doc = new Doc('He said it rained. She denied it.');
  const r = statement([3, 7], [8, 17]);
  const f = extraReadings(doc, r, [r], [], null);
  for (const v of Object.values(f)) assert.ok(Number.isFinite(v) && v >= 0 && v <= 3);
  assert.ok(!Object.keys(f).some((k) => k.startsWith('cue.tagger=')), 'no cue score reading without scores');
});

test("extra veto: the model's cue score at the extra's cue is read in bands", () => {
  const doc = new Pipeline([tokensStage]).run('He said it rained. She denied it.');
  const r = statement([3, 7], [8, 17]);
  const scores = new Float32Array(doc.tokens.length).fill(-Infinity);
  assert.equal(extraReadings(doc, r, [r], [], scores)['cue.tagger=none'], 1);
  scores[1] = -30;
  assert.equal(extraReadings(doc, r, [r], [], scores)['cue.tagger=lt-25'], 1);
  assert.equal(cueScoreBand(scores, 0, 1), 'none');
  assert.equal(cueScoreBand(Float32Array.of(-400, -10), 0, 2), 'lt0');
  assert.equal(cueScoreBand(Float32Array.of(-400), 0, 1), 'lt-300');
  assert.equal(cueScoreBand(Float32Array.of(5), 0, 1), 'ge0');
  assert.equal(cueScoreBand(Float32Array.of(5), 0, 9), 'ge0', 'a run past the scores reads what there is');
});
