// The cue network: a small feed-forward tagger over the cue tagger's own hashed features, whose
// three tag scores (O, B-cue, I-cue) are added, scaled, to the perceptron's cue emissions before
// Viterbi. The perceptron scores each feature for each tag on its own; the network sums a learned
// vector per feature (an embedding row, `hidden` wide: 8), passes the sum through tanh and scores the
// tags from that hidden layer, so it learns conjunctions of features instead of needing them listed.
// Trained through a linear-chain CRF over each paragraph (its own transitions, added weighted to the
// perceptron's at decoding), or per token by cross-entropy, with AdaGrad (sparse: a token touches
// only its features' rows), feature dropout and parameter averaging; deterministically: zero
// embeddings, output weights drawn from a seeded PRNG, a seeded shuffle and dropout. Real-valued
// inputs (`inputs`) carry pre-trained word vectors while training (word-vectors.ts; the shipped
// network is then rebuilt without inputs, their weights folded into per-word parts that
// cueEmissions adds, vector-projection.ts) and the perceptron's margins in the stacking variant
// cue-cv.ts --stack measures. Measured in docs/model.md ("The cue network", "Session 8"); train.ts
// trains it by default (shipped-cue-network.ts; --no-cue-network: not) and the weights file carries it.
// Hand-written: a few hundred lines of arithmetic over typed arrays; no maintained JavaScript
// library trains over hashed sparse features without a dense input layer.

import type { FeatureSequence } from './perceptron.js';
import { seededRandom } from '../core/random.js';
import type { WordVectorProjection } from './vector-projection.js';

export const NETWORK_TAGS = 3;

export interface NetworkTrainOptions {
  epochs: number;
  /** AdaGrad's base learning rate. */
  rate: number;
  seed: number;
  /** Probability of leaving a feature id out of a training position (0: no dropout). */
  dropout?: number;
  /** Return the parameters averaged over all training steps. */
  average?: boolean;
  /** Train through a linear-chain CRF over each sequence (learning transitions too) instead of
   * cross-entropy per position. */
  crf?: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_NETWORK_OPTIONS: NetworkTrainOptions = { epochs: 3, rate: 0.05, seed: 20161108, dropout: 0.3, average: true, crf: true };

/** The network's shape and weight as train.ts trains it, chosen by 5-fold
 * cross-validation on the train split (cue-cv.ts; docs/model.md, "The cue network"). */
export const SHIPPED_NETWORK = { bits: 16, hidden: 8, weight: 40 };

export class CueNetwork {
  readonly bits: number;
  readonly hidden: number;
  readonly mask: number;
  /** (1 << bits) x hidden: one row per hashed feature id. */
  readonly embed: Float32Array;
  readonly hiddenBias: Float32Array;
  /** hidden x NETWORK_TAGS. */
  readonly out: Float32Array;
  readonly outBias: Float32Array;
  /** Real-valued inputs per position besides the feature ids (e.g. the perceptron's margins). */
  readonly inputs: number;
  /** inputs x hidden, and inputs x NETWORK_TAGS (a direct path from the real inputs to the scores). */
  readonly inputHidden: Float32Array;
  readonly inputOut: Float32Array;
  /** 4 x NETWORK_TAGS transition scores (row 3: start), learned when trained as a CRF, else 0. */
  readonly transitions = new Float32Array(4 * NETWORK_TAGS);
  /** The hidden layer (after tanh) of the last forward pass. */
  readonly act: Float64Array;
  /** How much the network's scores count against the perceptron's emissions (scores and
   * transitions are multiplied by it before they are added). */
  weight = 1;
  /** The word-vector inputs folded into per-word parts (vector-projection.ts), which cueEmissions
   * (features.ts) adds to the hidden sums and the tag scores; null without word vectors. Only for
   * the inline shape (sumsInline), where the network was trained with vector inputs and then
   * rebuilt without them (setWordVectors). */
  projection: WordVectorProjection | null = null;
  private readonly tagScores = new Float64Array(NETWORK_TAGS);

  constructor(bits: number, hidden: number, inputs = 0, embed?: Float32Array, hiddenBias?: Float32Array, out?: Float32Array, outBias?: Float32Array, inputHidden?: Float32Array, inputOut?: Float32Array) {
    this.bits = bits;
    this.inputs = inputs;
    this.inputHidden = inputHidden ?? new Float32Array(inputs * hidden);
    this.inputOut = inputOut ?? new Float32Array(inputs * NETWORK_TAGS);
    this.hidden = hidden;
    this.mask = (1 << bits) - 1;
    this.embed = embed ?? new Float32Array((1 << bits) * hidden);
    this.hiddenBias = hiddenBias ?? new Float32Array(hidden);
    this.out = out ?? new Float32Array(hidden * NETWORK_TAGS);
    this.outBias = outBias ?? new Float32Array(NETWORK_TAGS);
    this.act = new Float64Array(hidden);
  }

