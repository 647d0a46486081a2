// The cue network: a small feed-forward tagger over the cue tagger's own hashed features, whose
// three tag scores (O, B-cue, I-cue) are added, scaled, to the perceptron's cue emissions before
// Viterbi. The perceptron scores each feature for each tag on its own; the network sums a learned
// vector per feature (an embedding row, `hidden` wide), passes the sum through tanh and scores the
// tags from that hidden layer, so it learns conjunctions of features instead of needing them listed.
// Trained per token by cross-entropy with AdaGrad (sparse: a token touches only its features' rows),
// deterministically: zero embeddings, output weights drawn from a seeded PRNG, a seeded shuffle.
// Hand-written: a few dozen lines of arithmetic over typed arrays; no maintained JavaScript library
// trains over hashed sparse features without a dense input layer.

import type { FeatureSequence } from './perceptron.js';
import { seededRandom } from '../core/random.js';

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
  log?: (line: string) => void;
}

export const DEFAULT_NETWORK_OPTIONS: NetworkTrainOptions = { epochs: 4, rate: 0.05, seed: 20161108, dropout: 0, average: false };

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
  /** The hidden layer (after tanh) of the last forward pass. */
  readonly act: Float64Array;

  constructor(bits: number, hidden: number, embed?: Float32Array, hiddenBias?: Float32Array, out?: Float32Array, outBias?: Float32Array) {
    this.bits = bits;
    this.hidden = hidden;
    this.mask = (1 << bits) - 1;
    this.embed = embed ?? new Float32Array((1 << bits) * hidden);
    this.hiddenBias = hiddenBias ?? new Float32Array(hidden);
    this.out = out ?? new Float32Array(hidden * NETWORK_TAGS);
    this.outBias = outBias ?? new Float32Array(NETWORK_TAGS);
    this.act = new Float64Array(hidden);
  }

  /** Fills the hidden layer from feature ids ids[from .. to) and writes the three tag scores
   * (logits) to scores[at .. at + 3). */
  forward(ids: ArrayLike<number>, from: number, to: number, scores: Float64Array, at: number, scale = 1): void {
    const H = this.hidden, E = this.embed, mask = this.mask, act = this.act;
    act.fill(0);
    for (let k = from; k < to; k++) {
      const row = (ids[k]! & mask) * H;
      for (let j = 0; j < H; j++) act[j] += E[row + j]!;
    }
    for (let j = 0; j < H; j++) act[j] = this.hiddenBias[j]! + scale * act[j]!;
    let s0 = this.outBias[0]!, s1 = this.outBias[1]!, s2 = this.outBias[2]!;
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

  /** Tag scores for every position of a sequence (n x 3). */
  sequenceScores(seq: FeatureSequence, scores: Float64Array = new Float64Array(seq.length * NETWORK_TAGS)): Float64Array {
    for (let i = 0; i < seq.length; i++) this.forward(seq.ids, seq.starts[i]!, seq.starts[i + 1]!, scores, i * NETWORK_TAGS);
    return scores;
  }
}

/** The cross-entropy loss of one position and its gradient with respect to every parameter, as
 * AdaGrad consumes it; kept separate from the update so that a test can check it numerically. */
export class NetworkGradient {
  readonly dHidden: Float64Array;
  readonly dOut: Float64Array;
  readonly dOutBias = new Float64Array(NETWORK_TAGS);
  private readonly scores = new Float64Array(NETWORK_TAGS);

  constructor(readonly net: CueNetwork) {
    this.dHidden = new Float64Array(net.hidden);
    this.dOut = new Float64Array(net.hidden * NETWORK_TAGS);
  }

