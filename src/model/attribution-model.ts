// The learned attribution model: a cue tagger (BIO over the tokens of each paragraph) and a role
// tagger (BIO source / content over the cue's paragraph, one decoding per cue), both averaged
// structured perceptrons with Viterbi decoding. This module owns prediction; training is in
// train.ts, the file format in weights-file.ts.

import type { Doc } from '../core/doc.js';
import { bioForbidden, FeatureBuffer, MAX_FEATURES_PER_POSITION, StructuredPerceptron, sumsAreOrderFree } from './perceptron.js';
import { buildTokenTable, cueEmissions, cueFeatures, RoleEmitter, roleFeatures, RoleScratch, type TokenTable } from './features.js';
import { mix } from './hashing.js';
import type { WordClassTable } from './word-classes.js';
import type { CueCandidates } from './cue-candidates.js';
import type { CueNetwork } from './cue-network.js';

export const CUE_TAGS = 3; // O, B-cue, I-cue
export const ROLE_TAGS = 5; // O, B-source, I-source, B-content, I-content
export const TAG_O = 0;
export const TAG_B_SOURCE = 1;
export const TAG_B_CONTENT = 3;

/** A token range [first, end). */
export interface TokenRun {
  first: number;
  end: number;
}

export interface PredictedAttribution {
  cue: TokenRun;
  source: TokenRun[];
  content: TokenRun[];
  /** The cue tagger's margin for this cue (score of the cue tags over the best "no cue" alternative). */
  margin: number;
  /** Content tokens with a letter or digit inside / outside double quotation marks (for the kind). */
  quotedTokens: number;
  plainTokens: number;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** WORDLIKE.test(text), without the regular expression for a text that starts with an ASCII letter or
 * digit (most content tokens), which matches it. */
function isWordlike(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || WORDLIKE.test(text);
}

export function newCueTagger(bits: number): StructuredPerceptron {
  return new StructuredPerceptron(CUE_TAGS, bits, bioForbidden(1));
}

export function newRoleTagger(bits: number): StructuredPerceptron {
  return new StructuredPerceptron(ROLE_TAGS, bits, bioForbidden(2));
}

/** The lemma id a role decoding is conditioned on: first and last lemma of the cue. */
export function cueLemmaId(t: TokenTable, cue: TokenRun): number {
  return mix(t.lemma[cue.first]!, cue.end - cue.first > 1 ? t.lemma[cue.end - 1]! : 0);
}

/** Runs of tokens tagged B-x / I-x (x = begin tag) within tags[0 .. n), offset by `from`. */
export function runsOf(tags: Int32Array, n: number, from: number, begin: number): TokenRun[] {
  const runs: TokenRun[] = [];
  for (let i = 0; i < n; i++) {
    const tag = tags[i]!;
    if (tag === begin) runs.push({ first: from + i, end: from + i + 1 });
    else if (tag === begin + 1 && runs.length && runs[runs.length - 1]!.end === from + i) runs[runs.length - 1]!.end++;
  }
  return runs;
}

/** Role decoding constraint: cue tokens can only be O. */
export function roleAllowed(from: number, to: number, cue: TokenRun, out: Uint8Array): Uint8Array {
  const n = to - from;
  const a = out.length >= n * ROLE_TAGS ? out : new Uint8Array(n * ROLE_TAGS * 2);
  a.fill(1, 0, n * ROLE_TAGS);
  for (let i = cue.first; i < cue.end; i++) {
    const row = (i - from) * ROLE_TAGS;
    for (let t = 1; t < ROLE_TAGS; t++) a[row + t] = 0;
  }
  return a;
}

/** Keeps, of attributions whose cue lies inside another's content, the one with the larger margin. */
export function univocal(found: PredictedAttribution[]): PredictedAttribution[] {
  const order = found.map((_, i) => i).sort((a, b) => found[b]!.margin - found[a]!.margin);
  const kept: PredictedAttribution[] = [];
  const inside = (a: PredictedAttribution, b: PredictedAttribution): boolean => b.content.some((r) => r.first <= a.cue.first && a.cue.end <= r.end);
  for (const i of order) {
    const a = found[i]!;
    if (kept.some((b) => inside(a, b) || inside(b, a))) continue;
    kept.push(a);
  }
  return kept.sort((x, y) => x.cue.first - y.cue.first);
}


/** A cue the cue tagger found, with its margin and paragraph. */
interface FoundCue {
  run: TokenRun;
  margin: number;
  para: number;
}

/** One document's cues, between the cue tagger's pass and the role tagger's (predict, predictAll). */
interface DocumentCues {
  doc: Doc;
  table: TokenTable;
  cues: FoundCue[];
}

/** Tokens the role tagger reads on each side of a cue (within its paragraph). */
export const ROLE_WINDOW = 120;

export class AttributionModel {
  readonly cue: StructuredPerceptron;
  readonly role: StructuredPerceptron;
  private readonly buf = new FeatureBuffer();
  private readonly scratch = new RoleScratch();
  // The buffers below start empty, so that their growing branches run on the first paragraph:
  // V8 deoptimised findCues / findRoles / cueEmissions when a long paragraph first took a branch
  // that had never run before the function was optimised.
  private tags = new Int32Array(0);
  private allowed: Uint8Array = new Uint8Array(0);
  /** Role emissions with per-document caches (prediction only; null until the first predict). */
  private emitter: RoleEmitter | null = null;
  private emitterTable: TokenTable | null = null;
  private emitterWeights: Float32Array | null = null;
  private emitterBias = new Float64Array(0);
  private cueEmit: Float64Array = new Float64Array(0);
  /** Drop cues for which the role tagger finds no content (a cue without content is no attribution). */
  requireContent = false;
  /** Drop a cue that lies inside the content of a surer attribution (PolNeAR's univocal annotation). */
  univocal = false;