  /** Fills the hidden layer from feature ids ids[from .. to) and the real inputs real[realAt ..
   * realAt + inputs), and writes the three tag scores (logits) to scores[at .. at + 3). */
  forward(ids: ArrayLike<number>, from: number, to: number, scores: Float64Array, at: number, scale = 1, real?: ArrayLike<number>, realAt = 0): void {
    const H = this.hidden, E = this.embed, mask = this.mask, act = this.act;
    if (H === 8) this.sumRows8(ids, from, to);
    else {
      act.fill(0);
      for (let k = from; k < to; k++) {
        const row = (ids[k]! & mask) * H;
        for (let j = 0; j < H; j++) act[j] += E[row + j]!;
      }
    }
    for (let j = 0; j < H; j++) act[j] = this.hiddenBias[j]! + scale * act[j]!;
    let s0 = this.outBias[0]!, s1 = this.outBias[1]!, s2 = this.outBias[2]!;
    for (let r = 0; r < this.inputs; r++) {
      const x = real![realAt + r]!;
      for (let j = 0; j < H; j++) act[j] += this.inputHidden[r * H + j]! * x;
      s0 += this.inputOut[r * 3]! * x;
      s1 += this.inputOut[r * 3 + 1]! * x;
      s2 += this.inputOut[r * 3 + 2]! * x;
    }
    const W = this.out;
    for (let j = 0; j < H; j++) {
      const a = Math.tanh(act[j]!);
      act[j] = a;
      s0 += W[j * 3]! * a;
      s1 += W[j * 3 + 1]! * a;
      s2 += W[j * 3 + 2]! * a;
    }
    scores[at] = s0;
    scores[at + 1] = s1;
    scores[at + 2] = s2;
  }

  /** The embedding rows of ids[from .. to) summed into act, for 8 hidden units (the shape
   * train.ts uses): the sums stay in locals, as the perceptron's emission loop keeps its tag sums,
   * which makes a position about three times faster than the general loop. */
  private sumRows8(ids: ArrayLike<number>, from: number, to: number): void {
    const E = this.embed, mask = this.mask, act = this.act;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    for (let k = from; k < to; k++) {
      const r = (ids[k]! & mask) << 3;
      a0 += E[r]!; a1 += E[r + 1]!; a2 += E[r + 2]!; a3 += E[r + 3]!;
      a4 += E[r + 4]!; a5 += E[r + 5]!; a6 += E[r + 6]!; a7 += E[r + 7]!;
    }
    act[0] = a0; act[1] = a1; act[2] = a2; act[3] = a3; act[4] = a4; act[5] = a5; act[6] = a6; act[7] = a7;
  }

  /** Whether cueEmissions (features.ts) sums this network's embedding rows itself, in its loop
   * over the perceptron's weight rows, and hands the sums to addHiddenSums8: the shipped shape. */
  get sumsInline(): boolean {
    return this.hidden === 8 && this.inputs === 0;
  }

  /** Sets the word-vector parts the network adds at prediction time (vector-projection.ts). */
  setWordVectors(projection: WordVectorProjection | null): void {
    if (projection && (!this.sumsInline || projection.hidden !== this.hidden)) throw new RangeError('word-vector parts need the inline network shape (8 hidden units, no real inputs)');
    this.projection = projection;
  }

  /** A copy without the real inputs (the shape prediction runs), carrying the word-vector parts
   * that replace them. */
  withoutInputs(projection: WordVectorProjection | null): CueNetwork {
    const net = new CueNetwork(this.bits, this.hidden, 0, this.embed, this.hiddenBias, this.out, this.outBias);
    net.transitions.set(this.transitions);
    net.weight = this.weight;
    net.setWordVectors(projection);
    return net;
  }

  /** Adds weight x the tag scores of one token to the cue emissions e[row .. row + 3), from the
   * token's cue feature ids ids[0 .. count) as cueEmissions hashed them for the perceptron: the
   * network's row is the same hash masked to its own bits. For the shapes not summed inline. */
  addTokenScores(ids: Uint32Array, count: number, e: Float64Array, row: number): void {
    const s = this.tagScores, w = this.weight;
    this.forward(ids, 0, count, s, 0);
    e[row] += w * s[0]!;
    e[row + 1] += w * s[1]!;
    e[row + 2] += w * s[2]!;
  }

