// Measures the filter over the model's own statements (src/extract/learned/model-filter.ts) by
// cross-fitting over the train split, never dev (the fitting itself is model-filter-training.ts,
// which `npm run train` runs). The fold models (cross-fitting.ts) decode with the shipped model
// file's biases, or are read from --fold-models DIR (fold-K.bin.gz, K = 0..4, e.g. saved from a
// training run); the records are cached (--cache FILE) so that fitting is quick to repeat (fold-records.ts).
// Prints the rate of right model statements by reading, and the pooled pipeline score (hearsay's
// scorer; the extras as a cross-fitted veto leaves them) without the filter, with an oracle filter,
// and with a regression fitted on K-1 folds and applied to the K-th, at several thresholds.
// Usage: npx tsx src/model/model-filter-fit.ts [--fold-models DIR] [--cache FILE] [--fresh]
//   [--l2 0.001] [--without PREFIX,...]

import { probabilityOf } from '../extract/learned/extra-veto.js';
import { headline, TRAIN_PATH } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';
import { DEFAULT_FOLDS } from './cross-fitting.js';
import { extraExamples, fitExtraVeto, type RecordedStatement } from './extra-veto-training.js';
import { dropReadings, foldRecords, printReadingRates, printWeights } from './fold-records.js';
import { cueF1, fitModelLogistic, modelExamples, scoreRecords, THRESHOLDS, vetoKeeps } from './model-filter-training.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = DEFAULT_FOLDS;
const cache = opt('--cache') ?? '/tmp/model-filter-records.json';
const articles = readPolnear(TRAIN_PATH);
const gold = new Map(articles.map((a) => [a.id, a.scorer]));

const records = foldRecords(articles, { folds, cache, fresh: args.includes('--fresh'), foldModels: opt('--fold-models'), log: (s) => console.error(s) });
// --without PREFIX,...: readings left out of the fit (to measure what they add).
dropReadings(records, 'model', (opt('--without') ?? '').split(',').filter((x) => x));
const examples = modelExamples(records);
console.log(`${records.length} train articles in ${folds} folds; ${examples.length} model statements, ${examples.filter((x) => x.right).length} at a gold cue`);
printReadingRates(examples, 'statements', 50, 30);

// The extras as the shipped veto's recipe leaves them, cross-fitted (fitted without the fold).
const extras = extraExamples(records);
const vetoPerFold = Array.from({ length: folds }, (_, k) => vetoKeeps(fitExtraVeto(extras.filter((x) => x.fold !== k), folds)));
const keepExtra = (s: RecordedStatement, fold: number): boolean => vetoPerFold[fold]!(s);
const line = (drop: (s: RecordedStatement, fold: number) => boolean): string => {
  const r = scoreRecords(records, gold, keepExtra, drop);
  let dropped = 0;
  for (const a of records) for (const s of a.statements) if (s.model && drop(s, a.fold)) dropped++;
  return `${headline(r)} | cue P/R ${r.linked.cue.p}/${r.linked.cue.r}, F1 ${cueF1(r).toFixed(2)} | ${dropped} dropped`;
};
console.log(`no filter:            ${line(() => false)}`);
console.log(`oracle filter:        ${line((s) => !s.model!.right)}`);
for (const name of ['nest.inResolved', 'nest.inResolved&rule.none', 'content.none', 'nest.inResolved&content.none']) console.log(`drop ${name}: ${line((s) => (s.model!.readings[name] ?? 0) > 0)}`);
const l2 = Number(opt('--l2') ?? 0.001);
const t0 = performance.now();
const perFold = Array.from({ length: folds }, (_, k) => Object.fromEntries(fitModelLogistic(examples.filter((x) => x.fold !== k), l2)));
console.error(`${folds} fits in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
for (const t of THRESHOLDS) console.log(`cross-fitted filter p < ${t}: ${line((s, fold) => probabilityOf(s.model!.readings, perFold[fold]!) < t)}`);
const all = fitModelLogistic(examples, l2);
printWeights(all, 0.1, 30);
