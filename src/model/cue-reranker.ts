// The cue re-ranker: a second, span-level decision over the cue tagger's candidate cues, with
// features the per-token sequence model cannot see: its own margin for the whole run, the role
// tagger's reading of the cue (content found, its length and place, a source), whether the
// candidate lies inside another candidate's content and which of the two is surer, how many
// candidates its sentence holds, and how often the document's other candidates share its lemma.
// A binary linear model over hashed features (averaged perceptron or logistic regression), to be
// trained on candidates the taggers produced for articles they did not see (cross-fitted folds),
// so that the margins it learns from are those of unseen text.
// A measured prototype, not part of the shipped model: rerank-cv.ts measures it on the train split
// (docs/model.md, "cue re-ranker": +0.5 cross-validated cue F1, short of what the target needs,
// at the price of role decodings for every candidate).

import { mix, mix3 } from './hashing.js';
import type { TokenTable } from './features.js';
import type { TokenRun } from './attribution-model.js';

/** One candidate cue with what the taggers found for it. */
export interface CueCandidate {
  run: TokenRun;
  /** Cue tagger margin of the run without the decoding bias (see AttributionModel.findCues). */
  margin: number;
  source: TokenRun[];
  content: TokenRun[];
  quotedTokens: number;
  plainTokens: number;
}

const enum R {
  Bias = 1, Margin, LemmaFirst, LemmaLast, Lower, PosRun, Length, LemmaMargin, HasContent,
  ContentLen, HasSource, SourcePos, ContentQuoted, ContentSide, Inside, InsideMargin, InsideLemma,
  Holds, SentenceCount, SentenceRank, DocLemma, InQuoteMargin, CompMargin, ContentSideLemma,
  HasSourceContent, InsideQuoted,
}

function bucket(x: number, width: number, max: number): number {
  const b = Math.floor(x / width);
  return b > max ? max : b < -max ? -max : b;
}

function lenBucket(n: number): number {
  return n <= 0 ? 0 : n <= 2 ? 1 : n <= 5 ? 2 : n <= 10 ? 3 : n <= 20 ? 4 : n <= 40 ? 5 : 6;
}

function inside(a: TokenRun, runs: readonly TokenRun[]): boolean {
  for (const r of runs) if (r.first <= a.first && a.end <= r.end) return true;
  return false;
}

