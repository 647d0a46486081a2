// Trains the attribution model from PolNeAR's train split and writes the shipped weights file.
// 1. One article in ten of the train split (chosen by a hash of its id) is held out; both taggers
//    are trained on the rest and the decoding biases (cue tags vs O; source and content tags vs O)
//    are tuned on the held-out articles by coordinate search. The dev split is never used to tune.
// 2. Both taggers are trained again on the whole train split and saved with the tuned biases.
// Deterministic: the only randomness is the per-epoch shuffle from a seeded PRNG (mulberry32).
// `npm run train` runs this with the defaults; it prints the dev scores at the end when dev exists.
// Usage: npx tsx src/model/train.ts [--train FILE] [--dev FILE] [--out FILE] [--cue-epochs N]
//        [--role-epochs N] [--seed N] [--bits N] [--seeds N] [--prune-min-count N]
//        [--prune-max-rate X] [--alternatives] [--no-tune] [--cue-network]
//        [--no-eval] [--pred FILE] [--held-out-model FILE]

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttributionModel, newCueTagger, newRoleTagger } from './attribution-model.js';
import { buildTrainingSet, type TrainingSequence } from './corpus.js';
import { DEV_PATH, headline, objective, scoreModel, tokeniseAll, TRAIN_PATH } from './evaluate.js';
import { hashString } from './hashing.js';
import type { StructuredPerceptron } from './perceptron.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { DEFAULT_MODEL_PATH, saveModel } from './weights-file.js';
import { buildWordClasses, type WordClassTable } from './word-classes.js';
import { CueCandidates } from './cue-candidates.js';
import { DEFAULT_NETWORK_OPTIONS, SHIPPED_NETWORK, trainShippedCueNetwork } from './cue-network.js';
import { seededRandom } from '../core/random.js';

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
   * false: +0.7 cross-validated cue F1, but 0.6-0.7 ms more per BBC article; docs/model.md). */
  cueNetwork?: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { cueEpochs: 8, roleEpochs: 10, seed: 20161108, bits: 18, negativeEvery: 0, pruneMinCount: 10, pruneMaxRate: 0.01 };

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

export function train(articles: readonly GoldArticle[], options: TrainOptions, classes: WordClassTable | null = buildWordClasses()): AttributionModel {
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
  if (options.cueNetwork) model.setCueNetwork(trainShippedCueNetwork(set.cue, candidates, log));
  return model;
}

/** Held-out articles for tuning: one in ten, by a hash of the id (stable across runs and machines). */
export function isHeldOut(id: string): boolean {
  const hash = id.indexOf('#');
  return hashString(hash < 0 ? id : id.slice(0, hash)) % 10 === 0;
}

export interface TunedBiases {
  cue: number;
  source: number;
  content: number;
}

/** Coordinate search over the decoding biases on held-out articles; returns the best found. */
export function tuneBiases(model: AttributionModel, heldOut: readonly GoldArticle[], log: (s: string) => void): TunedBiases {
  const docs = tokeniseAll(heldOut);
  const apply = (b: TunedBiases): void => {
    model.cue.tagBias.set([0, b.cue, b.cue]);
    model.role.tagBias.set([0, b.source, b.source, b.content, b.content]);
  };
  const best: TunedBiases = { cue: 0, source: 0, content: 0 };
  apply(best);
  let bestScore = objective(scoreModel(model, docs));
  log(`held-out (${heldOut.length} articles) without biases: objective ${bestScore.toFixed(2)}`);
  const grids: Record<keyof TunedBiases, number[]> = {
    cue: [-4, -2, 2, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40],
    source: [-6, -4, -2, -1, 1, 2, 4, 6, 8],
    content: [-6, -4, -2, -1, 1, 2, 4, 6, 8, 10],
  };
  for (const key of ['cue', 'content', 'source'] as const) {
    for (const value of grids[key]) {
      const trial = { ...best, [key]: value };
      apply(trial);
      const s = scoreModel(model, docs);
      const o = objective(s);
      if (o > bestScore) {
        bestScore = o;
        Object.assign(best, trial);
        log(`held-out ${JSON.stringify(trial)}: objective ${o.toFixed(2)} (${headline(s)})`);
      }
    }
  }
  apply(best);
  return best;
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
    cueNetwork: args.includes('--cue-network'),
    log: (s) => console.error(`[train ${new Date().toISOString().slice(11, 19)}] ${s}`),
  };
  const trainPath = opt('--train') ?? TRAIN_PATH;
  if (!existsSync(trainPath)) {
    console.error(`train: ${trainPath} is missing. The PolNeAR train split is research data read from ../shared/data at run time.`);
    process.exit(3);
  }
  const t0 = performance.now();
  // --alternatives adds the other annotators' annotations of the 16 multi-annotated train articles
  // as extra examples (measured: no gain once the biases are tuned; see docs/model.md).
  const alternatives = args.includes('--alternatives');
  const articles = readPolnear(trainPath, alternatives);
  let biases: TunedBiases = { cue: 0, source: 0, content: 0 };
  if (!args.includes('--no-tune')) {
    const rest = articles.filter((a) => !isHeldOut(a.id));
    const held = articles.filter((a) => isHeldOut(a.id) && !a.id.includes('#'));
    const restModel = train(rest, options);
    biases = tuneBiases(restModel, held, options.log!);
    options.log!(`tuned biases ${JSON.stringify(biases)}; training on all ${articles.length} articles`);
    // --held-out-model FILE keeps the model trained without the held-out articles (biases tuned), so
    // that choices made around the model (the learned stage's merge) can be measured on them too:
    // `npx tsx src/model/pipeline-eval.ts ../shared/data/polnear/train.jsonl --held-out --model FILE`.
    const heldOutModel = opt('--held-out-model');
    if (heldOutModel) saveModel(restModel, heldOutModel, { data: 'PolNeAR train split minus the held-out articles', biases });
  }
  const model = train(articles, options);
  model.cue.tagBias.set([0, biases.cue, biases.cue]);
  model.role.tagBias.set([0, biases.source, biases.source, biases.content, biases.content]);
  const seconds = (performance.now() - t0) / 1000;
  const out = opt('--out') ?? DEFAULT_MODEL_PATH;
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
    biases,
  };
  const bytes = saveModel(model, out, training);
  console.error(`trained in ${seconds.toFixed(1)} s; wrote ${out} (${(bytes / 1e6).toFixed(2)} MB)`);
  const dev = opt('--dev') ?? DEV_PATH;
  if (!args.includes('--no-eval') && existsSync(dev)) {
    const s = scoreModel(model, tokeniseAll(readPolnear(dev)), opt('--pred'));
    console.log(`dev: ${headline(s)}`);
  }
}
