// The cross-fitted pipeline records the measuring scripts read (extra-veto-fit.ts for the veto,
// model-filter-fit.ts for the model-statement filter; `npm run train` records its own in its veto
// step): the fold models (cross-fitting.ts) decode with the shipped model file's biases, or are read
// from a directory of fold-K.bin.gz files, and the pipeline's statements over their folds are
// cached in a JSON file so that fitting is quick to repeat. Also what both scripts print of the
// records: the rate of right statements by reading, and a fit's largest weights.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldOf, trainFolds, type Fold } from './cross-fitting.js';
import { recordExtras, type RecordedArticle } from './extra-veto-training.js';
import type { GoldArticle } from './gold-attributions.js';
import { DEFAULT_TRAIN_OPTIONS, train } from './train.js';
import { loadModel } from './weights-file.js';
import { buildWordClasses } from './word-classes.js';

export interface FoldRecordsOptions {
  folds: number;
  /** Where the records are cached; read from there unless `fresh` or absent, written when recorded. */
  cache: string;
  fresh: boolean;
  /** A directory of fold-K.bin.gz (K = 0 .. folds-1) to read the fold models from instead of training them. */
  foldModels?: string;
  log?: (line: string) => void;
}

/** The fold models: read from options.foldModels, or trained and given the shipped file's biases. */
export function foldModels(articles: readonly GoldArticle[], options: Pick<FoldRecordsOptions, 'folds' | 'foldModels'>): Fold[] {
  const { folds, foldModels: dir } = options;
  if (dir) {
    return Array.from({ length: folds }, (_, k) => ({ index: k, model: loadModel(join(dir, `fold-${k}.bin.gz`)).model, articles: articles.filter((a) => foldOf(a.id, folds) === k) }));
  }
  const shipped = loadModel().model;
  const classes = buildWordClasses();
  const out = trainFolds(articles, (part) => train(part, DEFAULT_TRAIN_OPTIONS, classes), folds);
  for (const f of out) {
    f.model.cue.tagBias.set(shipped.cue.tagBias);
    f.model.role.tagBias.set(shipped.role.tagBias);
  }
  return out;
}

/** The pipeline's records over the cross-fitted folds of `articles`, from the cache when it may be used. */
export function foldRecords(articles: readonly GoldArticle[], options: FoldRecordsOptions): RecordedArticle[] {
  if (existsSync(options.cache) && !options.fresh) return JSON.parse(readFileSync(options.cache, 'utf8')) as RecordedArticle[];
  const records = recordExtras(foldModels(articles, options), options.log);
  writeFileSync(options.cache, JSON.stringify(records));
  return records;
}

/** Leaves out of the extras' (or the model statements') readings every name that starts with one
 * of `prefixes` (the scripts' --without, to measure what those readings add). */
export function dropReadings(records: RecordedArticle[], of: 'extra' | 'model', prefixes: readonly string[]): void {
  if (!prefixes.length) return;
  for (const a of records) {
    for (const s of a.statements) {
      const readings = s[of]?.readings;
      if (readings) for (const name of Object.keys(readings)) if (prefixes.some((p) => name.startsWith(p))) delete readings[name];
    }
  }
}

/** Prints, for every reading set in at least `minCount` examples, how many are right. */
export function printReadingRates(examples: readonly { readings: Readonly<Record<string, number>>; right: boolean }[], noun: string, minCount: number, nameWidth: number): void {
  const names = [...new Set(examples.flatMap((x) => Object.keys(x.readings)))].sort();
  for (const name of names) {
    const on = examples.filter((x) => (x.readings[name] ?? 0) > 0);
    if (on.length < minCount) continue;
    const k = on.filter((x) => x.right).length;
    console.log(`  ${name.padEnd(nameWidth)} ${String(on.length).padStart(6)} ${noun}, ${String(k).padStart(6)} right (${((100 * k) / on.length).toFixed(0)}%)`);
  }
}

/** Prints the weights of magnitude at least `minAbs`, largest first. */
export function printWeights(weights: ReadonlyMap<string, number>, minAbs: number, nameWidth: number): void {
  console.log('weights fitted on all folds:');
  for (const [n, v] of [...weights].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))) if (Math.abs(v) >= minAbs) console.log(`  ${n.padEnd(nameWidth)} ${v.toFixed(2)}`);
}
