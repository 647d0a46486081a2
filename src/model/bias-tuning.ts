// The decoding biases (a constant added to the cue tags' scores, one to the source tags', one to the
// content tags') and their tuning: a coordinate search over fixed grids maximising the mean of the
// four headline F1s (evaluate.ts objective) of the model alone, pooled over the cross-fitted folds
// of the train split (cross-fitting.ts: each fold decoded by the model trained without it). Pooling
// all 840 train articles replaced the 96 held-out ones, on which two retrainings a few hours apart
// chose content bias 6 and 0 for objective differences of 0.05. The dev split is never read here.

import type { AttributionModel } from './attribution-model.js';
import type { Fold } from './cross-fitting.js';
import { headline, objective, predictAll, tokeniseAll, type TokenisedArticle } from './evaluate.js';
import { scoreAttributions, type EvalReport } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';

export interface TunedBiases {
  cue: number;
  source: number;
  content: number;
}

export const NO_BIASES: TunedBiases = { cue: 0, source: 0, content: 0 };

/** The grids searched, in the order searched. */
const GRIDS: [keyof TunedBiases, number[]][] = [
  ['cue', [-4, -2, 2, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70]],
  ['content', [-6, -4, -2, -1, 1, 2, 4, 6, 8, 10]],
  ['source', [-6, -4, -2, -1, 1, 2, 4, 6, 8]],
];

export function applyBiases(model: AttributionModel, b: TunedBiases): void {
  model.cue.tagBias.set([0, b.cue, b.cue]);
  model.role.tagBias.set([0, b.source, b.source, b.content, b.content]);
}

/** A coordinate search: from `start`, each key's grid in turn, keeping a value when it raises the
 * objective (strictly, so the first of equals stays); keys in `fixed` keep their value and are not
 * searched. Returns the best point found and its objective. */
export function coordinateSearch(start: TunedBiases, grids: readonly [keyof TunedBiases, readonly number[]][], objectiveOf: (b: TunedBiases) => number, fixed: Partial<TunedBiases> = {}, onBetter: (b: TunedBiases, o: number) => void = () => {}): { best: TunedBiases; objective: number } {
  const best: TunedBiases = { ...start, ...fixed };
  let bestScore = objectiveOf(best);
  for (const [key, grid] of grids) {
    if (fixed[key] !== undefined) continue;
    for (const value of grid) {
      const trial = { ...best, [key]: value };
      const o = objectiveOf(trial);
      if (o > bestScore) {
        bestScore = o;
        Object.assign(best, trial);
        onBetter(trial, o);
      }
    }
  }
  return { best, objective: bestScore };
}

/** Coordinate search over the biases, every fold model decoding its own fold; returns the best
 * found and leaves the fold models with it. `fixed` biases (train.ts --cue-bias) are not searched. */
export function tuneBiases(folds: readonly Fold[], log: (s: string) => void, fixed: Partial<TunedBiases> = {}): TunedBiases {
  const docs: TokenisedArticle[][] = folds.map((f) => tokeniseAll(f.articles));
  const gold = docs.flat().map((d) => d.gold.scorer);
  const score = (b: TunedBiases): EvalReport => {
    const preds: PredArticle[] = [];
    for (const [k, f] of folds.entries()) {
      applyBiases(f.model, b);
      preds.push(...predictAll(f.model, docs[k]!));
    }
    return scoreAttributions(gold, preds);
  };
  // onBetter is called right after the trial's own objective, so the last report is the trial's.
  let last: EvalReport | null = null;
  const objectiveOf = (b: TunedBiases): number => objective((last = score(b)));
  const fixedNote = Object.keys(fixed).length ? ` (fixed, not searched: ${JSON.stringify(fixed)})` : '';
  const { best, objective: bestObjective } = coordinateSearch(NO_BIASES, GRIDS, objectiveOf, fixed, (trial, o) => log(`cross-fitted ${JSON.stringify(trial)}: objective ${o.toFixed(2)} (${headline(last!)})`));
  log(`cross-fitted (${docs.flat().length} articles) from ${JSON.stringify({ ...NO_BIASES, ...fixed })}${fixedNote}: best ${JSON.stringify(best)}, objective ${bestObjective.toFixed(2)}`);
  for (const f of folds) applyBiases(f.model, best);
  return best;
}
