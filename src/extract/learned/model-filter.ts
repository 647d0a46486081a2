// The filter over the model's own statements: after the learned stage's arbitration, each statement
// the model's reading made (alone at its cue or chosen over the rules') is asked whether it stands;
// a logistic regression over what the model cannot see of it (model-features.ts: the rules'
// agreement, nesting in another statement's content, the margin, the content's shape) gives the
// probability that its cue is a gold cue, and below the threshold it is dropped. Fitted by
// cross-fitting over the PolNeAR train split (src/model/model-filter-training.ts, a step of
// `npm run train`; docs/model.md, "The model-statement filter").

import type { Doc } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import { readModel } from './model-features.js';
import { MODEL_FILTER_THRESHOLD, MODEL_FILTER_WEIGHTS } from './model-filter-weights.js';
import { WeightedSum, WeightTable } from './reading-sink.js';

/** Whether the model statement m is dropped, given the rule statement at its cue (null: none), the
 * rules' statements and the statements the arbitration resolved at the model's cues. */
export type ModelFilter = (doc: Doc, m: Statement, agreed: Statement | null, rules: readonly Statement[], resolved: readonly Statement[]) => boolean;

/** Weights by reading name ('bias' is the intercept) and the probability under which a statement is dropped. */
export interface ModelFilterWeights {
  weights: Readonly<Record<string, number>>;
  threshold: number;
}

/** A filter with the given weights (training checks a candidate with it before it is written): the
 * readings go straight into the weighted sum (reading-sink.ts), the same sum probabilityOf
 * (extra-veto.ts) makes over modelReadings' record. */
export function makeModelFilter({ weights, threshold }: ModelFilterWeights): ModelFilter {
  const table = new WeightTable(weights);
  return (doc, m, agreed, rules, resolved) => {
    const sum = new WeightedSum(table);
    readModel(doc, m, agreed, rules, resolved, sum);
    return sum.probability() < threshold;
  };
}

/** The shipped filter. */
export const modelFilter: ModelFilter = makeModelFilter({ weights: MODEL_FILTER_WEIGHTS, threshold: MODEL_FILTER_THRESHOLD });