  /** WordNet supersenses by lemma, built at training time and stored in the model file. */
  readonly classes: WordClassTable | null;
  /** The lemmas the cue tagger skips (cue-candidates.ts), built at training time, in the model file. */
  readonly candidates: CueCandidates | null;
  /** Skip tokens that are no cue candidate and paragraphs without one. */
  prune = true;
  /** The cue network (cue-network.ts) whose weighted scores are added to the cue tagger's
   * emissions at prediction time, or null; set with setCueNetwork. */
  cueNetwork: CueNetwork | null = null;
  /** Decodes cue emissions with the network: the cue tagger's transitions plus the network's,
   * weighted (null without a network). */
  private cueDecoder: StructuredPerceptron | null = null;

  constructor(cue: StructuredPerceptron, role: StructuredPerceptron, classes: WordClassTable | null, candidates: CueCandidates | null = null) {
    this.cue = cue;
    this.role = role;
    this.classes = classes;
    this.candidates = candidates;
  }

  /** Adds a cue network to the prediction (null removes it). Call after the cue tagger's training. */
  setCueNetwork(network: CueNetwork | null): void {
    this.cueNetwork = network;
    this.cueDecoder = null;
    if (!network) return;
    const decoder = newCueTagger(1);
    for (let q = 0; q < decoder.transitions.length; q++) decoder.transitions[q] = this.cue.transitions[q]! + network.weight * network.transitions[q]!;
    this.cueDecoder = decoder;
  }

  /** The cue scores of the documents predicted with `scores` (see cueScoresOf). */
  private readonly cueScores = new WeakMap<Doc, Float32Array>();
  private marginals = new Float64Array(0);

