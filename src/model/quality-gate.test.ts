// CI quality gate: the shipped extractor (the default pipeline, learned stage included) scored on
// PolNeAR dev with hearsay's scorer. The floors are regression floors about a point under the
// scores last measured (docs/model.md); the issue's targets already met are asserted, the others
// reported as a todo until they are met. When ../shared/data is absent (a clean clone outside the
// project machines) the gate says so and skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { predictArticle, asPredArticle } from '../eval/predict.js';
import { scoreAttributions, type EvalReport } from '../eval/score.js';
import { DEV_PATH, headlineScores, ISSUE_TARGETS } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';
import { DEFAULT_MODEL_PATH } from './weights-file.js';

/** Regression floors (F1, percent): measured minus about one point of run-to-run model noise
 * (measured 2026-11-28 04:11 UTC, the weights npm run train rebuilds: model with the cue network
 * reading word vectors, extra-statement veto reading the model's cue scores, model-statement
 * filter: 79.9 / 69.5 / 83.3 / 46.6). */
export const FLOORS = { linkedCue: 78.9, linkedSource: 68.5, contentOverlap: 82.3, linkedAllExact: 45.6 };
/** Targets met by the shipped model: asserted, so that no change may lose them. */
export const MET: readonly (keyof typeof ISSUE_TARGETS)[] = ['linkedSource', 'contentOverlap', 'linkedAllExact'];

const skip = !existsSync(DEV_PATH)
  ? `PolNeAR dev not found at ${DEV_PATH}: the quality gate needs ../shared/data (research data, not shipped); skipped`
  : !existsSync(DEFAULT_MODEL_PATH)
    ? `model file not found at ${DEFAULT_MODEL_PATH}: run npm run train`
    : false;

let report: EvalReport | null = null;
function devReport(): EvalReport {
  if (!report) {
    const gold = readPolnear(DEV_PATH);
    report = scoreAttributions(
      gold.map((g) => g.scorer),
      gold.map((g) => asPredArticle(predictArticle(g))),
    );
  }
  return report;
}

test('quality gate: PolNeAR dev scores stay above the floors', { skip }, () => {
  const got = headlineScores(devReport());
  for (const [k, floor] of Object.entries(FLOORS) as [keyof typeof FLOORS, number][]) {
    assert.ok(got[k] >= floor, `${k} F1 ${got[k]} fell below the floor ${floor} (all: ${JSON.stringify(got)})`);
  }
});

test(`quality gate: the issue targets met so far (${MET.map((k) => `${k} ${ISSUE_TARGETS[k]}`).join(', ')})`, { skip }, () => {
  const got = headlineScores(devReport());
  for (const k of MET) assert.ok(got[k] >= ISSUE_TARGETS[k], `${k} F1 ${got[k]} fell below the issue's target ${ISSUE_TARGETS[k]} (all: ${JSON.stringify(got)})`);
});

const unmet = (): string[] => {
  if (skip) return [];
  const got = headlineScores(devReport());
  return (Object.entries(ISSUE_TARGETS) as [keyof typeof ISSUE_TARGETS, number][]).filter(([k, t]) => !MET.includes(k) && got[k] < t).map(([k, t]) => `${k} ${got[k]} < ${t}`);
};

test('quality gate: the issue targets not yet met (linked cue 80)', { skip, todo: skip ? false : unmet().join('; ') || false }, () => {
  const missing = unmet();
  assert.deepEqual(missing, []);
});
