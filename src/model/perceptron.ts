// The averaged structured perceptron (Collins 2002) with first-order Viterbi decoding: the one
// learner both taggers use. Features are hashed 32-bit ids; a weight lives at (id & mask) * tags + tag
// in one Float32Array, transitions in a small (tags + 1) x tags matrix (the extra row is "start").
// Averaging uses the usual lazy trick (w_avg = w - u / c). Hand-written: no maintained JavaScript
// library offers a structured perceptron over hashed features with typed-array weights.

/** The features of a sequence: ids for position i are ids[starts[i] .. starts[i + 1]). */
export interface FeatureSequence {
  length: number;
  ids: Uint32Array;
  starts: Uint32Array;
}

/** The most features one position may add (the templates add about 50). */
export const MAX_FEATURES_PER_POSITION = 96;

/** Collects hashed features position by position into reusable typed arrays. Capacity for a whole
 * position is reserved when it opens, so add() is a plain store. */
export class FeatureBuffer {
  private ids = new Uint32Array(8192);
  private starts = new Uint32Array(257);
  private n = 0;
  private size = 0;

  reset(): void {
    this.n = 0;
    this.size = 0;
    this.starts[0] = 0;
    this.reserve();
  }

  private reserve(): void {
    if (this.size + MAX_FEATURES_PER_POSITION > this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
  }

  add(id: number): void {
    this.ids[this.size++] = id;
  }

  /** Closes the current position. */
  next(): void {
    if (this.n + 2 > this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2);
      grown.set(this.starts);
      this.starts = grown;
    }
    this.starts[++this.n] = this.size;
    this.reserve();
  }

  /** A view of the positions collected so far (valid until the next reset). */
  view(): FeatureSequence {
    return { length: this.n, ids: this.ids, starts: this.starts };
  }

  /** A copy that survives reset (for training sets kept in memory). */
  copy(): FeatureSequence {
    return { length: this.n, ids: this.ids.slice(0, this.size), starts: this.starts.slice(0, this.n + 1) };
  }
}

export class StructuredPerceptron {
  readonly tags: number;
  readonly bits: number;
  readonly mask: number;
  weights: Float32Array;
  /** (tags + 1) x tags: row `tags` holds the start transitions. */
  transitions: Float32Array;
  /** Transitions that are never allowed (e.g. O -> I in BIO), as 1 in a (tags + 1) x tags matrix. */
  readonly forbidden: Uint8Array;

  /** Added to each tag's emission score when decoding with the final weights (tuned on held-out
   * data: a positive bias on the cue tags trades precision for recall). */
  tagBias: Float64Array;

  // Training state (absent in a loaded model).
  private wTrain: Float64Array | null = null;
  private uTrain: Float64Array | null = null;
  private tTrain: Float64Array | null = null;
  private tuTrain: Float64Array | null = null;
  private step = 1;

  // Decoding scratch.
  private emit = new Float64Array(0);
  private delta = new Float64Array(0);
  private back = new Int32Array(0);

  constructor(tags: number, bits: number, forbidden: Uint8Array, weights?: Float32Array, transitions?: Float32Array) {
    this.tags = tags;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.forbidden = forbidden;
    this.weights = weights ?? new Float32Array((1 << bits) * tags);
    this.transitions = transitions ?? new Float32Array((tags + 1) * tags);
    this.tagBias = new Float64Array(tags);
  }

  startTraining(): void {
    this.wTrain = new Float64Array(this.weights.length);
    this.uTrain = new Float64Array(this.weights.length);
    this.tTrain = new Float64Array(this.transitions.length);
    this.tuTrain = new Float64Array(this.transitions.length);
    this.step = 1;
  }

  /** Ends training: the averaged weights become the model's weights. */
  finishTraining(): void {
    const w = this.wTrain!, u = this.uTrain!, t = this.tTrain!, tu = this.tuTrain!;
    const c = this.step;
    for (let i = 0; i < w.length; i++) this.weights[i] = w[i]! - u[i]! / c;
    for (let i = 0; i < t.length; i++) this.transitions[i] = t[i]! - tu[i]! / c;
    this.wTrain = this.uTrain = this.tTrain = this.tuTrain = null;
  }

