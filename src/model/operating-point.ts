// The whole pipeline's operating point: what the cue tagger's decoding bias does to the four
// headline scores of issue 3 once the extra-statement veto and the model-statement filter are
// refitted for it, measured by cross-fitting over the train split, never dev.
// For each cue bias:
// - the fold models (cross-fitting.ts; read from --fold-models DIR, or trained as `npm run train`
//   trains them) run the pipeline over their own folds. The records are cached per bias in
//   --cache-dir and read from there when present; --fresh records them again, as it must after the
//   fold models change;
// - each fold's veto and filter are fitted on the other four folds;
// - the filter's threshold is the one of the best pooled cue F1, as training chooses it.
// Prints every row, then one line per bias: the four scores, their mean (the objective bias tuning
// maximises, on the model alone) and each score's slack against the issue's targets, and the bias
// each of the two rules would pick. `npm run train -- --cue-bias N` trains the shipped files at a
// chosen cue bias.
// Usage: npx tsx src/model/operating-point.ts [--fold-models DIR] [--biases 40,50,60,70,80]
//   [--cache-dir DIR] [--fresh]

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probabilityOf } from '../extract/learned/extra-veto.js';
import type { EvalReport } from '../eval/score.js';
import { DEFAULT_FOLDS } from './cross-fitting.js';
import { headlineScores, ISSUE_TARGETS, meanScore, TRAIN_PATH, type HeadlineScores } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';
import { extraExamples, fitExtraVeto, recordExtras, type RecordedArticle, type RecordedStatement } from './extra-veto-training.js';
import { foldModels } from './fold-records.js';
import { cueF1, fitModelLogistic, modelExamples, scoreRecords, THRESHOLDS, vetoKeeps } from './model-filter-training.js';

const KEYS: readonly (keyof HeadlineScores)[] = ['linkedCue', 'linkedSource', 'contentOverlap', 'linkedAllExact'];

/** Each score less its target (positive: met with that much to spare). */
export function floorSlacks(scores: HeadlineScores, targets: Readonly<HeadlineScores> = ISSUE_TARGETS): HeadlineScores {
  return { linkedCue: scores.linkedCue - targets.linkedCue, linkedSource: scores.linkedSource - targets.linkedSource, contentOverlap: scores.contentOverlap - targets.contentOverlap, linkedAllExact: scores.linkedAllExact - targets.linkedAllExact };
}

/** Orders two score sets by the targets as floors: the one whose worst slack is larger is better,
 * then the second worst, and so on (a lexicographic maximin). Slacks are compared at the scorer's
 * printed precision (0.1), so that differences it does not print do not decide. Negative when `a`
 * is better. */
export function compareByFloors(a: HeadlineScores, b: HeadlineScores, targets: Readonly<HeadlineScores> = ISSUE_TARGETS): number {
  const sorted = (s: HeadlineScores): number[] => {
    const slack = floorSlacks(s, targets);
    return KEYS.map((k) => Math.round(slack[k] * 10)).sort((x, y) => x - y);
  };
  const sa = sorted(a), sb = sorted(b);
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i]! - sa[i]!;
  return 0;
}

export interface OperatingPoint {
  cueBias: number;
  threshold: number;
  scores: HeadlineScores;
  report: EvalReport;
}

/** The cross-fitted pipeline scores of one fold pass's records at every filter threshold (0: no
 * filter), each fold's veto and filter fitted on the other folds. */
export function crossFittedPoints(records: readonly RecordedArticle[], gold: Parameters<typeof scoreRecords>[1], folds: number, cueBias: number): OperatingPoint[] {
  const extras = extraExamples(records);
  const veto = Array.from({ length: folds }, (_, k) => vetoKeeps(fitExtraVeto(extras.filter((x) => x.fold !== k), folds)));
  const statements = modelExamples(records);
  const filter = Array.from({ length: folds }, (_, k) => Object.fromEntries(fitModelLogistic(statements.filter((x) => x.fold !== k))));
  const keepExtra = (s: RecordedStatement, fold: number): boolean => veto[fold]!(s);
  return [0, ...THRESHOLDS].map((threshold) => {
    const report = scoreRecords(records, gold, keepExtra, (s, fold) => threshold > 0 && probabilityOf(s.model!.readings, filter[fold]!) < threshold);
    return { cueBias, threshold, scores: headlineScores(report), report };
  });
}

