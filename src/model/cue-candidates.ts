// Cue candidates: which tokens the cue tagger scores at all. A token whose lemma was seen often in
// the train split and (almost) never inside a gold cue ("the", ",", "he", "who") is no candidate:
// the cue tagger forces it to O without computing its 59 features, and a paragraph with no
// candidate is not decoded at all. train.ts builds the list of non-candidate lemmas from the
// train split and stores it in the model file (measured in docs/model.md: thresholds, the share
// of tokens skipped, and the scores, which do not move).
// Hand-written: an open-addressing set of 32-bit lemma hashes (a Set of non-Smi numbers is
// several times slower to probe, and nothing more is needed).

import { hashString } from './hashing.js';
import type { Doc } from '../core/doc.js';

/** Lemma hash -> [times seen, times inside a gold cue], accumulated over training documents. */
export class CueCounts {
  readonly counts = new Map<number, [number, number]>();

  /** Counts the tokens of one document; `inCue[i]` is 1 for tokens inside a gold cue. */
  addDocument(doc: Doc, inCue: Uint8Array): void {
    doc.tokens.forEach((tok, i) => {
      const lemma = hashString(tok.lemma);
      const c = this.counts.get(lemma);
      if (c) {
        c[0]++;
        c[1] += inCue[i]!;
      } else this.counts.set(lemma, [1, inCue[i]!]);
    });
  }

  /** Adds another count's tallies to this one (the counts of several folds of training articles). */
  addCounts(other: CueCounts): void {
    for (const [lemma, [n, c]] of other.counts) {
      const into = this.counts.get(lemma);
      if (into) {
        into[0] += n;
        into[1] += c;
      } else this.counts.set(lemma, [n, c]);
    }
  }

  /** Lemmas seen at least `minCount` times and inside a cue at most `maxRate` of them, ascending. */
  nonCandidates(minCount: number, maxRate: number): Uint32Array {
    const out: number[] = [];
    for (const [lemma, [n, k]] of this.counts) if (n >= minCount && k <= maxRate * n) out.push(lemma);
    return Uint32Array.from(out).sort();
  }
}

export class CueCandidates {
  /** The non-candidate lemma hashes as stored (ascending). */
  readonly lemmas: Uint32Array;
  private readonly keys: Uint32Array;
  private readonly shift: number;
  private readonly mask: number;
  /** Whether the lemma hash 0 (which marks an empty slot) is in the set. */
  private readonly hasZero: boolean;

  constructor(nonCandidates: Uint32Array) {
    this.lemmas = nonCandidates;
    let size = 1024;
    while (size < nonCandidates.length * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
    let zero = false;
    for (const h of nonCandidates) {
      if (h === 0) {
        zero = true;
        continue;
      }
      let at = Math.imul(h, 0x9e3779b1) >>> this.shift;
      while (this.keys[at] !== 0 && this.keys[at] !== h) at = (at + 1) & this.mask;
      this.keys[at] = h;
    }
    this.hasZero = zero;
  }

  /** True unless the lemma (hash) is a listed non-candidate. */
  isCandidate(lemma: number): boolean {
    if (lemma === 0) return !this.hasZero;
    const keys = this.keys, mask = this.mask;
    let at = Math.imul(lemma, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[at]!;
      if (k === lemma) return false;
      if (k === 0) return true;
      at = (at + 1) & mask;
    }
  }
}