  /** The emission scores of the last decode (n x tags; valid until the next call). */
  get lastEmissions(): Float64Array {
    return this.emit;
  }

  /** Per-position tag scores (n x tags) from the current weights (training or averaged). */
  emissions(seq: FeatureSequence): Float64Array {
    const T = this.tags;
    const n = seq.length;
    if (this.emit.length < n * T) this.emit = new Float64Array(n * T * 2);
    const e = this.emit;
    const w = this.wTrain ?? this.weights;
    const mask = this.mask;
    const { ids, starts } = seq;
    const bias = this.wTrain ? null : this.tagBias;
    if (T === 3 || T === 5) {
      // Unrolled for the two taggers' tag counts: sums stay in registers, so the (cache-missing)
      // weight loads of successive features can overlap.
      const b0 = bias ? bias[0]! : 0, b1 = bias ? bias[1]! : 0, b2 = bias ? bias[2]! : 0;
      const b3 = bias && T === 5 ? bias[3]! : 0, b4 = bias && T === 5 ? bias[4]! : 0;
      for (let i = 0; i < n; i++) {
        let s0 = b0, s1 = b1, s2 = b2, s3 = b3, s4 = b4;
        const end = starts[i + 1]!;
        if (T === 3) {
          for (let k = starts[i]!; k < end; k++) {
            const base = (ids[k]! & mask) * 3;
            s0 += w[base]!;
            s1 += w[base + 1]!;
            s2 += w[base + 2]!;
          }
        } else {
          for (let k = starts[i]!; k < end; k++) {
            const base = (ids[k]! & mask) * 5;
            s0 += w[base]!;
            s1 += w[base + 1]!;
            s2 += w[base + 2]!;
            s3 += w[base + 3]!;
            s4 += w[base + 4]!;
          }
        }
        const row = i * T;
        e[row] = s0;
        e[row + 1] = s1;
        e[row + 2] = s2;
        if (T === 5) {
          e[row + 3] = s3;
          e[row + 4] = s4;
        }
      }
      return e;
    }
    for (let i = 0; i < n; i++) {
      const row = i * T;
      for (let t = 0; t < T; t++) e[row + t] = bias ? bias[t]! : 0;
      for (let k = starts[i]!, end = starts[i + 1]!; k < end; k++) {
        const base = (ids[k]! & mask) * T;
        for (let t = 0; t < T; t++) e[row + t] += w[base + t]!;
      }
    }
    return e;
  }

  /**
   * Best tag sequence. `allowed`, when given, is n x tags with 0 where a tag may not stand.
   * Returns the tags in `out` and the path score.
   */
  decode(seq: FeatureSequence, out: Int32Array, allowed?: Uint8Array): number {
    if (seq.length === 0) return 0;
    return this.decodeEmissions(this.emissions(seq), seq.length, out, allowed);
  }

  /** True between startTraining() and finishTraining(). */
  get training(): boolean {
    return this.wTrain !== null;
  }

  /** Viterbi over emission scores computed elsewhere (n x tags, e.g. by RoleEmitter); as decode(). */
  decodeEmissions(e: Float64Array, n: number, out: Int32Array, allowed?: Uint8Array): number {
    const T = this.tags;
    if (n === 0) return 0;
    const tr = this.tTrain ?? this.transitions;
    const forbidden = this.forbidden;
    if (this.delta.length < n * T) {
      this.delta = new Float64Array(n * T * 2);
      this.back = new Int32Array(n * T * 2);
    }
    const d = this.delta, back = this.back;
    for (let t = 0; t < T; t++) {
      const ok = !forbidden[T * T + t] && (!allowed || allowed[t]);
      d[t] = ok ? tr[T * T + t]! + e[t]! : -Infinity;
      back[t] = -1;
    }
    for (let i = 1; i < n; i++) {
      for (let t = 0; t < T; t++) {
        let best = -Infinity, arg = 0;
        if (!allowed || allowed[i * T + t]) {
          for (let p = 0; p < T; p++) {
            if (forbidden[p * T + t]) continue;
            const s = d[(i - 1) * T + p]! + tr[p * T + t]!;
            if (s > best) { best = s; arg = p; }
          }
        }
        d[i * T + t] = best + e[i * T + t]!;
        back[i * T + t] = arg;
      }
    }
    let best = -Infinity, arg = 0;
    for (let t = 0; t < T; t++) if (d[(n - 1) * T + t]! > best) { best = d[(n - 1) * T + t]!; arg = t; }
    for (let i = n - 1; i >= 0; i--) {
      out[i] = arg;
      arg = back[i * T + arg]!;
    }
    return best;
  }

