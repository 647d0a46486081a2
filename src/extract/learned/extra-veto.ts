// The veto over the rules' extra statements: a rule statement at a cue where the trained model
// found none is added by the learned stage's arbitration unless this veto drops it. The veto is a
// logistic regression over what the rule side knows of the statement and the model's cue score at
// its cue (extra-features.ts), fitted by cross-fitting over the PolNeAR train split
// (src/model/extra-veto-fit.ts; docs/model.md, "The rules' extra statements" and "Session 9").

import type { Doc } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import { readExtra } from './extra-features.js';
import { EXTRA_VETO_THRESHOLD, EXTRA_VETO_WEIGHTS } from './extra-veto-weights.js';
import { WeightedSum, WeightTable } from './reading-sink.js';

/** Whether the extra statement r (a rule statement at a cue the model did not find) is dropped;
 * `cueScores` are the model's cue scores of the document's tokens (AttributionModel.cueScoresOf),
 * null when the model kept none. */
export type ExtraVeto = (doc: Doc, r: Statement, rules: readonly Statement[], resolved: readonly Statement[], cueScores: Float32Array | null) => boolean;

/** Weights by reading name ('bias' is the intercept) and the probability under which an extra is dropped. */
export interface ExtraVetoWeights {
  weights: Readonly<Record<string, number>>;
  threshold: number;
}

/** The reading that keeps an extra whatever its probability (isProtected), as readExtra sets it. */
const PROTECTED_PREFIX = 'cue.lemma=';
const PROTECTED_LEMMA = 'say';

/**
 * Readings that keep an extra whatever its probability: "say", the plain reporting verb, whose
 * statements the founding article and the news speaker sets depend on (its nested "he said Russia
 * had now ratified …" is one the regression alone would drop: in PolNeAR a cue inside the model's
 * content is mostly not annotated, in news prose it is an attribution all the same).
 */
export function isProtected(readings: Readonly<Record<string, number>>): boolean {
  return (readings[PROTECTED_PREFIX + PROTECTED_LEMMA] ?? 0) > 0;
}

/** The probability the veto's logistic regression gives readings of an extra statement. */
export function probabilityOf(readings: Readonly<Record<string, number>>, weights: Readonly<Record<string, number>> = EXTRA_VETO_WEIGHTS): number {
  let z = weights['bias'] ?? 0;
  for (const name in readings) z += (weights[name] ?? 0) * readings[name]!;
  return 1 / (1 + Math.exp(-z));
}

/** A veto with the given weights (training checks a candidate with it before it is written): the
 * readings go straight into the weighted sum (reading-sink.ts), the same sum probabilityOf makes. */
export function makeExtraVeto({ weights, threshold }: ExtraVetoWeights): ExtraVeto {
  const table = new WeightTable(weights);
  return (doc, r, rules, resolved, cueScores) => {
    const sum = new WeightedSum(table, PROTECTED_PREFIX, PROTECTED_LEMMA);
    readExtra(doc, r, rules, resolved, cueScores, sum);
    return !(sum.watchedValue > 0) && sum.probability() < threshold;
  };
}

/** The shipped veto. */
export const extraVeto: ExtraVeto = makeExtraVeto({ weights: EXTRA_VETO_WEIGHTS, threshold: EXTRA_VETO_THRESHOLD });