  /** Cue runs of one paragraph's tokens [from, to), with their margins. */
  findCues(t: TokenTable, from: number, to: number, scores: Float32Array | null = null): { run: TokenRun; margin: number }[] {
    const n = to - from;
    if (n <= 0) return [];
    if (this.tags.length < n) this.tags = new Int32Array(n * 2);
    let e: Float64Array;
    // The tagger whose transitions decode the emissions (with a network, the summed ones).
    let decoder: StructuredPerceptron = this.cue;
    if (this.cue.training || this.cue.tags !== CUE_TAGS) {
      cueFeatures(t, from, to, this.buf);
      this.cue.decode(this.buf.view(), this.tags);
      e = this.cue.lastEmissions;
    } else {
      // The same scores as cue.decode(cueFeatures(...)), without the feature buffer (features.ts).
      // With a network, its weighted scores are added inside, from the ids hashed for the perceptron.
      const network = this.cueDecoder ? this.cueNetwork : null;
      e = this.cueEmit = cueEmissions(t, from, to, this.cue.weights, this.cue.bits, this.cue.tagBias, this.cueEmit, this.prune, network);
      if (network) decoder = this.cueDecoder!;
      decoder.decodeEmissions(e, n, this.tags);
    }
    if (scores) {
      if (this.marginals.length < n * CUE_TAGS) this.marginals = new Float64Array(n * CUE_TAGS * 2);
      const mm = this.marginals;
      decoder.maxMarginals(e, n, mm);
      for (let i = 0; i < n; i++) {
        const row = i * CUE_TAGS;
        scores[from + i] = Math.max(mm[row + 1]!, mm[row + 2]!) - mm[row]!;
      }
    }
    const runs = runsOf(this.tags, n, from, 1);
    if (!runs.length) return [];
    return runs.map((run) => {
      // Margin: emission score of the chosen tags over O, averaged over the run's tokens.
      let m = 0;
      for (let i = run.first; i < run.end; i++) {
        const row = (i - from) * CUE_TAGS;
        m += e[row + (i === run.first ? 1 : 2)]! - e[row]!;
      }
      return { run, margin: m / (run.end - run.first) };
    });
  }

  /** Source and content runs for one cue, over its paragraph [from, to). */
  findRoles(t: TokenTable, from: number, to: number, cue: TokenRun, otherCue: Uint8Array): { source: TokenRun[]; content: TokenRun[] } {
    const n = to - from;
    if (this.tags.length < n) this.tags = new Int32Array(n * 2);
    this.allowed = roleAllowed(from, to, cue, this.allowed);
    const emitter = this.emitter;
    if (emitter && emitter.weights === this.role.weights && !this.role.training) {
      if (this.emitterTable !== t) {
        emitter.begin(t);
        this.emitterTable = t;
      }
      const e = emitter.emissions(from, to, cue.first, cue.end, cueLemmaId(t, cue), otherCue, this.scratch);
      this.role.decodeEmissions(e, n, this.tags, this.allowed);
    } else {
      roleFeatures(t, from, to, cue.first, cue.end, cueLemmaId(t, cue), otherCue, this.scratch, this.buf);
      this.role.decode(this.buf.view(), this.tags, this.allowed);
    }
    return { source: runsOf(this.tags, n, from, TAG_B_SOURCE), content: runsOf(this.tags, n, from, TAG_B_CONTENT) };
  }

  /** (Re)builds the fast role emitter when the role weights or tag bias changed since the last
   * document (training tunes the bias between predictions). The emitter regroups the emission sums,
   * so it is used only where that is exact (see sumsAreOrderFree); otherwise findRoles takes the
   * plain path. */
  private prepareEmitter(): void {
    const role = this.role;
    if (role.tags !== ROLE_TAGS || role.training) return;
    const bias = role.tagBias;
    if (this.emitterWeights === role.weights && this.emitterBias.every((b, i) => Object.is(b, bias[i]))) return;
    this.emitterWeights = role.weights;
    this.emitterBias = Float64Array.from(bias);
    this.emitterTable = null;
    this.emitter = sumsAreOrderFree(role.weights, bias, MAX_FEATURES_PER_POSITION) ? new RoleEmitter(role.weights, role.bits, bias) : null;
  }

  /** Every attribution the model finds in a tokenised document, in cue order. Never throws on a
   * well-formed Doc; a Doc without tokens yields nothing. */
  predict(doc: Doc, scores = false): PredictedAttribution[] {
    const found = this.cuesOf(doc, scores);
    return found ? this.attributionsOf(found) : [];
  }

  /**
   * predict() of each document, the cue tagger run over every document before the role tagger reads
   * any: each tagger's weight tables (about 5 MB each) then stay in the cache from one document to
   * the next, where one document at a time brings them in anew for each (docs/benchmarks.md, session
   * 6: the learned stage about 14% less CPU in batches of 16 documents run stage by stage). The same
   * result per document as predict, bit for bit: the same sums in the same order, and the role
   * emitter's per-document sums started afresh for each document as there.
   */
  predictAll(docs: readonly Doc[], scores = false): PredictedAttribution[][] {
    const found: (DocumentCues | null)[] = [];
    for (const doc of docs) found.push(this.cuesOf(doc, scores));
    const out: PredictedAttribution[][] = [];
    for (const f of found) out.push(f ? this.attributionsOf(f) : []);
    return out;
  }

