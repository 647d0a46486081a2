// Measures the veto over the rules' extra statements (src/extract/learned/extra-veto.ts) by
// cross-fitting over the train split, never dev (the fitting itself is extra-veto-training.ts, which
// `npm run train` runs). The fold models (cross-fitting.ts) decode with the shipped model file's
// biases; the records are cached (--cache FILE) so that fitting is quick to repeat (fold-records.ts).
// Prints the rate of right extras by reading, and the pooled pipeline score (hearsay's scorer) of a
// logistic regression fitted on K-1 folds and applied to the K-th, at several thresholds.
// Usage: npx tsx src/model/extra-veto-fit.ts [--folds 5] [--cache FILE] [--fresh] [--fold-models DIR] [--l2 0.001]
//   [--thresholds 0.3,0.35,0.4] [--without PREFIX,...] [--also-protect READING,...]

import { fitLogistic } from './logistic-regression.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { isProtected, probabilityOf } from '../extract/learned/extra-veto.js';
import { headline, TRAIN_PATH } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';
import { extraExamples, type RecordedStatement } from './extra-veto-training.js';
import { dropReadings, foldRecords, printReadingRates, printWeights } from './fold-records.js';
import { cueF1 } from './model-filter-training.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = Number(opt('--folds') ?? 5);
const cache = opt('--cache') ?? '/tmp/extra-veto-records.json';
const articles = readPolnear(TRAIN_PATH);
const byId = new Map(articles.map((a) => [a.id, a]));

const records = foldRecords(articles, { folds, cache, fresh: args.includes('--fresh'), foldModels: opt('--fold-models'), log: (s) => console.error(s) });
// --without PREFIX,...: readings left out of the fit (to measure what they add).
dropReadings(records, 'extra', (opt('--without') ?? '').split(',').filter((x) => x));
const extras = extraExamples(records);
console.log(`${records.length} train articles in ${folds} folds; ${extras.length} extra statements, ${extras.filter((x) => x.right).length} at a gold cue`);

// The rate of right extras with and without each reading.
printReadingRates(extras, 'extras', 5, 22);

/** The pooled pipeline score with the extras that keep() rejects dropped. */
function score(keep: (x: RecordedStatement, fold: number) => boolean): string {
  const preds: PredArticle[] = records.map((a) => ({ id: a.id, statements: a.statements.filter((s) => !s.extra || keep(s, a.fold)).map((s) => ({ source: s.source, cue: s.cue, content: s.content })) }));
  const r = scoreAttributions(records.map((a) => byId.get(a.id)!.scorer), preds);
  return `${headline(r)} | cue P/R ${r.linked.cue.p}/${r.linked.cue.r} | cue F1 ${cueF1(r).toFixed(2)}`;
}
console.log(`all extras kept:    ${score(() => true)}`);
console.log(`no extras:          ${score(() => false)}`);
console.log(`oracle veto:        ${score((s) => s.extra!.right)}`);
// Single readings as a veto: the simplest rule tables.
for (const name of ['nest.inModel', 'sent.modelCue&nest.inModel', 'sent.modelCue']) console.log(`veto ${name}: ${score((s) => !s.extra!.readings[name])}`);
const l2 = Number(opt('--l2') ?? 0.001);
const perFold = Array.from({ length: folds }, (_, k) => Object.fromEntries(fitLogistic(extras.filter((x) => x.fold !== k), { l2 })));
for (const threshold of (opt('--thresholds') ?? '0.3,0.35,0.4,0.45,0.5').split(',').map(Number)) {
  console.log(`cross-fitted veto p < ${threshold}: ${score((s, fold) => probabilityOf(s.extra!.readings, perFold[fold]!) >= threshold)}`);
  console.log(`  "say" protected (shipped): ${score((s, fold) => isProtected(s.extra!.readings) || probabilityOf(s.extra!.readings, perFold[fold]!) >= threshold)}`);
  for (const extra of (opt('--also-protect') ?? '').split(',').filter((x) => x)) {
    console.log(`  also ${extra} protected: ${score((s, fold) => isProtected(s.extra!.readings) || (s.extra!.readings[extra] ?? 0) > 0 || probabilityOf(s.extra!.readings, perFold[fold]!) >= threshold)}`);
  }
}
const all = fitLogistic(extras, { l2 });
printWeights(all, 0.05, 22);
