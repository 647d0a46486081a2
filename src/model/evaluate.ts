// Scores the model on a PolNeAR-format split with hearsay's scorer (src/eval, which is tested to
// agree exactly with ../shared/tools/score-attributions.mjs), optionally writing the PRED jsonl so
// the reference scorer can be run on it too.
// Usage: npx tsx src/model/evaluate.ts [GOLD.jsonl] [--model FILE] [--pred OUT.jsonl] [--json]
//        [--held-out] [--no-prune]

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';
import { scoreAttributions, type EvalReport } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import type { AttributionModel } from './attribution-model.js';
import { tokenise } from './corpus.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { toSpans } from './predictions.js';
import { loadModel } from './weights-file.js';
import { isHeldOut } from './train.js';

export const SHARED_DIR = resolve(PACKAGE_ROOT, '..', 'shared');
export const DEV_PATH = join(SHARED_DIR, 'data', 'polnear', 'dev.jsonl');
export const TRAIN_PATH = join(SHARED_DIR, 'data', 'polnear', 'train.jsonl');

export interface TokenisedArticle {
  gold: GoldArticle;
  doc: ReturnType<typeof tokenise>;
}

export function tokeniseAll(articles: readonly GoldArticle[]): TokenisedArticle[] {
  return articles.map((gold) => ({ gold, doc: tokenise(gold.text, gold.id) }));
}

/** The model's predictions for every article, in the scorer's shape. */
export function predictAll(model: AttributionModel, articles: readonly TokenisedArticle[]): PredArticle[] {
  return articles.map(({ gold, doc }) => ({
    id: gold.id,
    statements: toSpans(doc, model.predict(doc)).map((a) => ({ source: a.source, cue: [a.cue], content: a.content })),
  }));
}

/** Predicts every article and scores the predictions against the gold. */
export function scoreModel(model: AttributionModel, articles: readonly TokenisedArticle[], predPath?: string): EvalReport {
  const preds = predictAll(model, articles);
  if (predPath) writeFileSync(predPath, preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
  return scoreAttributions(articles.map((a) => a.gold.scorer), preds);
}

/** The four headline numbers of issue 3, in its order. */
export function headline(s: EvalReport): string {
  return `linked cue F1 ${s.linked.cue.f1} | linked source F1 ${s.linked.source.f1} | content overlap F1 (role) ${s.role.content.overlap.f1} | linked all-exact F1 ${s.linked.all.f1}`;
}

/** The four headline scores of issue 3 (F1, percent), keyed as its targets are. */
export interface HeadlineScores {
  linkedCue: number;
  linkedSource: number;
  contentOverlap: number;
  linkedAllExact: number;
}

/** Issue 3's acceptance targets on the dev split (floors: each score must reach its own). */
export const ISSUE_TARGETS: Readonly<HeadlineScores> = { linkedCue: 80, linkedSource: 68, contentOverlap: 83, linkedAllExact: 40 };

export function headlineScores(r: EvalReport): HeadlineScores {
  return { linkedCue: r.linked.cue.f1, linkedSource: r.linked.source.f1, contentOverlap: r.role.content.overlap.f1, linkedAllExact: r.linked.all.f1 };
}

/** The mean of the four headline scores. */
export function meanScore(scores: HeadlineScores): number {
  return (scores.linkedCue + scores.linkedSource + scores.contentOverlap + scores.linkedAllExact) / 4;
}

/** One number to maximise when tuning: the mean of the four headline F1s. */
export function objective(s: EvalReport): number {
  return meanScore(headlineScores(s));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const gold = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? DEV_PATH;
  if (!existsSync(gold)) {
    console.error(`evaluate: ${gold} is missing (PolNeAR is research data read from ../shared/data, not shipped).`);
    process.exit(3);
  }
  const t0 = performance.now();
  const { model } = loadModel(opt('--model'));
  const loadMs = performance.now() - t0;
  if (args.includes('--no-prune')) model.prune = false;
  let articles = readPolnear(gold);
  // --held-out: only the train articles train.ts holds out for tuning.
  if (args.includes('--held-out')) articles = articles.filter((a) => isHeldOut(a.id) && !a.id.includes('#'));
  const s = scoreModel(model, tokeniseAll(articles), opt('--pred'));
  if (args.includes('--json')) console.log(JSON.stringify({ ...s, counts: undefined }));
  else {
    console.log(`model loaded in ${loadMs.toFixed(0)} ms; ${s.docs} docs, gold ${s.gold}, predicted ${s.pred}`);
    console.log(headline(s));
    console.log(`linked cue P/R ${s.linked.cue.p}/${s.linked.cue.r}; linked content exact F1 ${s.linked.content.f1}; linked content overlap F1 ${s.linked.contentOverlap.f1}; role cue exact F1 ${s.role.cue.exact.f1}`);
  }
}
