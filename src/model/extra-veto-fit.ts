// Fits and measures the veto over the rules' extra statements (src/extract/learned/extra-veto.ts)
// by cross-fitting over the train split, never dev. The train articles are split into K folds by a
// hash of the id (as cue-cv.ts); for each fold a whole model (cue and role taggers, the shipped
// model's decoding biases) is trained on the other folds, and the pipeline runs over the fold's
// articles with it and no veto. Each extra statement (a rule statement at a cue where the model
// found none) is recorded with its readings (extra-features.ts) and whether its cue overlaps a
// gold cue. The records are cached (--cache FILE) so that fitting is quick to repeat.
// Then: the rate of right extras by reading, and a logistic regression over the readings fitted on
// K-1 folds and applied to the K-th, scored on the pooled pipeline output (hearsay's scorer).
// Usage: npx tsx src/model/extra-veto-fit.ts [--folds 5] [--cache FILE] [--fresh] [--l2 0.001]
//   [--thresholds 0.3,0.35,0.4] [--without PREFIX,...] [--threshold 0.35 --write src/extract/learned/extra-veto-weights.ts]

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Pipeline } from '../core/pipeline.js';
import { overlaps, type Span } from '../core/span.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { DEFAULT_MERGE, makeLearnedStage } from '../extract/learned/stage.js';
import { isProtected, type ExtraVeto } from '../extract/learned/extra-veto.js';
import { extraReadings, type ExtraReadings } from '../extract/learned/extra-features.js';
import { headline, TRAIN_PATH } from './evaluate.js';
import { hashString } from './hashing.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { DEFAULT_TRAIN_OPTIONS, train } from './train.js';
import { loadModel } from './weights-file.js';
import { buildWordClasses } from './word-classes.js';

interface Recorded {
  source: Span[];
  cue: Span[];
  content: Span[];
  /** For an extra statement: its readings and whether it is at a gold cue. */
  extra?: { readings: ExtraReadings; right: boolean; lemma: string };
}
interface ArticleRecord {
  id: string;
  fold: number;
  statements: Recorded[];
}

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = Number(opt('--folds') ?? 5);
const cache = opt('--cache') ?? '/tmp/extra-veto-records.json';
const articles = readPolnear(TRAIN_PATH).filter((a) => !a.id.includes('#'));
const foldOf = (a: GoldArticle): number => (hashString(a.id) >>> 3) % folds;
const byId = new Map(articles.map((a) => [a.id, a]));