/** The features of each candidate of one document (candidates in document order). */
export function rerankFeatures(t: TokenTable, cands: readonly CueCandidate[]): number[][] {
  const lemmaCount = new Map<number, number>();
  for (const c of cands) lemmaCount.set(t.lemma[c.run.first]!, (lemmaCount.get(t.lemma[c.run.first]!) ?? 0) + 1);
  return cands.map((c, ci) => {
    const f: number[] = [];
    const first = c.run.first, last = c.run.end - 1;
    const m = c.margin;
    const mb = bucket(m, 2, 15), mc = bucket(m, 6, 5);
    const le = t.lemma[first]!, ll = t.lemma[last]!;
    f.push(mix(R.Bias, 0));
    f.push(mix(R.Margin, mb));
    f.push(mix(R.LemmaFirst, le));
    f.push(mix(R.LemmaLast, ll));
    f.push(mix(R.Lower, t.lower[first]!));
    let pos = 0;
    for (let i = first; i <= last && i < first + 3; i++) pos = mix(pos, t.pos[i]!);
    f.push(mix(R.PosRun, pos));
    f.push(mix(R.Length, Math.min(4, c.run.end - c.run.first)));
    f.push(mix3(R.LemmaMargin, le, mc));
    const contentLen = c.content.reduce((s, r) => s + r.end - r.first, 0);
    const hasContent = c.content.length ? 1 : 0, hasSource = c.source.length ? 1 : 0;
    f.push(mix3(R.HasContent, hasContent, mc));
    f.push(mix(R.ContentLen, lenBucket(contentLen)));
    f.push(mix3(R.HasSource, hasSource, mc));
    f.push(mix(R.SourcePos, c.source.length ? t.pos[c.source[0]!.end - 1]! : 0));
    f.push(mix(R.ContentQuoted, c.quotedTokens > c.plainTokens ? 1 : c.quotedTokens > 0 ? 2 : 0));
    const side = c.content.length ? (c.content[0]!.first >= c.run.end ? (c.content[0]!.first === c.run.end ? 1 : 2) : 3) : 0;
    f.push(mix(R.ContentSide, side));
    f.push(mix3(R.ContentSideLemma, side, le));
    f.push(mix3(R.HasSourceContent, hasSource, hasContent));
    // Nesting: inside the content of another candidate, and which of the two the tagger was surer of.
    let insideOf = -1;
    for (let k = 0; k < cands.length; k++) {
      if (k === ci) continue;
      if (inside(c.run, cands[k]!.content) && (insideOf < 0 || cands[k]!.margin > cands[insideOf]!.margin)) insideOf = k;
    }
    if (insideOf >= 0) {
      const o = cands[insideOf]!;
      f.push(mix(R.Inside, 1));
      f.push(mix3(R.InsideMargin, bucket(m - o.margin, 5, 4), mc));
      f.push(mix(R.InsideLemma, le));
      f.push(mix3(R.InsideQuoted, t.inQuote[first]!, bucket(o.margin, 6, 5)));
    } else f.push(mix(R.Inside, 0));
    let holds = 0;
    for (let k = 0; k < cands.length; k++) if (k !== ci && inside(cands[k]!.run, c.content)) holds++;
    f.push(mix(R.Holds, Math.min(holds, 3)));
    const s = t.sentence[first]!;
    let inSentence = 0, surer = 0;
    for (const o of cands) {
      if (o === c || t.sentence[o.run.first] !== s) continue;
      inSentence++;
      if (o.margin > m) surer++;
    }
    f.push(mix(R.SentenceCount, Math.min(inSentence, 4)));
    f.push(mix3(R.SentenceRank, Math.min(surer, 3), mc));
    f.push(mix3(R.DocLemma, Math.min(lemmaCount.get(le)! - 1, 3), mc));
    f.push(mix3(R.InQuoteMargin, t.inQuote[first]!, mc));
    f.push(mix3(R.CompMargin, t.compAfter[last]!, mc));
    return f;
  });
}

/** A binary averaged perceptron over hashed features (plus the raw margin as one real feature). */
export class CueReranker {
  readonly bits: number;
  readonly weights: Float32Array;
  /** Weight of the raw margin (scaled by MARGIN_SCALE). */
  marginWeight = 0;
  /** Added to the score; a candidate is kept when the score is above 0. */
  threshold = 0;
  private readonly mask: number;
  private u: Float64Array | null = null;
  private uMargin = 0;
  private c = 1;

  constructor(bits = 16, weights?: Float32Array) {
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.weights = weights ?? new Float32Array(1 << bits);
  }

  score(features: readonly number[], margin: number): number {
    let s = this.threshold + this.marginWeight * margin * MARGIN_SCALE;
    for (const id of features) s += this.weights[id & this.mask]!;
    return s;
  }

  startTraining(): void {
    this.u = new Float64Array(this.weights.length);
    this.c = 1;
  }

  /** One example: label 1 (a true cue) or 0. */
  train(features: readonly number[], margin: number, label: number): void {
    const y = label ? 1 : -1;
    this.step(features, margin, y * this.score(features, margin) <= 0 ? y : 0);
  }

  /** One logistic-regression SGD step (log loss, learning rate `rate`), averaged like the perceptron. */
  trainLogistic(features: readonly number[], margin: number, label: number, rate: number): void {
    const p = 1 / (1 + Math.exp(-this.score(features, margin)));
    this.step(features, margin, rate * ((label ? 1 : 0) - p));
  }

  /** Adds g to the example's weights (and to the averaging sums), then counts the example. */
  private step(features: readonly number[], margin: number, g: number): void {
    if (g !== 0) {
      for (const id of features) {
        this.weights[id & this.mask] += g;
        this.u![id & this.mask] += g * this.c;
      }
      this.marginWeight += g * margin * MARGIN_SCALE;
      this.uMargin += g * margin * MARGIN_SCALE * this.c;
    }
    this.c++;
  }

  finishTraining(): void {
    const u = this.u!;
    for (let i = 0; i < this.weights.length; i++) this.weights[i] -= u[i]! / this.c;
    this.marginWeight -= this.uMargin / this.c;
    this.u = null;
  }
}

const MARGIN_SCALE = 0.1;