  /**
   * Each token's cue score from the last predict / predictAll of the document with `scores` (else
   * null): how much the best tag sequence that makes the token part of a cue scores above the best
   * one that does not (max-marginals of the cue decoding; above 0 on the cues found, below 0
   * elsewhere). What the model thinks of a cue it did not find: the learned stage's veto reads it
   * at the rule stages' statements, so scores are computed only in the paragraphs that hold one of
   * the rule stages' cues (doc.cues); elsewhere, and where the tagger did not score a token (no cue
   * candidate, or a paragraph without one), the score is -Infinity.
   */
  cueScoresOf(doc: Doc): Float32Array | null {
    return this.cueScores.get(doc) ?? null;
  }

  /** The cue tagger's pass over a document (null for a Doc without tokens); with `scores`, also the
   * tokens' cue scores (cueScoresOf). */
  private cuesOf(doc: Doc, withScores = false): DocumentCues | null {
    if (!doc.tokens.length) return null;
    const t = buildTokenTable(doc, this.classes, this.candidates);
    const cues: FoundCue[] = [];
    const scores = withScores ? new Float32Array(t.n).fill(-Infinity) : null;
    if (scores) this.cueScores.set(doc, scores);
    else this.cueScores.delete(doc);
    // A paragraph gets scores only if it holds a token of the rule stages' cues: ruleCues[i] counts
    // those tokens before token i (prefix sums, so a paragraph is asked in constant time).
    let ruleCues: Int32Array | null = null;
    if (scores && doc.cues.length) {
      const mark = new Uint8Array(t.n);
      for (const c of doc.cues) mark.fill(1, Math.max(0, c.firstToken), Math.min(t.n, c.endToken));
      ruleCues = new Int32Array(t.n + 1);
      for (let i = 0; i < t.n; i++) ruleCues[i + 1] = ruleCues[i]! + mark[i]!;
    }
    for (let p = 0; p < t.paraStart.length; p++) {
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      if (to <= from || (this.prune && t.paraCandidates[p] === 0)) continue;
      const scored = ruleCues !== null && ruleCues[to]! > ruleCues[from]!;
      for (const c of this.findCues(t, from, to, scored ? scores : null)) cues.push({ run: c.run, margin: c.margin, para: p });
    }
    return { doc, table: t, cues };
  }

  /** The role tagger's pass over the cues cuesOf found in a document. */
  private attributionsOf(found: DocumentCues): PredictedAttribution[] {
    const { doc, table: t, cues } = found;
    this.prepareEmitter();
    const otherCue = new Uint8Array(t.n);
    for (const c of cues) otherCue.fill(1, c.run.first, c.run.end);
    const out: PredictedAttribution[] = [];
    for (const c of cues) {
      // The role tagger reads the cue's paragraph, clipped to ROLE_WINDOW tokens on each side of
      // the cue: one decoding per cue over a whole paragraph is quadratic on a giant paragraph
      // (1 MB on one line took minutes), and no attribution reaches that far from its cue.
      const from = Math.max(t.paraStart[c.para]!, c.run.first - ROLE_WINDOW);
      const to = Math.min(t.paraEnd[c.para]!, c.run.end + ROLE_WINDOW);
      const roles = this.findRoles(t, from, to, c.run, otherCue);
      if (this.requireContent && !roles.content.length) continue;
      let quotedTokens = 0, plainTokens = 0;
      for (const r of roles.content) {
        for (let i = r.first; i < r.end; i++) {
          if (!isWordlike(doc.tokens[i]!.text)) continue;
          if (t.inQuote[i]) quotedTokens++;
          else plainTokens++;
        }
      }
      out.push({ cue: c.run, source: roles.source, content: roles.content, margin: c.margin, quotedTokens, plainTokens });
    }
    return this.univocal ? univocal(out) : out;
  }
}