  /** The 8 embedding-row sums of one token, as cueEmissions (features.ts) writes them for
   * addHiddenSums8. Handed over in this array, not as eight arguments: addHiddenSums8 is not inlined
   * into cueEmissions, and a double passed to a call that is not inlined is boxed, one heap number
   * each (8 per candidate token, about 80 MB over the BBC set). */
  readonly hiddenSums = new Float64Array(8);
  /** The word-vector score parts of the same token (0 without word vectors), likewise handed over. */
  readonly outSums = new Float64Array(NETWORK_TAGS);

  /** Adds weight x the tag scores of one token to e[row .. row + 3) given its 8 embedding-row sums
   * in hiddenSums (and, with word vectors, its score parts in outSums): forward's arithmetic in the
   * same order, bit for bit without word vectors (hidden bias plus sum, tanh, the output layer from
   * the output bias up; adding outSums' zeros changes no bit), in locals instead of `act` (left as it was). */
  addHiddenSums8(e: Float64Array, row: number): void {
    const h = this.hiddenSums;
    const B = this.hiddenBias, W = this.out, O = this.outBias;
    const a0 = Math.tanh(B[0]! + h[0]!), a1 = Math.tanh(B[1]! + h[1]!), a2 = Math.tanh(B[2]! + h[2]!), a3 = Math.tanh(B[3]! + h[3]!);
    const a4 = Math.tanh(B[4]! + h[4]!), a5 = Math.tanh(B[5]! + h[5]!), a6 = Math.tanh(B[6]! + h[6]!), a7 = Math.tanh(B[7]! + h[7]!);
    const q = this.outSums;
    const s0 = O[0]! + q[0]! + W[0]! * a0 + W[3]! * a1 + W[6]! * a2 + W[9]! * a3 + W[12]! * a4 + W[15]! * a5 + W[18]! * a6 + W[21]! * a7;
    const s1 = O[1]! + q[1]! + W[1]! * a0 + W[4]! * a1 + W[7]! * a2 + W[10]! * a3 + W[13]! * a4 + W[16]! * a5 + W[19]! * a6 + W[22]! * a7;
    const s2 = O[2]! + q[2]! + W[2]! * a0 + W[5]! * a1 + W[8]! * a2 + W[11]! * a3 + W[14]! * a4 + W[17]! * a5 + W[20]! * a6 + W[23]! * a7;
    const w = this.weight;
    e[row] += w * s0;
    e[row + 1] += w * s1;
    e[row + 2] += w * s2;
  }

  /** Tag scores for every position of a sequence (n x 3); `real` holds n x inputs real inputs. */
  sequenceScores(seq: FeatureSequence, real?: ArrayLike<number>, scores: Float64Array = new Float64Array(seq.length * NETWORK_TAGS)): Float64Array {
    for (let i = 0; i < seq.length; i++) this.forward(seq.ids, seq.starts[i]!, seq.starts[i + 1]!, scores, i * NETWORK_TAGS, 1, real, i * this.inputs);
    return scores;
  }
}

/** The cross-entropy loss of one position and its gradient with respect to every parameter, as
 * AdaGrad consumes it; kept separate from the update so that a test can check it numerically. */
export class NetworkGradient {
  readonly dHidden: Float64Array;
  readonly dOut: Float64Array;
  readonly dOutBias = new Float64Array(NETWORK_TAGS);
  readonly dInputHidden: Float64Array;
  readonly dInputOut: Float64Array;
  private readonly scores = new Float64Array(NETWORK_TAGS);

  constructor(readonly net: CueNetwork) {
    this.dHidden = new Float64Array(net.hidden);
    this.dOut = new Float64Array(net.hidden * NETWORK_TAGS);
    this.dInputHidden = new Float64Array(net.inputs * net.hidden);
    this.dInputOut = new Float64Array(net.inputs * NETWORK_TAGS);
  }

