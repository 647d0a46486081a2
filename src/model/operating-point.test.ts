// The operating-point measure's rules (operating-point.ts) and the bias search it pairs with
// (bias-tuning.ts coordinateSearch, which train.ts --cue-bias narrows).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EvalReport } from '../eval/score.js';
import { coordinateSearch, NO_BIASES, type TunedBiases } from './bias-tuning.js';
import { ISSUE_TARGETS, meanScore, type HeadlineScores } from './evaluate.js';
import { compareByFloors, floorSlacks, trainingsChoice, type OperatingPoint } from './operating-point.js';

const scores = (linkedCue: number, linkedSource: number, contentOverlap: number, linkedAllExact: number): HeadlineScores => ({ linkedCue, linkedSource, contentOverlap, linkedAllExact });

test('floorSlacks is each score less the issue target; meanScore the mean of the four', () => {
  assert.deepEqual(ISSUE_TARGETS, scores(80, 68, 83, 40));
  const s = floorSlacks(scores(79.5, 70, 83, 46));
  assert.ok(Math.abs(s.linkedCue + 0.5) < 1e-9);
  assert.equal(s.linkedSource, 2);
  assert.equal(s.contentOverlap, 0);
  assert.equal(s.linkedAllExact, 6);
  assert.equal(meanScore(scores(80, 70, 84, 46)), 70);
});

test('compareByFloors prefers the larger worst slack, then the next worst, at 0.1 precision', () => {
  // a: worst slack cue -0.5; b: worst slack cue -0.8, though its mean is higher.
  const a = scores(79.5, 69, 83.5, 44), b = scores(79.2, 71, 85, 47);
  assert.ok(compareByFloors(a, b) < 0);
  assert.ok(compareByFloors(b, a) > 0);
  assert.ok(meanScore(b) > meanScore(a));
  // Equal worst (source -2.0): the second worst decides (cue -0.6 against -0.8).
  assert.ok(compareByFloors(scores(79.4, 66, 84, 43), scores(79.2, 66, 84.4, 44)) < 0);
  // Differences under the printed precision do not decide.
  assert.equal(compareByFloors(scores(79.41, 66, 84, 43), scores(79.39, 66, 84, 43)), 0);
  assert.equal(compareByFloors(a, a), 0);
});

test('trainingsChoice keeps the first threshold of the best cue F1, as training does', () => {
  const point = (threshold: number, pairs: number, pred: number): OperatingPoint => ({
    cueBias: 40,
    threshold,
    scores: scores(0, 0, 0, 0),
    report: { counts: { pred, gold: 100, linked: { pairs } } } as unknown as EvalReport,
  });
  // F1 (pairs 80): pred 110 -> 76.19, pred 100 -> 80, pred 100 again (a tie) -> 80, pred 90 (pairs 70) -> 73.68.
  const points = [point(0, 80, 110), point(0.3, 80, 100), point(0.35, 80, 100), point(0.4, 70, 90)];
  assert.equal(trainingsChoice(points).threshold, 0.3);
  assert.equal(trainingsChoice([point(0, 80, 100), point(0.2, 70, 100)]).threshold, 0);
});

test('coordinateSearch keeps strict gains only and leaves a fixed key unsearched', () => {
  // Peak at cue 60, source 2, content -1; the objective falls with the distance.
  const objective = (b: TunedBiases): number => -Math.abs(b.cue - 60) - Math.abs(b.source - 2) - Math.abs(b.content + 1);
  const grids: [keyof TunedBiases, number[]][] = [['cue', [20, 40, 60, 80]], ['content', [-2, -1, 1]], ['source', [1, 2, 4]]];
  const searched: TunedBiases[] = [];
  const free = coordinateSearch(NO_BIASES, grids, (b) => (searched.push(b), objective(b)));
  assert.deepEqual(free.best, { cue: 60, source: 2, content: -1 });
  assert.ok(free.objective === 0);
  assert.equal(searched.length, 1 + 4 + 3 + 3);
  const fixed = coordinateSearch(NO_BIASES, grids, objective, { cue: 40 });
  assert.deepEqual(fixed.best, { cue: 40, source: 2, content: -1 });
  // A value that only ties the best so far is not taken: the first of equals stays.
  const flat = coordinateSearch(NO_BIASES, grids, () => 1);
  assert.deepEqual(flat.best, NO_BIASES);
});
