// The cue network's word-vector inputs as the model file ships them. While training, the network
// reads the pre-trained vectors (word-vectors.ts) of a token and its neighbours as real inputs, each
// multiplied by learned input weights into its 8 hidden units and (a direct path) its 3 tag scores.
// Those products are linear in the vector, so for a known word they can be computed once: per word
// and per offset from the token (-window .. window), 8 hidden-unit parts and 3 score parts. The
// model file stores these parts, int16-encoded per column, for the vocabulary (not the
// 100-dimensional vectors), and prediction adds a word's parts where the network would have
// multiplied its vector: a table look-up per token instead of 1,100 multiplications per offset.
// The parts stay encoded in memory (half the bytes of float32, so fewer cache misses per token and
// no decoding pass at load); `part` decodes one exactly as decodeParts does.
// The word table is open addressing over the word hashes the token table already computes
// (features.ts `lower`, then `lemma`), each slot a (hash, row) pair in one array so that a probe
// touches one cache line. Rows come most frequent word first, so the first HOT_WORDS also have a
// small table of their own (128 KB, which stays in cache beside the taggers' weights), probed first;
// only the rarer words probe the large one (2 MB). A paragraph's rows are filled in one call
// (fillRows): a call per token, with a 32-bit hash boxed whenever it was not inlined, made finding
// the rows most of what the vectors cost (docs/benchmarks.md, "Session 8").

import { NETWORK_TAGS } from './cue-network.js';

/** Values per word and offset: the hidden-unit parts, then the tag-score parts. */
export function partsPerOffset(hidden: number): number {
  return hidden + NETWORK_TAGS;
}

/** The parts as the model file stores them: per column (one of `width`) a scale, and each value as
 * an int16 multiple of its column's scale. */
export interface EncodedParts {
  scales: Float32Array;
  codes: Int16Array;
}

export function encodeParts(values: Float32Array, width: number): EncodedParts {
  const scales = new Float32Array(width);
  for (let i = 0; i < values.length; i++) {
    const c = i % width, a = Math.abs(values[i]!);
    if (a > scales[c]!) scales[c] = a;
  }
  for (let c = 0; c < width; c++) scales[c] = scales[c]! / 32767;
  const codes = new Int16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const scale = scales[i % width]!;
    codes[i] = scale > 0 ? Math.round(values[i]! / scale) : 0;
  }
  return { scales, codes };
}

/** The values the encoding stands for, as float32. */
export function decodeParts({ scales, codes }: EncodedParts): Float32Array {
  const width = scales.length;
  const values = new Float32Array(codes.length);
  for (let i = 0, c = 0; i < codes.length; i++, c = c + 1 === width ? 0 : c + 1) values[i] = codes[i]! * scales[c]!;
  return values;
}

/** Words (the most frequent rows) that also have the small table. */
const HOT_WORDS = 8192;

/** An open-addressing table from word hashes to rows: slot s holds a hash at 2s and its row at
 * 2s + 1 (-1: empty). */
class WordTable {
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(words: Uint32Array, count: number) {
    let size = 1;
    while (size < count * 2) size <<= 1;
    this.slots = new Int32Array(size * 2);
    for (let s = 0; s < size; s++) this.slots[2 * s + 1] = -1;
    this.mask = size - 1;
    for (let r = 0; r < count; r++) {
      const w = words[r]! | 0;
      let s = this.slotOf(w);
      while (this.slots[2 * s + 1]! >= 0 && this.slots[2 * s] !== w) s = (s + 1) & this.mask;
      if (this.slots[2 * s + 1]! < 0) {
        this.slots[2 * s] = w;
        this.slots[2 * s + 1] = r;
      }
    }
  }

  private slotOf(hash: number): number {
    return (Math.imul(hash, 0x9e3779b1) >>> 0) & this.mask;
  }

  /** The rows of tokens [from, to) into out[0 ..): each token's lower-case word's row, else its
   * lemma's, else -1, without a call per token (a 32-bit hash handed to a call that is not inlined
   * is boxed: half of them, a heap number each). The probing is find's, written out. */
  fillRows(lowers: Uint32Array, lemmas: Uint32Array, from: number, to: number, out: Int32Array, fallback: WordTable | null): void {
    const slots = this.slots, mask = this.mask;
    for (let i = from; i < to; i++) {
      const lower = lowers[i]! | 0;
      let s = (Math.imul(lower, 0x9e3779b1) >>> 0) & mask;
      let r: number;
      for (;;) {
        r = slots[2 * s + 1]!;
        if (r < 0 || slots[2 * s] === lower) break;
        s = (s + 1) & mask;
      }
      if (r < 0) {
        // Not in this table: the fallback table (all words), then the lemma in both.
        const lemma = lemmas[i]! | 0;
        r = fallback ? fallback.find(lower) : -1;
        if (r < 0 && lemma !== lower) {
          r = this.find(lemma);
          if (r < 0 && fallback) r = fallback.find(lemma);
        }
      }
      out[i - from] = r;
    }
  }

  /** The row of a word hash (as int32), or -1. */
  find(h: number): number {
    const slots = this.slots, mask = this.mask;
    let s = this.slotOf(h);
    for (;;) {
      const r = slots[2 * s + 1]!;
      if (r < 0 || slots[2 * s] === h) return r;
      s = (s + 1) & mask;
    }
  }
}

export class WordVectorProjection {
  /** Parts per word: (2 window + 1) offsets x (hidden + 3); offset -window first. */
  readonly width: number;
  private readonly hot: WordTable;
  private readonly all: WordTable;

  /**
   * @param words the word hashes (hashString of the lower-case word), one per row, distinct, most
   * frequent first
   * @param parts words.length x width parts, encoded per column (width scales)
   */
  constructor(readonly window: number, readonly hidden: number, readonly words: Uint32Array, readonly parts: EncodedParts) {
    this.width = (2 * window + 1) * partsPerOffset(hidden);
    if (parts.scales.length !== this.width || parts.codes.length !== words.length * this.width) throw new RangeError(`word-vector parts: ${parts.codes.length} codes and ${parts.scales.length} scales for ${words.length} words of ${this.width}`);
    this.hot = new WordTable(words, Math.min(HOT_WORDS, words.length));
    this.all = new WordTable(words, words.length);
  }

  /** The row of a word hash, or -1. */
  find(hash: number): number {
    const h = hash | 0;
    const r = this.hot.find(h);
    return r >= 0 ? r : this.all.find(h);
  }

  /** The rows of tokens [from, to) of a token table (lower-case word, else lemma, else -1) into
   * out[0 .. to - from). */
  fillRows(lowers: Uint32Array, lemmas: Uint32Array, from: number, to: number, out: Int32Array): void {
    this.hot.fillRows(lowers, lemmas, from, to, out, this.all);
  }

  /** A token's row: its lower-case word's, else its lemma's, else -1 (no vector: adds nothing). */
  rowOf(lower: number, lemma: number): number {
    const r = this.find(lower);
    return r >= 0 || lemma === lower ? r : this.find(lemma);
  }

  /** Part c (of width) of a row, decoded exactly as decodeParts decodes it. */
  part(row: number, c: number): number {
    return Math.fround(this.parts.codes[row * this.width + c]! * this.parts.scales[c]!);
  }
}
