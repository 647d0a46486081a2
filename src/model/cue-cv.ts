// Cross-validated cue detection on the train split: a steadier measure of cue-side changes than the
// 96 held-out articles (on which a retrained baseline moves cue F1 by half a point). The train
// articles are split into K folds by a hash of the id; for each fold the cue tagger alone is
// trained on the other folds (same epochs, seed and candidate list as train.ts) and decodes the
// fold at several cue biases. Prints the pooled linked cue P / R / F1 per bias (hearsay's scorer,
// statements with a cue only: linked cue pairing reads only the cues). Never reads dev.
// With --hidden H, a cue network (cue-network.ts) is trained on the same folds as well, and each
// fold is decoded at every (bias, alpha): perceptron emissions + alpha x network scores; alpha 0 is
// the perceptron alone, and --net-only adds the network alone (BIO constraints, no transitions).
// Usage: npx tsx src/model/cue-cv.ts [--folds K] [--biases 0,10,15,20] [--hidden H]
//        [--alphas 0,10,20] [--net-epochs N] [--net-rate R] [--net-bits B] [--net-dropout P]
//        [--net-average] [--net-candidates] (train the network on cue candidates only) [--net-only]

import { newCueTagger, runsOf, AttributionModel, newRoleTagger, CUE_TAGS } from './attribution-model.js';
import { buildTrainingSet, tokenise, type TrainingSequence } from './corpus.js';
import { TRAIN_PATH } from './evaluate.js';
import { hashString } from './hashing.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { DEFAULT_TRAIN_OPTIONS } from './train.js';
import { buildWordClasses } from './word-classes.js';
import { CueCandidates, CueCounts } from './cue-candidates.js';
import { buildTokenTable, cueEmissions, cueFeatures } from './features.js';
import { runSpan } from './predictions.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { seededRandom } from '../core/random.js';
import { FeatureBuffer } from './perceptron.js';
import { DEFAULT_NETWORK_OPTIONS, trainCueNetwork, type CueNetwork } from './cue-network.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = Number(opt('--folds') ?? 5);
const biases = (opt('--biases') ?? '0,5,10,15,20,25').split(',').map(Number);
const hidden = Number(opt('--hidden') ?? 0);
const alphas = hidden > 0 ? (opt('--alphas') ?? '0,10,20,40').split(',').map(Number) : [0];
const netOnly = hidden > 0 && args.includes('--net-only');
const netOptions = {
  ...DEFAULT_NETWORK_OPTIONS,
  epochs: Number(opt('--net-epochs') ?? DEFAULT_NETWORK_OPTIONS.epochs),
  rate: Number(opt('--net-rate') ?? DEFAULT_NETWORK_OPTIONS.rate),
  dropout: Number(opt('--net-dropout') ?? DEFAULT_NETWORK_OPTIONS.dropout),
  average: args.includes('--net-average') || DEFAULT_NETWORK_OPTIONS.average,
};
const netCandidatesOnly = args.includes('--net-candidates');
const netBits = Number(opt('--net-bits') ?? DEFAULT_TRAIN_OPTIONS.bits);
const options = DEFAULT_TRAIN_OPTIONS;
const classes = buildWordClasses();
const articles = readPolnear(TRAIN_PATH).filter((a) => !a.id.includes('#'));
const foldOf = (a: GoldArticle): number => (hashString(a.id) >>> 3) % folds;
const t0 = performance.now();
const log = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);
const sets = Array.from({ length: folds }, (_, k) => buildTrainingSet(articles.filter((a) => foldOf(a) === k), classes, 0, false));
// One prediction list per (alpha, bias) and, with --net-only, per bias for the network alone.
const variants: { name: string; alpha: number; bias: number; perceptron: boolean }[] = [];
for (const alpha of alphas) for (const bias of biases) variants.push({ name: `alpha ${alpha} bias ${bias}`, alpha, bias, perceptron: true });
if (netOnly) for (const bias of [-2, -1, 0, 1, 2, 3]) variants.push({ name: `network alone bias ${bias}`, alpha: 1, bias, perceptron: false });
const preds: PredArticle[][] = variants.map(() => []);
const gold = [];
const buf = new FeatureBuffer();
const zeroBias = new Float64Array(CUE_TAGS);
/** Decodes the network alone: BIO constraints and no transition scores. */
const bioOnly = newCueTagger(1);
for (let k = 0; k < folds; k++) {
  const data: TrainingSequence[] = sets.flatMap((s, j) => (j === k ? [] : s.cue));
  const counts = new CueCounts();
  for (let j = 0; j < folds; j++) if (j !== k) counts.addCounts(sets[j]!.cueCounts);
  const cue = newCueTagger(options.bits);
  const random = seededRandom(options.seed);
  cue.startTraining();
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= options.cueEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) cue.train(data[i]!.seq, data[i]!.gold);
  }
  cue.finishTraining();
  let net: CueNetwork | null = null;
  if (hidden > 0) {
    const t1 = process.cpuUsage();
    const candidates = new CueCandidates(counts.nonCandidates(options.pruneMinCount, options.pruneMaxRate));
    const examples = netCandidatesOnly ? data.map((d) => ({ ...d, train: Uint8Array.from(d.lemmas!, (l) => (candidates.isCandidate(l) ? 1 : 0)) })) : data;
    net = trainCueNetwork(examples, netBits, hidden, { ...netOptions, log });
    const used = process.cpuUsage(t1);
    log(`fold ${k + 1}: network trained in ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`);
  }
  const model = new AttributionModel(cue, newRoleTagger(4), classes, new CueCandidates(counts.nonCandidates(options.pruneMinCount, options.pruneMaxRate)));
  const tags = new Int32Array(4096);
  let e = new Float64Array(0);
  for (const a of articles.filter((x) => foldOf(x) === k)) {
    gold.push(a.scorer);
    const doc = tokenise(a.text, a.id);
    const t = buildTokenTable(doc, classes, model.candidates);
    const statements: PredArticle['statements'][] = variants.map(() => []);
    for (let p = 0; p < t.paraStart.length; p++) {
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      const n = to - from;
      if (n <= 0 || t.paraCandidates[p] === 0) continue;
      const base = cueEmissions(t, from, to, cue.weights, cue.bits, zeroBias, new Float64Array(n * CUE_TAGS), true);
      let scores: Float64Array | null = null;
      if (net) {
        cueFeatures(t, from, to, buf);
        scores = net.sequenceScores(buf.view());
      }
      if (e.length < n * CUE_TAGS) e = new Float64Array(n * CUE_TAGS * 2);
      const tagsOut = tags.length >= n ? tags : new Int32Array(n);
      variants.forEach((v, vi) => {
        for (let i = 0; i < n; i++) {
          const row = i * CUE_TAGS;
          const candidate = t.candidate[from + i];
          for (let tag = 0; tag < CUE_TAGS; tag++) {
            let s = v.perceptron ? base[row + tag]! : candidate ? 0 : base[row + tag]!;
            if (scores && v.alpha !== 0 && candidate) s += v.alpha * scores[row + tag]!;
            if (tag > 0) s += v.bias;
            e[row + tag] = s;
          }
        }
        const decoder = v.perceptron ? cue : bioOnly;
        decoder.decodeEmissions(e, n, tagsOut);
        for (const run of runsOf(tagsOut, n, from, 1)) statements[vi]!.push({ source: [], cue: [runSpan(doc, run)], content: [] });
      });
    }
    variants.forEach((_, vi) => preds[vi]!.push({ id: a.id, statements: statements[vi]! }));
  }
  log(`fold ${k + 1}/${folds} done`);
}
for (let vi = 0; vi < variants.length; vi++) {
  const r = scoreAttributions(gold, preds[vi]!);
  console.log(`${variants[vi]!.name}: linked cue P ${r.linked.cue.p} R ${r.linked.cue.r} F1 ${r.linked.cue.f1}`);
}