  /** Loss -log p(gold) at one position; fills dHidden (the gradient of the hidden pre-activation,
   * which is also the hidden bias gradient and, times `scale`, each feature's embedding-row
   * gradient), dOut and dOutBias. `scale` multiplies the sum of the embedding rows (dropout). */
  compute(ids: ArrayLike<number>, from: number, to: number, gold: number, scale = 1): number {
    const net = this.net, H = net.hidden, s = this.scores;
    net.forward(ids, from, to, s, 0, scale);
    const act = net.act;
    const m = Math.max(s[0]!, s[1]!, s[2]!);
    const z = Math.exp(s[0]! - m) + Math.exp(s[1]! - m) + Math.exp(s[2]! - m);
    const loss = m + Math.log(z) - s[gold]!;
    for (let t = 0; t < NETWORK_TAGS; t++) this.dOutBias[t] = Math.exp(s[t]! - m) / z - (t === gold ? 1 : 0);
    const W = net.out;
    for (let j = 0; j < H; j++) {
      const a = act[j]!;
      let back = 0;
      for (let t = 0; t < NETWORK_TAGS; t++) {
        this.dOut[j * 3 + t] = a * this.dOutBias[t]!;
        back += W[j * 3 + t]! * this.dOutBias[t]!;
      }
      this.dHidden[j] = back * (1 - a * a);
    }
    return loss;
  }
}

/** A training sequence; `train`, when given, marks the positions to learn from (1) and to skip (0). */
export interface NetworkExample {
  seq: FeatureSequence;
  gold: ArrayLike<number>;
  train?: Uint8Array;
}

/**
 * Trains a network on cue sequences (gold tags O / B / I per position); returns it. Regularised by
 * feature dropout (each feature id of a position is left out with probability `dropout`, the rest
 * scaled by 1 / (1 - dropout)) and, with `average`, by returning the average of the parameters
 * over all steps (the lazy trick of the averaged perceptron: w_avg = w - u / c).
 */
export function trainCueNetwork(data: readonly NetworkExample[], bits: number, hidden: number, options: NetworkTrainOptions): CueNetwork {
  const random = seededRandom(options.seed);
  const net = new CueNetwork(bits, hidden);
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
  let c = 1;
  const grad = new NetworkGradient(net);
  const rate = options.rate, dropout = options.dropout ?? 0, keepScale = 1 / (1 - dropout);
  let kept = new Uint32Array(256);
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let loss = 0, positions = 0;
    for (const d of order) {
      const { seq, gold, train } = data[d]!;
      const { ids, starts } = seq;
      for (let p = 0; p < seq.length; p++) {
        if (train && !train[p]) continue;
        const from = starts[p]!, to = starts[p + 1]!;
        if (kept.length < to - from) kept = new Uint32Array((to - from) * 2);
        let n = 0;
        for (let k = from; k < to; k++) if (dropout === 0 || random() >= dropout) kept[n++] = ids[k]!;
        loss += grad.compute(kept, 0, n, gold[p]!, dropout === 0 ? 1 : keepScale);
        positions++;
        const dh = grad.dHidden;
        for (let k = 0; k < n; k++) {
          const row = (kept[k]! & net.mask) * H;
          for (let j = 0; j < H; j++) {
            const g = dh[j]! * keepScale;
            const acc = (gE[row + j] += g * g);
            const delta = (rate * g) / Math.sqrt(acc);
            E[row + j] -= delta;
            if (uE) uE[row + j] -= c * delta;
          }
        }
        const dense = (w: Float32Array, acc: Float64Array, u: Float64Array, g: Float64Array): void => {
          for (let q = 0; q < w.length; q++) {
            const x = g[q]!;
            acc[q] += x * x;
            const delta = (rate * x) / Math.sqrt(acc[q]!);
            w[q] -= delta;
            u[q] -= c * delta;
          }
        };
        dense(HB, gHB, uHB, dh);
        dense(W, gW, uW, grad.dOut);
        dense(OB, gOB, uOB, grad.dOutBias);
        c++;
      }
    }
    options.log?.(`cue network epoch ${epoch}/${options.epochs}: mean loss ${(loss / positions).toFixed(4)} over ${positions} positions`);
  }
  if (average) {
    for (let i = 0; i < E.length; i++) E[i] -= uE![i]! / c;
    for (const [w, u] of [[HB, uHB], [W, uW], [OB, uOB]] as const) for (let q = 0; q < w.length; q++) w[q] -= u[q]! / c;
  }
  return net;
}
