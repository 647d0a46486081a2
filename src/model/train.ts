// Trains the attribution model from PolNeAR's train split and writes the shipped weights file.
// Deterministic: the article order is shuffled each epoch by a seeded PRNG (mulberry32), and
// nothing else is random. `npm run train` runs this with the defaults.
// Usage: npx tsx src/model/train.ts [--train FILE] [--dev FILE] [--out FILE] [--cue-epochs N]
//        [--role-epochs N] [--seed N] [--bits N] [--no-eval]

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AttributionModel, newCueTagger, newRoleTagger } from './attribution-model.js';
import { buildTrainingSet, type TrainingSequence } from './corpus.js';
import { DEV_PATH, evaluate, headline, TRAIN_PATH } from './evaluate.js';
import type { StructuredPerceptron } from './perceptron.js';
import { readPolnear } from './polnear.js';
import { DEFAULT_MODEL_PATH, saveModel } from './weights-file.js';

export interface TrainOptions {
  trainPath: string;
  cueEpochs: number;
  roleEpochs: number;
  seed: number;
  bits: number;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { trainPath: TRAIN_PATH, cueEpochs: 8, roleEpochs: 10, seed: 20161108, bits: 20 };

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

export function train(options: TrainOptions): AttributionModel {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const articles = readPolnear(options.trainPath);
  const set = buildTrainingSet(articles);
  log(`${articles.length} articles: ${set.cue.length} paragraphs, ${set.role.length} attributions (${set.skipped} skipped) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const random = mulberry32(options.seed);
  const cue = newCueTagger(options.bits);
  runEpochs(cue, set.cue, options.cueEpochs, random, 'cue', log);
  const role = newRoleTagger(options.bits);
  runEpochs(role, set.role, options.roleEpochs, random, 'role', log);
  return new AttributionModel(cue, role);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const options: TrainOptions = {
    trainPath: opt('--train') ?? DEFAULT_TRAIN_OPTIONS.trainPath,
    cueEpochs: Number(opt('--cue-epochs') ?? DEFAULT_TRAIN_OPTIONS.cueEpochs),
    roleEpochs: Number(opt('--role-epochs') ?? DEFAULT_TRAIN_OPTIONS.roleEpochs),
    seed: Number(opt('--seed') ?? DEFAULT_TRAIN_OPTIONS.seed),
    bits: Number(opt('--bits') ?? DEFAULT_TRAIN_OPTIONS.bits),
    log: (s) => console.error(`[train ${new Date().toISOString().slice(11, 19)}] ${s}`),
  };
  if (!existsSync(options.trainPath)) {
    console.error(`train: ${options.trainPath} is missing. The PolNeAR train split is research data read from ../shared/data at run time.`);
    process.exit(3);
  }
  const t0 = performance.now();
  const model = train(options);
  const seconds = (performance.now() - t0) / 1000;
  const out = opt('--out') ?? DEFAULT_MODEL_PATH;
  const dev = opt('--dev') ?? DEV_PATH;
  const training: Record<string, unknown> = {
    data: 'PolNeAR train split (networkdynamics/PolNeAR c3eee83, converted JSONL)',
    cueEpochs: options.cueEpochs,
    roleEpochs: options.roleEpochs,
    seed: options.seed,
    bits: options.bits,
  };
  const bytes = saveModel(model, out, training);
  console.error(`trained in ${seconds.toFixed(1)} s; wrote ${out} (${(bytes / 1e6).toFixed(2)} MB)`);
  if (!args.includes('--no-eval') && existsSync(dev)) {
    const s = evaluate(model, dev, opt('--pred'));
    console.log(`dev: ${headline(s)}`);
  }
}