  /** Loss -log p(gold) at one position; fills dHidden (the gradient of the hidden pre-activation,
   * which is also the hidden bias gradient and, times `scale`, each feature's embedding-row
   * gradient), dOut and dOutBias. `scale` multiplies the sum of the embedding rows (dropout). */
  compute(ids: ArrayLike<number>, from: number, to: number, gold: number, scale = 1, real?: ArrayLike<number>, realAt = 0): number {
    const net = this.net, H = net.hidden, s = this.scores;
    net.forward(ids, from, to, s, 0, scale, real, realAt);
    const act = net.act;
    const m = Math.max(s[0]!, s[1]!, s[2]!);
    const z = Math.exp(s[0]! - m) + Math.exp(s[1]! - m) + Math.exp(s[2]! - m);
    const loss = m + Math.log(z) - s[gold]!;
    const dz = this.dOutBias;
    for (let t = 0; t < NETWORK_TAGS; t++) dz[t] = Math.exp(s[t]! - m) / z - (t === gold ? 1 : 0);
    this.backward(dz, real, realAt);
    return loss;
  }

  /** The gradients of every parameter given the gradient of the three tag scores of the last
   * forward pass (dz, copied to dOutBias). */
  backward(dz: ArrayLike<number>, real?: ArrayLike<number>, realAt = 0): void {
    const net = this.net, H = net.hidden, act = net.act, W = net.out;
    for (let t = 0; t < NETWORK_TAGS; t++) this.dOutBias[t] = dz[t]!;
    for (let j = 0; j < H; j++) {
      const a = act[j]!;
      let back = 0;
      for (let t = 0; t < NETWORK_TAGS; t++) {
        this.dOut[j * 3 + t] = a * this.dOutBias[t]!;
        back += W[j * 3 + t]! * this.dOutBias[t]!;
      }
      this.dHidden[j] = back * (1 - a * a);
    }
    for (let r = 0; r < net.inputs; r++) {
      const x = real![realAt + r]!;
      for (let j = 0; j < H; j++) this.dInputHidden[r * H + j] = x * this.dHidden[j]!;
      for (let t = 0; t < NETWORK_TAGS; t++) this.dInputOut[r * 3 + t] = x * this.dOutBias[t]!;
    }
  }
}

const LOG_ZERO = -1e30;

/**
 * The linear-chain CRF loss of one sequence over tags O, B, I (I only after B or I) with scores
 * z (n x 3) and transitions (4 x 3, row 3 the start): fills dz (n x 3) with the tag marginals minus
 * the gold indicators and adds the transition gradient to dTransitions; returns -log p(gold).
 * `allowed` (n x 3, optional) forbids tags at positions; a gold tag is always allowed.
 */
export function crfLoss(z: Float64Array, n: number, gold: ArrayLike<number>, transitions: ArrayLike<number>, allowed: Uint8Array | null, dz: Float64Array, dTransitions: Float64Array): number {
  const T = NETWORK_TAGS;
  const ok = (i: number, t: number): boolean => gold[i] === t || !allowed || allowed[i * T + t] === 1;
  const tr = (p: number, t: number): number => (t === 2 && p !== 1 && p !== 2 ? LOG_ZERO : transitions[p * T + t]!);
  const alpha = new Float64Array(n * T), beta = new Float64Array(n * T);
  const lse = (a: number, b: number): number => (a === LOG_ZERO ? b : b === LOG_ZERO ? a : a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b)));
  for (let t = 0; t < T; t++) alpha[t] = ok(0, t) ? tr(3, t) + z[t]! : LOG_ZERO;
  for (let i = 1; i < n; i++) {
    for (let t = 0; t < T; t++) {
      let acc = LOG_ZERO;
      if (ok(i, t)) for (let p = 0; p < T; p++) if (alpha[(i - 1) * T + p]! > LOG_ZERO && tr(p, t) > LOG_ZERO) acc = lse(acc, alpha[(i - 1) * T + p]! + tr(p, t));
      alpha[i * T + t] = acc === LOG_ZERO ? LOG_ZERO : acc + z[i * T + t]!;
    }
  }
  for (let t = 0; t < T; t++) beta[(n - 1) * T + t] = 0;
  for (let i = n - 2; i >= 0; i--) {
    for (let p = 0; p < T; p++) {
      let acc = LOG_ZERO;
      for (let t = 0; t < T; t++) {
        if (!ok(i + 1, t) || tr(p, t) === LOG_ZERO) continue;
        acc = lse(acc, tr(p, t) + z[(i + 1) * T + t]! + beta[(i + 1) * T + t]!);
      }
      beta[i * T + p] = acc;
    }
  }
  let logZ = LOG_ZERO;
  for (let t = 0; t < T; t++) if (alpha[(n - 1) * T + t]! > LOG_ZERO) logZ = lse(logZ, alpha[(n - 1) * T + t]!);
  let goldScore = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i]!;
    goldScore += z[i * T + g]! + transitions[(i === 0 ? 3 : gold[i - 1]!) * T + g]!;
    for (let t = 0; t < T; t++) {
      const a = alpha[i * T + t]!;
      dz[i * T + t] = (a === LOG_ZERO ? 0 : Math.exp(a + beta[i * T + t]! - logZ)) - (t === g ? 1 : 0);
    }
    dTransitions[(i === 0 ? 3 : gold[i - 1]!) * T + g] -= 1;
  }
  for (let t = 0; t < T; t++) if (alpha[t]! > LOG_ZERO) dTransitions[3 * T + t] += Math.exp(alpha[t]! + beta[t]! - logZ);
  for (let i = 1; i < n; i++) {
    for (let p = 0; p < T; p++) {
      const a = alpha[(i - 1) * T + p]!;
      if (a === LOG_ZERO) continue;
      for (let t = 0; t < T; t++) {
        if (!ok(i, t) || tr(p, t) === LOG_ZERO) continue;
        dTransitions[p * T + t] += Math.exp(a + tr(p, t) + z[i * T + t]! + beta[i * T + t]! - logZ);
      }
    }
  }
  return logZ - goldScore;
}

