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
/** -Infinity as a constant for rarely taken branches: V8 deoptimised viterbiBio2 the first time it
 * evaluated a `-Infinity` (a unary minus) that had never run before the function was optimised. */
const NEGATIVE_INFINITY = -Infinity;

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

  /** 1 or 2 when the tag set is O + one or two BIO roles with exactly bioForbidden's constraints
   * (then decodeEmissions takes the spelled-out viterbiBio1 / viterbiBio2), else 0. */
  private readonly bioRoles: number;

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
  private forward = new Float64Array(0);
  private backward = new Float64Array(0);

  constructor(tags: number, bits: number, forbidden: Uint8Array, weights?: Float32Array, transitions?: Float32Array) {
    this.tags = tags;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.forbidden = forbidden;
    this.weights = weights ?? new Float32Array((1 << bits) * tags);
    this.transitions = transitions ?? new Float32Array((tags + 1) * tags);
    this.tagBias = new Float64Array(tags);
    this.bioRoles = tags === 5 && sameBytes(forbidden, bioForbidden(2)) ? 2 : tags === 3 && sameBytes(forbidden, bioForbidden(1)) ? 1 : 0;
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
    if (this.delta.length < n * T) {
      this.delta = new Float64Array(n * T * 2);
      this.back = new Int32Array(n * T * 2);
    }
    if (this.bioRoles === 2) return this.viterbiBio2(e, n, out, allowed);
    return this.bioRoles === 1 ? this.viterbiBio1(e, n, out, allowed) : this.viterbiAny(e, n, out, allowed);
  }

  /** Viterbi for any tag set and constraints (decodeEmissions' general case; public so that a test
   * can hold the spelled-out variant to it). */
  viterbiAny(e: Float64Array, n: number, out: Int32Array, allowed?: Uint8Array): number {
    const T = this.tags;
    if (this.delta.length < n * T) {
      this.delta = new Float64Array(n * T * 2);
      this.back = new Int32Array(n * T * 2);
    }
    const tr = this.tTrain ?? this.transitions;
    const forbidden = this.forbidden;
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

  /**
   * Max-marginals of a decoding: out[i * tags + t] is the score of the best tag sequence that puts
   * tag t at position i, less the best sequence's score (0 on the Viterbi path, below 0 elsewhere;
   * -Infinity where a tag cannot stand). Forward and backward max-product over the emissions and
   * transitions decodeEmissions reads (no `allowed` mask: the cue tagger has none).
   */
  maxMarginals(e: Float64Array, n: number, out: Float64Array): void {
    if (n === 0) return;
    if (this.bioRoles !== 1) return this.maxMarginalsAny(e, n, out);
    this.growMarginalScratch(n);
    this.maxMarginalsBio1(e, n, out);
  }

  /** Forward and backward scores for n positions. */
  private growMarginalScratch(n: number): void {
    if (this.forward.length >= n * this.tags) return;
    this.forward = new Float64Array(n * this.tags * 2);
    this.backward = new Float64Array(n * this.tags * 2);
  }

  /** maxMarginals for any tag set (public so that a test can hold the spelled-out variant to it). */
  maxMarginalsAny(e: Float64Array, n: number, out: Float64Array): void {
    const T = this.tags;
    if (n === 0) return;
    this.growMarginalScratch(n);
    const tr = this.tTrain ?? this.transitions;
    const forbidden = this.forbidden;
    const f = this.forward, b = this.backward;
    for (let t = 0; t < T; t++) f[t] = forbidden[T * T + t] ? -Infinity : tr[T * T + t]! + e[t]!;
    for (let i = 1; i < n; i++) {
      for (let t = 0; t < T; t++) {
        let best = -Infinity;
        for (let p = 0; p < T; p++) {
          if (forbidden[p * T + t]) continue;
          const v = f[(i - 1) * T + p]! + tr[p * T + t]!;
          if (v > best) best = v;
        }
        f[i * T + t] = best + e[i * T + t]!;
      }
    }
    for (let t = 0; t < T; t++) b[(n - 1) * T + t] = 0;
    for (let i = n - 2; i >= 0; i--) {
      for (let p = 0; p < T; p++) {
        let best = -Infinity;
        for (let t = 0; t < T; t++) {
          if (forbidden[p * T + t]) continue;
          const v = tr[p * T + t]! + e[(i + 1) * T + t]! + b[(i + 1) * T + t]!;
          if (v > best) best = v;
        }
        b[i * T + p] = best;
      }
    }
    let top = -Infinity;
    for (let t = 0; t < T; t++) if (f[(n - 1) * T + t]! > top) top = f[(n - 1) * T + t]!;
    for (let k = 0; k < n * T; k++) out[k] = f[k]! + b[k]! - top;
  }

  /**
   * maxMarginals for the cue tagger's tags (O, B, I; I only after B or I), spelled out: the same
   * sums in the same order as maxMarginalsAny, without the loops over forbidden pairs (the generic
   * loops were about 1.3% of a whole BBC run; emitters.test.ts-style equality in perceptron.test.ts).
   */
  private maxMarginalsBio1(e: Float64Array, n: number, out: Float64Array): void {
    const tr = this.tTrain ?? this.transitions;
    const f = this.forward, b = this.backward;
    const t00 = tr[0]!, t01 = tr[1]!, t10 = tr[3]!, t11 = tr[4]!, t12 = tr[5]!, t20 = tr[6]!, t21 = tr[7]!, t22 = tr[8]!;
    let f0 = tr[9]! + e[0]!, f1 = tr[10]! + e[1]!, f2 = -Infinity;
    f[0] = f0;
    f[1] = f1;
    f[2] = f2;
    for (let i = 1; i < n; i++) {
      const r = i * 3;
      const n0 = Math.max(f0 + t00, f1 + t10, f2 + t20) + e[r]!;
      const n1 = Math.max(f0 + t01, f1 + t11, f2 + t21) + e[r + 1]!;
      const n2 = Math.max(f1 + t12, f2 + t22) + e[r + 2]!;
      f[r] = f0 = n0;
      f[r + 1] = f1 = n1;
      f[r + 2] = f2 = n2;
    }
    let b0 = 0, b1 = 0, b2 = 0;
    const last = (n - 1) * 3;
    b[last] = b[last + 1] = b[last + 2] = 0;
    for (let i = n - 2; i >= 0; i--) {
      const r = (i + 1) * 3;
      // (transition + emission) + backward, as the generic loop adds them.
      const m0 = Math.max(t00 + e[r]! + b0, t01 + e[r + 1]! + b1);
      const m1 = Math.max(t10 + e[r]! + b0, t11 + e[r + 1]! + b1, t12 + e[r + 2]! + b2);
      const m2 = Math.max(t20 + e[r]! + b0, t21 + e[r + 1]! + b1, t22 + e[r + 2]! + b2);
      b[i * 3] = b0 = m0;
      b[i * 3 + 1] = b1 = m1;
      b[i * 3 + 2] = b2 = m2;
    }
    const top = Math.max(f[last]!, f[last + 1]!, f[last + 2]!);
    for (let k = 0; k < n * 3; k++) out[k] = f[k]! + b[k]! - top;
  }

  /**
   * decodeEmissions for the role tagger's tag set (O, B-x, I-x, B-y, I-y with BIO constraints),
   * spelled out: the 25 transition scores and the previous position's 5 scores stay in locals, and
   * only the 17 allowed (previous, current) pairs are scored, in the generic loop's order and with
   * its comparisons, so the result is the same to the last bit (emitters.test.ts compares the two).
   * Role decoding runs once per cue over up to 240 tokens; the generic loop, which loads the
   * forbidden matrix for each of the 25 pairs at each position, was about 2% of a whole BBC run.
   */
  viterbiBio2(e: Float64Array, n: number, out: Int32Array, allowed?: Uint8Array): number {
    const tr = this.tTrain ?? this.transitions;
    const d = this.delta, back = this.back;
    // t{p}{t}: transition from tag p to tag t; s{t}: start transition to t.
    const t00 = tr[0]!, t01 = tr[1]!, t03 = tr[3]!;
    const t10 = tr[5]!, t11 = tr[6]!, t12 = tr[7]!, t13 = tr[8]!;
    const t20 = tr[10]!, t21 = tr[11]!, t22 = tr[12]!, t23 = tr[13]!;
    const t30 = tr[15]!, t31 = tr[16]!, t33 = tr[18]!, t34 = tr[19]!;
    const t40 = tr[20]!, t41 = tr[21]!, t43 = tr[23]!, t44 = tr[24]!;
    // Position 0: the start row; I-x cannot start a sequence.
    let d0 = !allowed || allowed[0] ? tr[25]! + e[0]! : NEGATIVE_INFINITY;
    let d1 = !allowed || allowed[1] ? tr[26]! + e[1]! : NEGATIVE_INFINITY;
    let d2 = -Infinity;
    let d3 = !allowed || allowed[3] ? tr[28]! + e[3]! : NEGATIVE_INFINITY;
    let d4 = -Infinity;
    d[0] = d0; d[1] = d1; d[2] = d2; d[3] = d3; d[4] = d4;
    back[0] = back[1] = back[2] = back[3] = back[4] = -1;
    for (let i = 1; i < n; i++) {
      const row = i * 5;
      let best: number, arg: number, s: number;
      // O, B-x and B-y follow any tag.
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row]) {
        s = d0 + t00; if (s > best) { best = s; arg = 0; }
        s = d1 + t10; if (s > best) { best = s; arg = 1; }
        s = d2 + t20; if (s > best) { best = s; arg = 2; }
        s = d3 + t30; if (s > best) { best = s; arg = 3; }
        s = d4 + t40; if (s > best) { best = s; arg = 4; }
      }
      const n0 = best + e[row]!;
      back[row] = arg;
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row + 1]) {
        s = d0 + t01; if (s > best) { best = s; arg = 0; }
        s = d1 + t11; if (s > best) { best = s; arg = 1; }
        s = d2 + t21; if (s > best) { best = s; arg = 2; }
        s = d3 + t31; if (s > best) { best = s; arg = 3; }
        s = d4 + t41; if (s > best) { best = s; arg = 4; }
      }
      const n1 = best + e[row + 1]!;
      back[row + 1] = arg;
      // I-x follows B-x or I-x.
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row + 2]) {
        s = d1 + t12; if (s > best) { best = s; arg = 1; }
        s = d2 + t22; if (s > best) { best = s; arg = 2; }
      }
      const n2 = best + e[row + 2]!;
      back[row + 2] = arg;
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row + 3]) {
        s = d0 + t03; if (s > best) { best = s; arg = 0; }
        s = d1 + t13; if (s > best) { best = s; arg = 1; }
        s = d2 + t23; if (s > best) { best = s; arg = 2; }
        s = d3 + t33; if (s > best) { best = s; arg = 3; }
        s = d4 + t43; if (s > best) { best = s; arg = 4; }
      }
      const n3 = best + e[row + 3]!;
      back[row + 3] = arg;
      // I-y follows B-y or I-y.
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row + 4]) {
        s = d3 + t34; if (s > best) { best = s; arg = 3; }
        s = d4 + t44; if (s > best) { best = s; arg = 4; }
      }
      const n4 = best + e[row + 4]!;
      back[row + 4] = arg;
      d0 = n0; d1 = n1; d2 = n2; d3 = n3; d4 = n4;
      d[row] = n0; d[row + 1] = n1; d[row + 2] = n2; d[row + 3] = n3; d[row + 4] = n4;
    }
    let best = -Infinity, arg = 0;
    const last = (n - 1) * 5;
    for (let t = 0; t < 5; t++) if (d[last + t]! > best) { best = d[last + t]!; arg = t; }
    for (let i = n - 1; i >= 0; i--) {
      out[i] = arg;
      arg = back[i * 5 + arg]!;
    }
    return best;
  }

  /** decodeEmissions for the cue tagger's tag set (O, B, I with BIO constraints), spelled out as
   * viterbiBio2 is, with the same order and comparisons as the general loop. */
  viterbiBio1(e: Float64Array, n: number, out: Int32Array, allowed?: Uint8Array): number {
    const tr = this.tTrain ?? this.transitions;
    const d = this.delta, back = this.back;
    const t00 = tr[0]!, t01 = tr[1]!, t10 = tr[3]!, t11 = tr[4]!, t12 = tr[5]!, t20 = tr[6]!, t21 = tr[7]!, t22 = tr[8]!;
    let d0 = !allowed || allowed[0] ? tr[9]! + e[0]! : -Infinity;
    let d1 = !allowed || allowed[1] ? tr[10]! + e[1]! : -Infinity;
    let d2 = -Infinity;
    d[0] = d0; d[1] = d1; d[2] = d2;
    back[0] = back[1] = back[2] = -1;
    for (let i = 1; i < n; i++) {
      const row = i * 3;
      let best: number, arg: number, s: number;
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row]) {
        s = d0 + t00; if (s > best) { best = s; arg = 0; }
        s = d1 + t10; if (s > best) { best = s; arg = 1; }
        s = d2 + t20; if (s > best) { best = s; arg = 2; }
      }
      const n0 = best + e[row]!;
      back[row] = arg;
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row + 1]) {
        s = d0 + t01; if (s > best) { best = s; arg = 0; }
        s = d1 + t11; if (s > best) { best = s; arg = 1; }
        s = d2 + t21; if (s > best) { best = s; arg = 2; }
      }
      const n1 = best + e[row + 1]!;
      back[row + 1] = arg;
      // I follows B or I.
      best = -Infinity; arg = 0;
      if (!allowed || allowed[row + 2]) {
        s = d1 + t12; if (s > best) { best = s; arg = 1; }
        s = d2 + t22; if (s > best) { best = s; arg = 2; }
      }
      const n2 = best + e[row + 2]!;
      back[row + 2] = arg;
      d0 = n0; d1 = n1; d2 = n2;
      d[row] = n0; d[row + 1] = n1; d[row + 2] = n2;
    }
    let best = -Infinity, arg = 0;
    const last = (n - 1) * 3;
    for (let t = 0; t < 3; t++) if (d[last + t]! > best) { best = d[last + t]!; arg = t; }
    for (let i = n - 1; i >= 0; i--) {
      out[i] = arg;
      arg = back[i * 3 + arg]!;
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
