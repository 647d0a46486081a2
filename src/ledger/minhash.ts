// MinHash signatures over word shingles, and locality-sensitive banding, to find near-duplicate
// articles (one wire story carried by many outlets with small edits) without comparing every pair.
// Written here because it is a few dozen lines over 32-bit integer hashing; the npm packages that
// offer it are unmaintained or pull in a bignum library.
//
// A signature has NUM_HASHES 32-bit minima (one-permutation hashing, see minhash()); it is cut
// into BANDS bands of ROWS rows, and two
// articles become candidates when any band is identical. With 16 bands of 8 rows, pairs with
// Jaccard similarity 0.8 are found with probability 1-(1-0.8^8)^16 ≈ 0.9996 and pairs at 0.3
// collide in under 0.2%; candidates are then confirmed on the estimated similarity.

export const NUM_HASHES = 128;
export const BANDS = 16;
export const ROWS = NUM_HASHES / BANDS;
export const SHINGLE_WORDS = 5;
/** Estimated Jaccard similarity at or above which two texts carry the same story. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit finaliser (murmur3 fmix32): spreads every input bit across the output. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Words for shingling: lower-cased letters and digits, punctuation and spacing ignored. */
export function shingleWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The distinct shingle hashes of a text (a text shorter than one shingle is one shingle). */
export function shingles(text: string, size = SHINGLE_WORDS): Set<number> {
  const words = shingleWords(text);
  const out = new Set<number>();
  if (!words.length) return out;
  const hashes = words.map(fnv1a);
  const span = Math.min(size, hashes.length);
  for (let i = 0; i + span <= hashes.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < span; k++) h = Math.imul(h ^ hashes[i + k]!, 0x01000193);
    out.add(mix(h));
  }
  return out;
}

const BIN_BITS = Math.log2(NUM_HASHES);
const VALUE_BITS = 32 - BIN_BITS;
const VALUE_MASK = 2 ** VALUE_BITS - 1;
const EMPTY = 0xffffffff;

/**
 * One-permutation MinHash with densification (Shrivastava and Li, 2014): each shingle is hashed
 * once; the top bits choose a bin, the rest compete for the bin's minimum. An empty bin borrows
 * the minimum of the next non-empty bin to its right, marked with its distance so that borrowed
 * values agree only when both texts borrowed alike. One hash per shingle instead of NUM_HASHES.
 */
export function minhash(text: string): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY);
  // The shingles of shingles(), hashed as they are formed: a repeated shingle changes no minimum,
  // so no set of distinct shingles is built.
  const words = shingleWords(text);
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a(words[i]!);
  const span = Math.min(SHINGLE_WORDS, hashes.length);
  for (let i = 0; span > 0 && i + span <= hashes.length; i++) {
    let h = 0x811c9dc5;
    for (let k = 0; k < span; k++) h = Math.imul(h ^ hashes[i + k]!, 0x01000193);
    const v = mix(mix(h) ^ 0x5bd1e995);
    const bin = v >>> VALUE_BITS;
    const value = v & VALUE_MASK;
    if (value < sig[bin]!) sig[bin] = value;
  }
  let filled = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (sig[i] !== EMPTY) filled++;
  if (filled === 0 || filled === NUM_HASHES) return sig;
  const dense = new Uint32Array(sig);
  for (let i = 0; i < NUM_HASHES; i++) {
    if (sig[i] !== EMPTY) continue;
    for (let d = 1; d < NUM_HASHES; d++) {
      const j = (i + d) % NUM_HASHES;
      if (sig[j] !== EMPTY) {
        dense[i] = (sig[j]! + d * 2 ** VALUE_BITS) >>> 0;
        break;
      }
    }
  }
  return dense;
}

/** Estimated Jaccard similarity: the share of positions where two signatures agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  if (!n) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** One integer key per band (band index folded in), for the LSH lookup table. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = mix(0x1b873593 + b);
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
    // A signed 32-bit integer, so every backend keeps it as a plain integer.
    keys.push(h | 0);
  }
  return keys;
}
