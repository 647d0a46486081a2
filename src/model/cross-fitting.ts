// The train split in K folds by a hash of the article id (the folds of cue-cv.ts and rerank-cv.ts),
// and per fold a whole model trained on the other folds. Training tunes the decoding biases on these
// fold models (bias-tuning.ts) and fits the extra-statement veto and the model-statement filter on
// them (extra-veto-training.ts, model-filter-training.ts), so that all three see the model on text
// it was not trained on, over all the train articles rather than a tenth of them. The dev split is
// never read here.

import type { AttributionModel } from './attribution-model.js';
import type { GoldArticle } from './gold-attributions.js';
import { hashString } from './hashing.js';

export const DEFAULT_FOLDS = 5;

/** The fold of an article; another annotator's version ("id#2") goes with its article. */
export function foldOf(id: string, folds: number = DEFAULT_FOLDS): number {
  const hash = id.indexOf('#');
  return (hashString(hash < 0 ? id : id.slice(0, hash)) >>> 3) % folds;
}

/** A model trained without one fold, and that fold's articles (one version of each). */
export interface Fold {
  index: number;
  model: AttributionModel;
  articles: GoldArticle[];
}

/** Trains one model per fold on the other folds' articles with the given trainer. */
export function trainFolds(articles: readonly GoldArticle[], trainModel: (articles: readonly GoldArticle[]) => AttributionModel, folds: number = DEFAULT_FOLDS): Fold[] {
  const out: Fold[] = [];
  for (let k = 0; k < folds; k++) {
    const model = trainModel(articles.filter((a) => foldOf(a.id, folds) !== k));
    out.push({ index: k, model, articles: articles.filter((a) => foldOf(a.id, folds) === k && !a.id.includes('#')) });
  }
  return out;
}
