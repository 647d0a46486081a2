// Fitting the filter over the model's own statements (src/extract/learned/model-filter.ts) on the
// train split, never dev. The veto step's fold pass (extra-veto-training.ts, recordExtras) already
// runs each cross-fitted fold model through the whole pipeline over its own fold; the learned stage
// records there the readings (model-features.ts) of every statement whose reading is the model's,
// and whether its cue overlaps a gold cue. A logistic regression over those readings is the filter.
// Its threshold is chosen by the pooled cross-fitted linked cue F1 over the train folds: per fold a
// regression fitted on the other folds' statements judges that fold's, with the extras as the
// fitted veto leaves them. The weights module it ships as (model-filter-weights.ts) is generated here.
// `npm run train` fits it after the veto; src/model/model-filter-fit.ts measures it.

import { fitLogistic } from './logistic-regression.js';
import { scoreAttributions, type EvalReport } from '../eval/score.js';
import type { GoldArticle as ScorerGold, PredArticle } from '../eval/records.js';
import { isProtected, probabilityOf, type ExtraVetoWeights } from '../extract/learned/extra-veto.js';
import type { ModelFilterWeights } from '../extract/learned/model-filter.js';
import type { ModelReadings } from '../extract/learned/model-features.js';
import type { RecordedArticle, RecordedStatement } from './extra-veto-training.js';

/** One model statement as the regression sees it. */
export interface ModelExample {
  fold: number;
  readings: ModelReadings;
  right: boolean;
}

export function modelExamples(records: readonly RecordedArticle[]): ModelExample[] {
  return records.flatMap((a) => a.statements.flatMap((s) => (s.model ? [{ fold: a.fold, readings: s.model.readings, right: s.model.right }] : [])));
}

/** Readings seen in fewer statements than this get no weight (rare lemmas would only be memorised). */
export const MIN_READING_COUNT = 20;

/** The filter's regression: readings seen in fewer than MIN_READING_COUNT statements get no weight. */
export function fitModelLogistic(data: readonly ModelExample[], l2 = 0.001): Map<string, number> {
  return fitLogistic(data, { l2, minCount: MIN_READING_COUNT });
}

/** The pipeline's pooled score over the recorded folds with the extras the veto drops and the
 * model statements `drop` rejects left out. */
export function scoreRecords(records: readonly RecordedArticle[], gold: ReadonlyMap<string, ScorerGold>, keepExtra: (s: RecordedStatement, fold: number) => boolean, dropModel: (s: RecordedStatement, fold: number) => boolean): EvalReport {
  const preds: PredArticle[] = records.map((a) => ({
    id: a.id,
    statements: a.statements
      .filter((s) => (!s.extra || keepExtra(s, a.fold)) && !(s.model && dropModel(s, a.fold)))
      .map((s) => ({ source: s.source, cue: s.cue, content: s.content })),
  }));
  return scoreAttributions(records.map((a) => gold.get(a.id)!), preds);
}

/** Linked cue F1 from the counts, unrounded (the report's is rounded to one decimal). */
export function cueF1(r: EvalReport): number {
  return (200 * r.counts.linked.pairs) / (r.counts.pred + r.counts.gold);
}

/** Whether the fitted veto (weights over the extras' readings, its threshold) keeps an extra. */
export function vetoKeeps(veto: ExtraVetoWeights): (s: RecordedStatement) => boolean {
  return (s) => isProtected(s.extra!.readings) || probabilityOf(s.extra!.readings, veto.weights) >= veto.threshold;
}

export const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

/** The filter as shipped: weights fitted on all folds' statements, rounded to two decimals (those
 * under 0.01 left out), with the threshold of the best pooled cross-fitted cue F1. */
export interface ModelFilterFit extends ModelFilterWeights {
  l2: number;
  folds: number;
  statements: number;
  right: number;
  /** Pooled cross-fitted linked cue F1 without the filter and with it at the chosen threshold. */
  cueF1Without: number;
  cueF1With: number;
}

function rounded(fitted: Map<string, number>): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const [n, v] of [...fitted].sort((a, b) => a[0].localeCompare(b[0]))) if (Math.abs(v) >= 0.01) weights[n] = Number(v.toFixed(2));
  return weights;
}

export function fitModelFilter(records: readonly RecordedArticle[], gold: ReadonlyMap<string, ScorerGold>, veto: ExtraVetoWeights, folds: number, l2 = 0.001, log: (s: string) => void = () => {}): ModelFilterFit {
  const examples = modelExamples(records);
  const perFold = Array.from({ length: folds }, (_, k) => rounded(fitModelLogistic(examples.filter((x) => x.fold !== k), l2)));
  const keepExtra = vetoKeeps(veto);
  const without = cueF1(scoreRecords(records, gold, keepExtra, () => false));
  let threshold = 0, best = without;
  for (const t of THRESHOLDS) {
    const f1 = cueF1(scoreRecords(records, gold, keepExtra, (s, fold) => probabilityOf(s.model!.readings, perFold[fold]!) < t));
    log(`model filter p < ${t}: pooled cross-fitted cue F1 ${f1.toFixed(2)} (without ${without.toFixed(2)})`);
    if (f1 > best) { best = f1; threshold = t; }
  }
  return { weights: rounded(fitModelLogistic(examples, l2)), threshold, l2, folds, statements: examples.length, right: examples.filter((x) => x.right).length, cueF1Without: Number(without.toFixed(2)), cueF1With: Number(best.toFixed(2)) };
}

/** The source text of the weights module (src/extract/learned/model-filter-weights.ts). */
export function modelFilterModule(fit: ModelFilterFit): string {
  const body = Object.entries(fit.weights).map(([n, v]) => `  ${JSON.stringify(n)}: ${v.toFixed(2)},`).join('\n');
  return `// Generated by src/model/model-filter-training.ts (npm run train; l2 ${fit.l2}, readings seen >= ${MIN_READING_COUNT} times):
// the model-statement filter's logistic regression weights by reading (model-features.ts), fitted on
// the model's statements of all ${fit.folds} cross-fitted folds of the PolNeAR train split (${fit.statements}
// statements, ${fit.right} at a gold cue). Threshold by pooled cross-fitted linked cue F1 on train:
// ${fit.cueF1Without} without the filter, ${fit.cueF1With} with it. Do not edit by hand.

/** Weights by reading name; 'bias' is the intercept. Readings not listed weigh 0. */
export const MODEL_FILTER_WEIGHTS: Readonly<Record<string, number>> = {
${body}
};

/** Model statements whose probability of standing at a gold cue is below this are dropped (0: none). */
export const MODEL_FILTER_THRESHOLD = ${fit.threshold};
`;
}
