// Fitting the veto over the rules' extra statements (src/extract/learned/extra-veto.ts) on the train
// split, never dev: each cross-fitted fold model (cross-fitting.ts, decoding biases set) runs the
// whole pipeline over its own fold with no veto, and the learned stage itself records the readings
// (extra-features.ts) of every extra statement (a rule statement at a cue the model did not find)
// and whether its cue overlaps a gold cue. A logistic regression over the readings of all folds'
// extras is the veto; the weights module it ships as (extra-veto-weights.ts) is generated here.
// `npm run train` fits it after the model; src/model/extra-veto-fit.ts measures it.

import { fitLogistic } from './logistic-regression.js';
import { Pipeline } from '../core/pipeline.js';
import { overlaps, type Span } from '../core/span.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { DEFAULT_MERGE, makeLearnedStage } from '../extract/learned/stage.js';
import type { ExtraVeto, ExtraVetoWeights } from '../extract/learned/extra-veto.js';
import { extraReadings, type ExtraReadings } from '../extract/learned/extra-features.js';
import type { ModelFilter } from '../extract/learned/model-filter.js';
import { modelReadings, type ModelReadings } from '../extract/learned/model-features.js';
import type { Fold } from './cross-fitting.js';

/** A statement of the pipeline's output; an extra one carries its readings and whether it is at a
 * gold cue, and so does one of the model's own readings (for the model-statement filter). */
export interface RecordedStatement {
  source: Span[];
  cue: Span[];
  content: Span[];
  extra?: { readings: ExtraReadings; right: boolean; lemma: string };
  model?: { readings: ModelReadings; right: boolean };
}
export interface RecordedArticle {
  id: string;
  fold: number;
  statements: RecordedStatement[];
}

/** The pipeline's statements over every fold's articles (no veto, no filter), each extra and each
 * of the model's own statements with its readings. */
export function recordExtras(folds: readonly Fold[], log: (s: string) => void = () => {}): RecordedArticle[] {
  const out: RecordedArticle[] = [];
  for (const fold of folds) {
    // The readings are taken by the stage itself, through a veto that records and keeps everything.
    let seen = new Map<string, ExtraReadings>();
    const recorder: ExtraVeto = (doc, r, rules, resolved, cueScores) => {
      seen.set(`${r.cue.start}:${r.cue.end}`, extraReadings(doc, r, rules, resolved, cueScores));
      return false;
    };
    let seenModel = new Map<string, ModelReadings>();
    const modelRecorder: ModelFilter = (doc, m, agreed, rules, resolved) => {
      seenModel.set(`${m.cue.start}:${m.cue.end}`, modelReadings(doc, m, agreed, rules, resolved));
      return false;
    };
    const pipeline = new Pipeline(DEFAULT_STAGES.map((s) => (s.name === 'learned' ? makeLearnedStage(DEFAULT_MERGE, fold.model, recorder, modelRecorder) : s)));
    for (const g of fold.articles) {
      seen = new Map();
      seenModel = new Map();
      const doc = pipeline.run(g.text, g.id);
      const statements: RecordedStatement[] = [];
      for (const s of doc.statements) {
        const r: RecordedStatement = { source: s.source ? [s.source] : [], cue: [s.cue], content: s.content };
        const right = g.attributions.some((a) => a.cue.some((c) => overlaps(c, s.cue)));
        const readings = seen.get(`${s.cue.start}:${s.cue.end}`);
        if (readings) r.extra = { readings, right, lemma: doc.slice(s.cue).toLowerCase() };
        const mine = seenModel.get(`${s.cue.start}:${s.cue.end}`);
        if (mine) r.model = { readings: mine, right };
        statements.push(r);
      }
      out.push({ id: g.id, fold: fold.index, statements });
    }
    log(`extras of fold ${fold.index + 1}/${folds.length} recorded`);
  }
  return out;
}

/** One extra statement as the regression sees it. */
export interface ExtraExample {
  fold: number;
  readings: ExtraReadings;
  right: boolean;
}

export function extraExamples(records: readonly RecordedArticle[]): ExtraExample[] {
  return records.flatMap((a) => a.statements.flatMap((s) => (s.extra ? [{ fold: a.fold, readings: s.extra.readings, right: s.extra.right }] : [])));
}

/** The veto as shipped: the weights of a fit on all the examples, rounded to two decimals, those
 * under 0.01 left out (the weights module holds exactly these). */
export interface ExtraVetoFit extends ExtraVetoWeights {
  l2: number;
  folds: number;
  extras: number;
  right: number;
}

export function fitExtraVeto(examples: readonly ExtraExample[], folds: number, l2 = 0.001, threshold = 0.35): ExtraVetoFit {
  const weights: Record<string, number> = {};
  const fitted = [...fitLogistic(examples, { l2 })].sort((a, b) => a[0].localeCompare(b[0]));
  for (const [n, v] of fitted) if (Math.abs(v) >= 0.01) weights[n] = Number(v.toFixed(2));
  return { weights, threshold, l2, folds, extras: examples.length, right: examples.filter((x) => x.right).length };
}

/** The source text of the weights module (src/extract/learned/extra-veto-weights.ts). */
export function extraVetoModule(fit: ExtraVetoFit): string {
  const body = Object.entries(fit.weights).map(([n, v]) => `  ${JSON.stringify(n)}: ${v.toFixed(2)},`).join('\n');
  return `// Generated by src/model/extra-veto-training.ts (npm run train; l2 ${fit.l2}, threshold ${fit.threshold}): the
// extra-statement veto's logistic regression weights by reading (extra-features.ts), fitted on the
// extras of all ${fit.folds} cross-fitted folds of the PolNeAR train split (${fit.extras} statements, ${fit.right} at a gold cue).
// Do not edit by hand.

/** Weights by reading name; 'bias' is the intercept. Readings not listed weigh 0. */
export const EXTRA_VETO_WEIGHTS: Readonly<Record<string, number>> = {
${body}
};

/** Extras whose probability of standing at a gold cue is below this are dropped (cross-fitted on train). */
export const EXTRA_VETO_THRESHOLD = ${fit.threshold};
`;
}