  /** One training step on a sequence with gold tags; returns true when the prediction was wrong. */
  train(seq: FeatureSequence, gold: ArrayLike<number>, allowed?: Uint8Array): boolean {
    const n = seq.length;
    const predicted = new Int32Array(n);
    this.decode(seq, predicted, allowed);
    let wrong = false;
    for (let i = 0; i < n; i++) if (predicted[i] !== gold[i]) { wrong = true; break; }
    if (wrong) {
      const T = this.tags, mask = this.mask, c = this.step;
      const w = this.wTrain!, u = this.uTrain!, tr = this.tTrain!, tu = this.tuTrain!;
      const { ids, starts } = seq;
      for (let i = 0; i < n; i++) {
        const g = gold[i]!, p = predicted[i]!;
        if (g !== p) {
          for (let k = starts[i]!, end = starts[i + 1]!; k < end; k++) {
            const base = (ids[k]! & mask) * T;
            w[base + g] += 1; u[base + g] += c;
            w[base + p] -= 1; u[base + p] -= c;
          }
        }
        const gPrev = i === 0 ? T : gold[i - 1]!;
        const pPrev = i === 0 ? T : predicted[i - 1]!;
        if (gPrev !== pPrev || g !== p) {
          tr[gPrev * T + g] += 1; tu[gPrev * T + g] += c;
          tr[pPrev * T + p] -= 1; tu[pPrev * T + p] -= c;
        }
      }
    }
    this.step++;
    return wrong;
  }
}

/** BIO constraints over tags laid out as O, then (B, I) per role: I-x only after B-x or I-x. */
export function bioForbidden(roles: number): Uint8Array {
  const T = 1 + 2 * roles;
  const f = new Uint8Array((T + 1) * T);
  for (let r = 0; r < roles; r++) {
    const inside = 2 + 2 * r;
    for (let p = 0; p <= T; p++) {
      if (p !== inside && p !== inside - 1) f[p * T + inside] = 1;
    }
  }
  return f;
}

/**
 * True when every sum of at most `maxTerms` of the weights plus one bias value is exact in float64,
 * in whatever order it is added: then emission scores may be summed in any grouping (e.g. partial
 * sums cached per token) with bit-identical results. Holds when all nonzero weights and biases are
 * multiples of one power of two q (float32 weights of magnitude >= m are multiples of
 * 2^(floor(log2 m) - 23)) and maxTerms * max|w| + max|bias| < 2^53 q. The shipped model's pruning
 * (|w| >= 1e-3) and integer tag biases satisfy it with room to spare.
 */
export function sumsAreOrderFree(weights: Float32Array, bias: ArrayLike<number>, maxTerms: number): boolean {
  let minAbs = Infinity, maxAbs = 0;
  for (let i = 0; i < weights.length; i++) {
    const a = Math.abs(weights[i]!);
    if (a === 0) continue;
    if (!(a < Infinity)) return false; // NaN or infinite
    if (a < minAbs) minAbs = a;
    if (a > maxAbs) maxAbs = a;
  }
  if (maxAbs === 0) minAbs = 1;
  // One below the exponent of the smallest weight, so that log2 rounding can only make q smaller.
  const q = 2 ** (Math.floor(Math.log2(minAbs)) - 1 - 23);
  let maxBias = 0;
  for (let i = 0; i < bias.length; i++) {
    const b = bias[i]!;
    if (!Number.isFinite(b) || !Number.isInteger(b / q)) return false;
    maxBias = Math.max(maxBias, Math.abs(b));
  }
  return (maxTerms * maxAbs + maxBias) / q < 2 ** 53;
}