/** The point training would ship for one cue bias: the filter threshold of the best cue F1 (the
 * first of equals, as fitModelFilter keeps it). */
export function trainingsChoice(points: readonly OperatingPoint[]): OperatingPoint {
  let best = points[0]!;
  for (const p of points) if (cueF1(p.report) > cueF1(best.report)) best = p;
  return best;
}

function main(args: string[]): void {
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (args.includes('--help')) {
    console.log('Usage: npx tsx src/model/operating-point.ts [--fold-models DIR] [--biases 40,50,60,70,80] [--cache-dir DIR] [--fresh]\n' +
      'Cross-fitted whole-pipeline scores on the train split at several cue biases (see the header of this file).');
    return;
  }
  if (!existsSync(TRAIN_PATH)) {
    console.error(`operating-point: PolNeAR train not found at ${TRAIN_PATH} (research data in ../shared/data, not shipped)`);
    process.exit(1);
  }
  const biases = (opt('--biases') ?? '40,50,60,70,80').split(',').map(Number);
  if (biases.some((b) => !Number.isFinite(b))) {
    console.error(`operating-point: --biases takes numbers separated by commas, got "${opt('--biases')}"`);
    process.exit(2);
  }
  const cacheDir = opt('--cache-dir') ?? '/tmp/hearsay-operating-point';
  mkdirSync(cacheDir, { recursive: true });
  const folds = DEFAULT_FOLDS;
  const articles = readPolnear(TRAIN_PATH);
  const gold = new Map(articles.map((a) => [a.id, a.scorer]));
  let models: ReturnType<typeof foldModels> | null = null;
  const chosen: OperatingPoint[] = [];
  const fmt = (s: HeadlineScores): string => KEYS.map((k) => s[k].toFixed(1).padStart(5)).join(' ');
  const filterOf = (p: OperatingPoint): string => (p.threshold ? `p < ${p.threshold.toFixed(2)}` : 'off     ');
  for (const cueBias of biases) {
    const cache = join(cacheDir, `records-cue-${cueBias}.json`);
    let records: RecordedArticle[];
    if (existsSync(cache) && !args.includes('--fresh')) {
      records = JSON.parse(readFileSync(cache, 'utf8')) as RecordedArticle[];
    } else {
      models ??= foldModels(articles, { folds, foldModels: opt('--fold-models') });
      for (const f of models) f.model.cue.tagBias.set([0, cueBias, cueBias]);
      const t0 = performance.now();
      records = recordExtras(models);
      writeFileSync(cache, JSON.stringify(records));
      console.error(`cue bias ${cueBias}: fold pass recorded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    const points = crossFittedPoints(records, gold, folds, cueBias);
    for (const p of points) console.log(`cue bias ${String(cueBias).padStart(3)}, filter ${filterOf(p)}: ${fmt(p.scores)}  (cue P/R ${p.report.linked.cue.p}/${p.report.linked.cue.r}, F1 ${cueF1(p.report).toFixed(2)})`);
    chosen.push(trainingsChoice(points));
  }
  console.log('\nat the filter threshold training would choose (cue, source, content overlap, all-exact; mean; slack against the targets):');
  for (const p of chosen) {
    const slack = floorSlacks(p.scores);
    console.log(`cue bias ${String(p.cueBias).padStart(3)}, filter ${filterOf(p)}: ${fmt(p.scores)}  mean ${meanScore(p.scores).toFixed(2)}  slack ${KEYS.map((k) => `${slack[k] >= 0 ? '+' : ''}${slack[k].toFixed(1)}`).join(' ')}`);
  }
  const byMean = chosen.reduce((a, b) => (meanScore(b.scores) > meanScore(a.scores) ? b : a));
  const byFloors = chosen.reduce((a, b) => (compareByFloors(b.scores, a.scores) < 0 ? b : a));
  console.log(`best mean: cue bias ${byMean.cueBias}; best against the targets as floors (lexicographic maximin): cue bias ${byFloors.cueBias}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
