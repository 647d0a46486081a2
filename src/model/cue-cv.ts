// Cross-validated cue detection on the train split: a steadier measure of cue-side changes than the
// 96 held-out articles (on which a retrained baseline moves cue F1 by half a point). The train
// articles are split into K folds by a hash of the id; for each fold the cue tagger alone is
// trained on the other folds (same epochs, seed and candidate list as train.ts) and decodes the
// fold at several cue biases. Prints the pooled linked cue P / R / F1 per bias (hearsay's scorer,
// statements with a cue only: linked cue pairing reads only the cues). Never reads dev.
// With --hidden H, a cue network (cue-network.ts) is trained on the same folds as well, and each
// fold is decoded at every (bias, alpha): perceptron emissions + alpha x network scores, Viterbi
// with the perceptron's transitions + alpha x the network's; alpha 0 is the perceptron alone, and
// --net-only adds the network alone (its own transitions).
// Usage: npx tsx src/model/cue-cv.ts [--folds K] [--biases 0,10,15,20] [--hidden H]
//        [--alphas 0,10,20] [--net-epochs N] [--net-rate R] [--net-bits B] [--net-dropout P]
//        [--net-no-average] [--net-all-tokens] (train on every token, not only cue candidates)
//        [--net-token] (per-token cross-entropy instead of the CRF) [--net-only]
//        [--stack] (the network also reads the perceptron's margins, cross-fitted) [--gates 50,inf]
//        [--glove W] (the network also reads word vectors of each token and its W neighbours)
// The network defaults are those train.ts uses (cue-network.ts): a CRF, dropout 0.3,
// averaged, cue candidates only, 3 epochs (its shape there: --hidden 8 --net-bits 16, alpha 40).

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
import { FeatureBuffer, type StructuredPerceptron } from './perceptron.js';
import { loadWordVectors, VECTOR_DIMENSIONS } from './word-vectors.js';
import { DEFAULT_NETWORK_OPTIONS, trainCueNetwork, type CueNetwork, type NetworkExample } from './cue-network.js';

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
  average: !args.includes('--net-no-average'),
  crf: !args.includes('--net-token'),
};
const netCandidatesOnly = !args.includes('--net-all-tokens');
// --stack: the network also reads the perceptron's margins, cross-fitted on the training folds (for
// each training fold, a perceptron trained on the other training folds scores it).
const stack = hidden > 0 && args.includes('--stack');
// --glove W: the network also reads pre-trained word vectors (word-vectors.ts) of each token and
// its W neighbours on either side.
const gloveWindow = opt('--glove') === undefined ? -1 : Number(opt('--glove'));
const vectors = hidden > 0 && gloveWindow >= 0 ? loadWordVectors() : null;
const vectorInputs = vectors ? (2 * gloveWindow + 1) * VECTOR_DIMENSIONS : 0;
const MARGIN_SCALE = 100;
const netBits = Number(opt('--net-bits') ?? DEFAULT_TRAIN_OPTIONS.bits);
const options = DEFAULT_TRAIN_OPTIONS;
const classes = buildWordClasses();
const articles = readPolnear(TRAIN_PATH).filter((a) => !a.id.includes('#'));
const foldOf = (a: GoldArticle): number => (hashString(a.id) >>> 3) % folds;
const t0 = performance.now();
const log = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);
const sets = Array.from({ length: folds }, (_, k) => buildTrainingSet(articles.filter((a) => foldOf(a) === k), classes, 0, false));
// One prediction list per (alpha, bias) and, with --net-only, per bias for the network alone.
// --gates: the network scores only tokens whose perceptron margin (best cue tag over O, no bias)
// is above -gate, the others are forced to O (a measured run-time saving, not shipped: it loses
// recall, docs/model.md); "inf" scores every candidate.
const gates = (opt('--gates') ?? 'inf').split(',').map((g) => (g === 'inf' ? Infinity : Number(g)));
const variants: { name: string; alpha: number; bias: number; perceptron: boolean; gate: number }[] = [];
for (const gate of gates) {
  for (const alpha of alphas) for (const bias of biases) variants.push({ name: `${gate < Infinity ? `gate ${gate} ` : ''}alpha ${alpha} bias ${bias}`, alpha, bias, perceptron: true, gate });
}
if (netOnly) for (const bias of [-2, -1, 0, 1, 2, 3]) variants.push({ name: `network alone bias ${bias}`, alpha: 1, bias, perceptron: false, gate: Infinity });
const preds: PredArticle[][] = variants.map(() => []);