/** A training sequence; `train`, when given, marks the positions to learn from (1) and to skip (0). */
export interface NetworkExample {
  seq: FeatureSequence;
  gold: ArrayLike<number>;
  train?: Uint8Array;
  /** n x inputs real-valued inputs (when the network has any)... */
  real?: Float64Array;
  /** ... or a function that makes them when the sequence is trained on (word vectors: 300 inputs
   * a position would hold about 1.5 GB for the train split at once). */
  realOf?: () => Float64Array;
}

/**
 * Trains a network on cue sequences (gold tags O / B / I per position); returns it. Regularised by
 * feature dropout (each feature id of a position is left out with probability `dropout`, the rest
 * scaled by 1 / (1 - dropout)) and, with `average`, by returning the average of the parameters
 * over all steps (the lazy trick of the averaged perceptron: w_avg = w - u / c).
 */
export function trainCueNetwork(data: readonly NetworkExample[], bits: number, hidden: number, options: NetworkTrainOptions, inputs = 0): CueNetwork {
  const random = seededRandom(options.seed);
  const net = new CueNetwork(bits, hidden, inputs);
  const scale = 1 / Math.sqrt(hidden);
  for (let i = 0; i < net.out.length; i++) net.out[i] = (random() * 2 - 1) * scale;
  const H = hidden, E = net.embed, W = net.out, HB = net.hiddenBias, OB = net.outBias;
  // AdaGrad accumulators, started at a small value so that the first steps are bounded.
  const START = 0.1;
  const gE = new Float32Array(E.length).fill(START);
  const gHB = new Float64Array(H).fill(START), gW = new Float64Array(W.length).fill(START), gOB = new Float64Array(NETWORK_TAGS).fill(START);
  const average = options.average ?? false;
  const uE = average ? new Float64Array(E.length) : null;
  const uHB = new Float64Array(H), uW = new Float64Array(W.length), uOB = new Float64Array(NETWORK_TAGS);
  const IH = net.inputHidden, IO = net.inputOut;
  const gIH = new Float64Array(IH.length).fill(START), gIO = new Float64Array(IO.length).fill(START);
  const uIH = new Float64Array(IH.length), uIO = new Float64Array(IO.length);
  let c = 1;
  const grad = new NetworkGradient(net);
  const rate = options.rate, dropout = options.dropout ?? 0, keepScale = 1 / (1 - dropout);
  let kept = new Uint32Array(1024);
  const keptStarts: number[] = [];
  // CRF scratch: scores, their gradient, the transitions' gradient and AdaGrad state.
  let z = new Float64Array(0), dz = new Float64Array(0), allowed = new Uint8Array(0);
  const dTr = new Float64Array(net.transitions.length), gTr = new Float64Array(net.transitions.length).fill(START), uTr = new Float64Array(net.transitions.length);
  const zeroReal = new Float64Array(0);
  /** Applies the gradient of the last backward pass for the position whose kept ids are kept[from .. to). */
  const update = (from: number, to: number): void => {
    const dh = grad.dHidden;
    for (let k = from; k < to; k++) {
      const row = (kept[k]! & net.mask) * H;
      for (let j = 0; j < H; j++) {
        const g = dh[j]! * keepScale;
        const acc = (gE[row + j] += g * g);
        const delta = (rate * g) / Math.sqrt(acc);
        E[row + j] -= delta;
        if (uE) uE[row + j] -= c * delta;
      }
    }
    dense(HB, gHB, uHB, dh);
    dense(W, gW, uW, grad.dOut);
    dense(OB, gOB, uOB, grad.dOutBias);
    if (inputs) {
      dense(IH, gIH, uIH, grad.dInputHidden);
      dense(IO, gIO, uIO, grad.dInputOut);
    }
    c++;
  };
  const dense = (w: Float32Array, acc: Float64Array, u: Float64Array, g: ArrayLike<number>): void => {
    for (let q = 0; q < w.length; q++) {
      const x = g[q]!;
      acc[q] += x * x;
      const delta = (rate * x) / Math.sqrt(acc[q]!);
      w[q] -= delta;
      u[q] -= c * delta;
    }
  };
  /** Draws the kept feature ids of position p (dropout) into kept[], from `at`; returns the end. */
  const keep = (ids: Uint32Array, from: number, to: number, at: number): number => {
    if (kept.length < at + to - from) {
      const grown = new Uint32Array((at + to - from) * 2);
      grown.set(kept);
      kept = grown;
    }
    for (let k = from; k < to; k++) if (dropout === 0 || random() >= dropout) kept[at++] = ids[k]!;
    return at;
  };
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0, positions = 0;
    const sumScale = dropout === 0 ? 1 : keepScale;
    for (const d of order) {
      const example = data[d]!;
      const { seq, gold, train } = example;
      const real = example.real ?? example.realOf?.();
      const { ids, starts } = seq;
      const n = seq.length;
      if (!options.crf) {
        for (let p = 0; p < n; p++) {
          if (train && !train[p]) continue;
          const end = keep(ids, starts[p]!, starts[p + 1]!, 0);
          loss += grad.compute(kept, 0, end, gold[p]!, sumScale, real, p * inputs);
          positions++;
          update(0, end);
        }
        continue;
      }
      // CRF: score every trainable position, take the sequence's marginals, back-propagate each.
      if (z.length < n * NETWORK_TAGS) {
        z = new Float64Array(n * NETWORK_TAGS * 2);
        dz = new Float64Array(n * NETWORK_TAGS * 2);
        allowed = new Uint8Array(n * NETWORK_TAGS * 2);
      }
      keptStarts.length = 0;
      let at = 0;
      for (let p = 0; p < n; p++) {
        keptStarts.push(at);
        const row = p * NETWORK_TAGS;
        if (train && !train[p]) {
          z[row] = z[row + 1] = z[row + 2] = 0;
          allowed[row] = 1;
          allowed[row + 1] = allowed[row + 2] = 0;
          continue;
        }
        allowed[row] = allowed[row + 1] = allowed[row + 2] = 1;
        at = keep(ids, starts[p]!, starts[p + 1]!, at);
        net.forward(kept, keptStarts[p]!, at, z, row, sumScale, real ?? zeroReal, p * inputs);
      }
      keptStarts.push(at);
      dTr.fill(0);
      loss += crfLoss(z, n, gold, net.transitions, allowed, dz, dTr);
      positions += n;
      for (let p = 0; p < n; p++) {
        if (train && !train[p]) continue;
        const row = p * NETWORK_TAGS;
        net.forward(kept, keptStarts[p]!, keptStarts[p + 1]!, z, row, sumScale, real ?? zeroReal, p * inputs);
        grad.backward(dz.subarray(row, row + NETWORK_TAGS), real, p * inputs);
        update(keptStarts[p]!, keptStarts[p + 1]!);
      }
      for (let q = 0; q < dTr.length; q++) {
        const x = dTr[q]!;
        gTr[q] += x * x;
        const delta = (rate * x) / Math.sqrt(gTr[q]!);
        net.transitions[q] -= delta;
        uTr[q] -= c * delta;
      }
    }
    options.log?.(`cue network epoch ${epoch}/${options.epochs}: mean loss ${(loss / positions).toFixed(4)} over ${positions} positions`);
  }
  if (average) {
    for (let i = 0; i < E.length; i++) E[i] -= uE![i]! / c;
    for (const [w, u] of [[HB, uHB], [W, uW], [OB, uOB], [IH, uIH], [IO, uIO], [net.transitions, uTr]] as const) for (let q = 0; q < w.length; q++) w[q] -= u[q]! / c;
  }
  return net;
}