function record(): ArticleRecord[] {
  const shipped = loadModel().model;
  const classes = buildWordClasses();
  const out: ArticleRecord[] = [];
  const t0 = performance.now();
  for (let k = 0; k < folds; k++) {
    const model = train(articles.filter((a) => foldOf(a) !== k), DEFAULT_TRAIN_OPTIONS, classes);
    model.cue.tagBias.set(shipped.cue.tagBias);
    model.role.tagBias.set(shipped.role.tagBias);
    // The readings are taken by the stage itself, through a veto that records and keeps everything.
    let seen = new Map<string, ExtraReadings>();
    const recorder: ExtraVeto = (doc, r, rules, learned) => {
      seen.set(`${r.cue.start}:${r.cue.end}`, extraReadings(doc, r, rules, learned));
      return false;
    };
    const pipeline = new Pipeline(DEFAULT_STAGES.map((s) => (s.name === 'learned' ? makeLearnedStage(DEFAULT_MERGE, model, recorder) : s)));
    for (const g of articles.filter((a) => foldOf(a) === k)) {
      seen = new Map();
      const doc = pipeline.run(g.text, g.id);
      const statements: Recorded[] = [];
      for (const s of doc.statements) {
        const r: Recorded = { source: s.source ? [s.source] : [], cue: [s.cue], content: s.content };
        const readings = seen.get(`${s.cue.start}:${s.cue.end}`);
        if (readings) {
          const right = g.attributions.some((a) => a.cue.some((c) => overlaps(c, s.cue)));
          r.extra = { readings, right, lemma: doc.slice(s.cue).toLowerCase() };
        }
        statements.push(r);
      }
      out.push({ id: g.id, fold: k, statements });
    }
    console.error(`fold ${k + 1}/${folds} done at ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return out;
}

const records: ArticleRecord[] = existsSync(cache) && !args.includes('--fresh') ? JSON.parse(readFileSync(cache, 'utf8')) : record();
if (!existsSync(cache) || args.includes('--fresh')) writeFileSync(cache, JSON.stringify(records));

// --without PREFIX,...: readings left out of the fit (to measure what they add).
const without = (opt('--without') ?? '').split(',').filter((x) => x);
for (const a of records) for (const s of a.statements) if (s.extra) for (const name of Object.keys(s.extra.readings)) if (without.some((w) => name.startsWith(w))) delete s.extra.readings[name];
const extras = records.flatMap((a) => a.statements.flatMap((s) => (s.extra ? [{ fold: a.fold, ...s.extra }] : [])));
console.log(`${records.length} train articles in ${folds} folds; ${extras.length} extra statements, ${extras.filter((x) => x.right).length} at a gold cue`);

// The rate of right extras with and without each reading.
const names = [...new Set(extras.flatMap((x) => Object.keys(x.readings)))].sort();
for (const name of names) {
  const on = extras.filter((x) => (x.readings[name] ?? 0) > 0);
  if (on.length < 5) continue;
  const k = on.filter((x) => x.right).length;
  console.log(`  ${name.padEnd(22)} ${String(on.length).padStart(5)} extras, ${String(k).padStart(4)} right (${((100 * k) / on.length).toFixed(0)}%)`);
}

/** Logistic regression by batch gradient descent with a small L2 penalty; returns weights by name. */
function fitLogistic(data: readonly { readings: ExtraReadings; right: boolean }[], l2 = 0.01, rounds = 2000, rate = 0.5): Map<string, number> {
  const w = new Map<string, number>([['bias', 0]]);
  for (const name of names) w.set(name, 0);
  for (let round = 0; round < rounds; round++) {
    const grad = new Map<string, number>();
    for (const x of data) {
      let z = w.get('bias')!;
      for (const [n, v] of Object.entries(x.readings)) z += (w.get(n) ?? 0) * v;
      const err = 1 / (1 + Math.exp(-z)) - (x.right ? 1 : 0);
      grad.set('bias', (grad.get('bias') ?? 0) + err);
      for (const [n, v] of Object.entries(x.readings)) grad.set(n, (grad.get(n) ?? 0) + err * v);
    }
    for (const [n, g] of grad) w.set(n, w.get(n)! - rate * (g / data.length + (n === 'bias' ? 0 : l2 * w.get(n)!)));
  }
  return w;
}
const probability = (w: Map<string, number>, r: ExtraReadings): number => {
  let z = w.get('bias')!;
  for (const [n, v] of Object.entries(r)) z += (w.get(n) ?? 0) * v;
  return 1 / (1 + Math.exp(-z));
};

/** The pooled pipeline score with the extras that keep() rejects dropped. */
function score(keep: (x: Recorded, fold: number) => boolean): string {
  const preds: PredArticle[] = records.map((a) => ({ id: a.id, statements: a.statements.filter((s) => !s.extra || keep(s, a.fold)).map((s) => ({ source: s.source, cue: s.cue, content: s.content })) }));
  const r = scoreAttributions(records.map((a) => byId.get(a.id)!.scorer), preds);
  return `${headline(r)} | cue P/R ${r.linked.cue.p}/${r.linked.cue.r}`;
}
console.log(`all extras kept:    ${score(() => true)}`);
console.log(`no extras:          ${score(() => false)}`);
console.log(`oracle veto:        ${score((s) => s.extra!.right)}`);
// Single readings as a veto: the simplest rule tables.
for (const name of ['nest.inModel', 'sent.modelCue&nest.inModel', 'sent.modelCue']) console.log(`veto ${name}: ${score((s) => !s.extra!.readings[name])}`);
const l2 = Number(opt('--l2') ?? 0.001);
const perFold = Array.from({ length: folds }, (_, k) => fitLogistic(extras.filter((x) => x.fold !== k), l2));
for (const threshold of (opt('--thresholds') ?? '0.3,0.35,0.4,0.45,0.5').split(',').map(Number)) {
  console.log(`cross-fitted veto p < ${threshold}: ${score((s, fold) => probability(perFold[fold]!, s.extra!.readings) >= threshold)}`);
  console.log(`  "say" protected (shipped): ${score((s, fold) => isProtected(s.extra!.readings) || probability(perFold[fold]!, s.extra!.readings) >= threshold)}`);
  for (const extra of (opt('--also-protect') ?? '').split(',').filter((x) => x)) {
    console.log(`  also ${extra} protected: ${score((s, fold) => isProtected(s.extra!.readings) || (s.extra!.readings[extra] ?? 0) > 0 || probability(perFold[fold]!, s.extra!.readings) >= threshold)}`);
  }
}
const all = fitLogistic(extras, l2);
console.log('weights fitted on all folds:');
for (const [n, v] of [...all].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))) if (Math.abs(v) >= 0.05) console.log(`  ${n.padEnd(22)} ${v.toFixed(2)}`);
// --write FILE: the weights fitted on all folds as the veto's weights module (extra-veto-weights.ts).
const write = opt('--write');
if (write) {
  const kept = [...all].filter(([, v]) => Math.abs(v) >= 0.01).sort((a, b) => a[0].localeCompare(b[0]));
  const threshold = Number(opt('--threshold') ?? 0.35);
  const body = kept.map(([n, v]) => `  ${JSON.stringify(n)}: ${v.toFixed(2)},`).join('\n');
  writeFileSync(write, `// Generated by src/model/extra-veto-fit.ts (--l2 ${l2} --threshold ${threshold} --write): the extra-statement
// veto's logistic regression weights by reading (extra-features.ts), fitted on the extras of all ${folds}
// cross-fitted folds of the PolNeAR train split (${extras.length} statements, ${extras.filter((x) => x.right).length} at a gold cue). Do not edit by hand.

/** Weights by reading name; 'bias' is the intercept. Readings not listed weigh 0. */
export const EXTRA_VETO_WEIGHTS: Readonly<Record<string, number>> = {
${body}
};

/** Extras whose probability of standing at a gold cue is below this are dropped (cross-fitted on train). */
export const EXTRA_VETO_THRESHOLD = ${threshold};
`);
  console.log(`wrote ${write}: ${kept.length} weights`);
}