/** The cue tagger trained on `data` as train.ts trains it (epochs, seed). */
function trainCueTagger(data: readonly TrainingSequence[]): StructuredPerceptron {
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
  return cue;
}

/** The network's real inputs at each position: the perceptron's B and I scores over O, scaled
 * (0 where the token is no candidate). */
function marginInputs(e: Float64Array, n: number, candidate: (i: number) => boolean): Float64Array {
  const real = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    if (!candidate(i)) continue;
    real[i * 2] = (e[i * 3 + 1]! - e[i * 3]!) / MARGIN_SCALE;
    real[i * 2 + 1] = (e[i * 3 + 2]! - e[i * 3]!) / MARGIN_SCALE;
  }
  return real;
}
const gold = [];
const buf = new FeatureBuffer();
const zeroBias = new Float64Array(CUE_TAGS);
for (let k = 0; k < folds; k++) {
  const data: TrainingSequence[] = sets.flatMap((s, j) => (j === k ? [] : s.cue));
  const counts = new CueCounts();
  for (let j = 0; j < folds; j++) if (j !== k) counts.addCounts(sets[j]!.cueCounts);
  const cue = trainCueTagger(data);
  let net: CueNetwork | null = null;
  if (hidden > 0) {
    const t1 = process.cpuUsage();
    const candidates = new CueCandidates(counts.nonCandidates(options.pruneMinCount, options.pruneMaxRate));
    const isCandidate = (d: TrainingSequence): Uint8Array => Uint8Array.from(d.lemmas!, (l) => (candidates.isCandidate(l) ? 1 : 0));
    let examples: NetworkExample[] = netCandidatesOnly ? data.map((d) => ({ ...d, train: isCandidate(d) })) : data;
    if (vectors) examples = examples.map((d) => ({ ...d, real: vectors.inputs((d as TrainingSequence).lowers!, (d as TrainingSequence).lemmas!, d.seq.length, gloveWindow) }));
    if (stack) {
      examples = [];
      for (let j = 0; j < folds; j++) {
        if (j === k) continue;
        const inner = trainCueTagger(sets.flatMap((s, i) => (i === j || i === k ? [] : s.cue)));
        for (const d of sets[j]!.cue) {
          const c = isCandidate(d);
          const real = marginInputs(inner.emissions(d.seq), d.seq.length, (i) => c[i] === 1);
          examples.push({ ...d, real, train: netCandidatesOnly ? c : undefined });
        }
      }
      log(`fold ${k + 1}: cross-fitted perceptron margins for ${examples.length} training paragraphs`);
    }
    net = trainCueNetwork(examples, netBits, hidden, { ...netOptions, log }, stack ? 2 : vectorInputs);
    const used = process.cpuUsage(t1);
    log(`fold ${k + 1}: network trained in ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`);
  }
  const model = new AttributionModel(cue, newRoleTagger(4), classes, new CueCandidates(counts.nonCandidates(options.pruneMinCount, options.pruneMaxRate)));
  const tags = new Int32Array(4096);
  // Decoders with the network's transitions: alone, and added (times alpha) to the perceptron's.
  const decoders = variants.map((v) => {
    const d = newCueTagger(1);
    for (let q = 0; q < d.transitions.length; q++) d.transitions[q] = (v.perceptron ? cue.transitions[q]! : 0) + v.alpha * (net ? net.transitions[q]! : 0);
    return d;
  });
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
        const real = stack ? marginInputs(base, n, (i) => t.candidate[from + i] === 1) : vectors ? vectors.inputs(t.lower.subarray(from, to), t.lemma.subarray(from, to), n, gloveWindow) : undefined;
        scores = net.sequenceScores(buf.view(), real);
      }
      if (e.length < n * CUE_TAGS) e = new Float64Array(n * CUE_TAGS * 2);
      const tagsOut = tags.length >= n ? tags : new Int32Array(n);
      variants.forEach((v, vi) => {
        for (let i = 0; i < n; i++) {
          const row = i * CUE_TAGS;
          const candidate = t.candidate[from + i];
          for (let tag = 0; tag < CUE_TAGS; tag++) {
            let s = v.perceptron ? base[row + tag]! : candidate ? 0 : base[row + tag]!;
            if (scores && v.alpha !== 0 && candidate) {
              if (Math.max(base[row + 1]!, base[row + 2]!) - base[row]! > -v.gate) s += v.alpha * scores[row + tag]!;
              else if (tag > 0) s = -Infinity;
            }
            if (tag > 0) s += v.bias;
            e[row + tag] = s;
          }
        }
        decoders[vi]!.decodeEmissions(e, n, tagsOut);
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
