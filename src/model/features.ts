// Features for the attribution model, computed from exactly what the pipeline's tokens stage gives
// at run time (token text, lower case, lemma, universal POS, sentence, paragraph). Per document,
// each token's string attributes are hashed once into typed arrays (TokenTable); the cue and role
// feature templates then combine those ids with integers only, so the per-cue loops allocate nothing.

import type { Doc } from '../core/doc.js';
import { finish, hashString, hashSuffix, mix, mix3, mix4, mixFourth, mixHead, mixThird } from './hashing.js';
import { packedWordClasses, type WordClassTable } from './word-classes.js';
import type { CueCandidates } from './cue-candidates.js';
import type { FeatureBuffer } from './perceptron.js';
import type { CueNetwork } from './cue-network.js';

export const QUOTE_NONE = 0;
export const QUOTE_OPEN = 1;
export const QUOTE_CLOSE = 2;

/** The per-token attributes every template reads, hashed once per document. */
export interface TokenTable {
  n: number;
  lower: Uint32Array;
  lemma: Uint32Array;
  pos: Uint32Array;
  shape: Uint32Array;
  suffix: Uint32Array;
  /** WordNet supersenses of the lemma (see word-classes.ts): first verb sense, verb-sense mask,
   * first noun sense; 0 when unknown. */
  wnVerb: Uint8Array;
  wnMask: Uint16Array;
  wnNoun: Uint8Array;
  /** QUOTE_OPEN / QUOTE_CLOSE for double quotation marks, else QUOTE_NONE. */
  quote: Uint8Array;
  /** 1 when the token stands inside a double quotation (the marks themselves excluded). */
  inQuote: Uint8Array;
  /** 1 for , ; : — – ( ) tokens (clause punctuation). */
  clausePunct: Uint8Array;
  /** 1 when a double quotation mark stands earlier / later in the token's sentence. */
  quoteBefore: Uint8Array;
  quoteAfter: Uint8Array;
  sentence: Int32Array;
  paragraph: Int32Array;
  /** Position of the token in its sentence (0 = first) and from the end (0 = last). */
  fromSentenceStart: Int32Array;
  toSentenceEnd: Int32Array;
  /** Clause context for the cue tagger (see clauseContext below): the first complement marker in
   * the next COMPLEMENT_REACH tokens of the sentence ("that", "about", "to", "whether", a colon or
   * an opening quotation mark ...) as marker * 2 + (farther than the next token), 0 for none. */
  compAfter: Uint8Array;
  /** The nearest nominal before the token in its sentence (a subject guess): SUBJ_* codes. */
  subject: Uint8Array;
  /** What stands earlier in the sentence: 3 * (1 for a communication or cognition verb, + 2 for a
   * "that") + the number of verbs (at most 2). Separates main-clause predicates from verbs inside
   * reported content. */
  clauseBefore: Uint8Array;
  /** 1 when the token may be (part of) a cue; 0 when its lemma was seen often in training and
   * (almost) never in a cue (cue-candidates.ts; the cue tagger forces it to O without scoring it).
   * All 1 without a candidate list. */
  candidate: Uint8Array;
  /** Per paragraph: the number of candidate tokens. */
  paraCandidates: Int32Array;
  /** Paragraph token ranges: paragraph p covers tokens [paraStart[p], paraEnd[p]). */
  paraStart: Int32Array;
  paraEnd: Int32Array;
}

// The quotation marks and clause punctuation buildTokenTable recognises, as UTF-16 code units (each
// is one code unit; '--' is the one two-character clause mark): compared as numbers, the tests cost
// no string hashing, unlike Set look-ups of each token's text.
/** Opening double quotation marks: “ « „. */
function isOpeningMark(c: number): boolean {
  return c === 0x201c || c === 0xab || c === 0x201e;
}
/** Closing double quotation marks: ” ». */
function isClosingMark(c: number): boolean {
  return c === 0x201d || c === 0xbb;
}
/** Clause punctuation: , ; : — – ( ). */
function isClauseMark(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || c === 0x2014 || c === 0x2013 || c === 40 || c === 41;
}

/** Words that open a complement after a predicate ("raising questions about", "vowed to",
 * "claim that"), by code; opening quotation marks are code OPEN_QUOTE_MARKER. */
const MARKERS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  that: 1, about: 2, to: 3, whether: 4, if: 4, how: 5, why: 5, what: 5, who: 5, when: 5, where: 5,
  ':': 6, for: 7, of: 8, on: 9, against: 10, with: 11,
});
const OPEN_QUOTE_MARKER = 12;
/** Tokens after a token searched for a complement marker. */
const COMPLEMENT_REACH = 5;
/** Tokens before a token searched for a subject. */
const SUBJECT_REACH = 8;
const PERSONAL = new Set(['i', 'we', 'you', 'he', 'she', 'they', 'me', 'him', 'her', 'us', 'them', 'who']);
/** Subject guesses: none, a personal pronoun, another pronoun, a proper noun, a noun for people or
 * groups, a noun for communication or cognition ("the report"), another noun. */
export const SUBJ_NONE = 0, SUBJ_PERSONAL = 1, SUBJ_PRONOUN = 2, SUBJ_PROPER = 3, SUBJ_PEOPLE = 4, SUBJ_MESSAGE = 5, SUBJ_NOUN = 6;
/** WordNet lexicographer files (lex_filenum) the clause features read. */
const WN_NOUN_COGNITION = 9, WN_NOUN_COMMUNICATION = 10, WN_NOUN_GROUP = 14, WN_NOUN_PERSON = 18;
const WN_VERB_COGNITION = 31, WN_VERB_COMMUNICATION = 32;

/** A word's shape as a hash: X for upper, x for lower, d for digit, other characters kept; runs of
 * more than two of a class collapse (so "Putin" and "Austin" share "Xxx"). Computed without building
 * the string. */
export function shapeHash(s: string): number {
  let h = 0x811c9dc5;
  let last = -1;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let k: number;
    if (c >= 65 && c <= 90) k = 88; // X
    else if (c >= 97 && c <= 122) k = 120; // x
    else if (c >= 48 && c <= 57) k = 100; // d
    else if (c > 127) {
      const ch = s[i]!;
      k = ch.toLowerCase() !== ch ? 88 : ch.toUpperCase() !== ch ? 120 : c;
    } else k = c;
    if (k === last) {
      run++;
      if (run >= 2) continue;
    } else {
      run = 0;
      last = k;
    }
    h ^= k;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** hashString of each POS tag seen (a handful of strings). */
const POS_HASHES = new Map<string, number>();

export function buildTokenTable(doc: Doc, classes: WordClassTable | null = null, candidates: CueCandidates | null = null): TokenTable {
  const tokens = doc.tokens;
  const n = tokens.length;
  const t: TokenTable = {
    n,
    lower: new Uint32Array(n),
    lemma: new Uint32Array(n),
    pos: new Uint32Array(n),
    shape: new Uint32Array(n),
    suffix: new Uint32Array(n),
    wnVerb: new Uint8Array(n),
    wnMask: new Uint16Array(n),
    wnNoun: new Uint8Array(n),
    quote: new Uint8Array(n),
    inQuote: new Uint8Array(n),
    clausePunct: new Uint8Array(n),
    quoteBefore: new Uint8Array(n),
    quoteAfter: new Uint8Array(n),
    sentence: new Int32Array(n),
    paragraph: new Int32Array(n),
    fromSentenceStart: new Int32Array(n),
    toSentenceEnd: new Int32Array(n),
    compAfter: new Uint8Array(n),
    subject: new Uint8Array(n),
    clauseBefore: new Uint8Array(n),
    candidate: new Uint8Array(n),
    paraCandidates: new Int32Array(doc.paragraphs.length),
    paraStart: new Int32Array(doc.paragraphs.length),
    paraEnd: new Int32Array(doc.paragraphs.length),
  };
  const marker = new Uint8Array(n);
  /** Per token: SUBJ_* as a nominal, 0 for any other token; 1 for a verb (+2 when of communication
   * or cognition) in isVerb. */
  const nominal = new Uint8Array(n);
  const isVerb = new Uint8Array(n);
  const packed = classes ? packedWordClasses(classes) : null;
  let open = false;
  let pairedMark = false;
  let paragraph = -1;
  for (let i = 0; i < n; i++) {
    const tok = tokens[i]!;
    if (tok.paragraph !== paragraph) {
      paragraph = tok.paragraph;
      open = false;
      if (paragraph >= 0 && paragraph < t.paraStart.length) t.paraStart[paragraph] = i;
    }
    if (paragraph >= 0 && paragraph < t.paraEnd.length) t.paraEnd[paragraph] = i + 1;
    const lw = tok.lower;
    const text = tok.text;
    t.lower[i] = hashString(lw);
    t.lemma[i] = tok.lemma === lw ? t.lower[i]! : hashString(tok.lemma);
    t.candidate[i] = !candidates || candidates.isCandidate(t.lemma[i]!) ? 1 : 0;
    if (t.candidate[i] && paragraph >= 0 && paragraph < t.paraCandidates.length) t.paraCandidates[paragraph]++;
    let p = POS_HASHES.get(tok.pos);
    if (p === undefined) POS_HASHES.set(tok.pos, (p = hashString(tok.pos)));
    t.pos[i] = p;
    t.shape[i] = shapeHash(text);
    t.suffix[i] = lw.length > 3 ? hashSuffix(lw, 3) : t.lower[i]!;
    if (packed && tok.pos !== 'PROPN' && tok.pos !== 'PUNCT') {
      // One dictionary look-up of a number (word-classes.ts, packedWordClasses).
      const c = packed[tok.lemma];
      if (c !== undefined) {
        t.wnMask[i] = c & 0xffff;
        t.wnVerb[i] = (c >>> 16) & 0xff;
        t.wnNoun[i] = c >>> 24;
      }
    }
    // Two apostrophes (or backquotes) in a row stand for a double quotation mark in some
    // newsrooms' plain-text copy (''It is over,'' he said) and in PTB-style text (``...'').
    // Pairs are rare: every value their branches read is computed on every token, and the
    // branches only assign locals, so that V8 has type feedback for all of it before the first
    // pair appears (a string comparison, an offset test and a store reached only then
    // deoptimised this function twice per BBC run).
    const next = i + 1 < n ? tokens[i + 1]! : tok;
    const mark = text.length === 1 ? text.charCodeAt(0) : 0;
    const nextMark = next.text.length === 1 ? next.text.charCodeAt(0) : -1;
    const touching = next.start === tok.end;
    const sameMarkTouching = nextMark === mark && touching;
    const previousQuote = i > 0 ? t.quote[i - 1]! : QUOTE_NONE;
    const pairOpens: boolean = mark === 96 || !open;
    let quote = QUOTE_NONE;
    if (pairedMark) {
      // The second character of a pair: the same mark as the first.
      quote = previousQuote;
      pairedMark = false;
    } else if ((mark === 39 || mark === 96) && sameMarkTouching) {
      quote = pairOpens ? QUOTE_OPEN : QUOTE_CLOSE;
      open = pairOpens;
      pairedMark = true;
    } else if (isOpeningMark(mark)) {
      quote = QUOTE_OPEN;
      open = true;
    } else if (isClosingMark(mark)) {
      quote = QUOTE_CLOSE;
      open = false;
    } else if (mark === 34 || mark === 0x201f) {
      quote = open ? QUOTE_CLOSE : QUOTE_OPEN;
      open = !open;
    } else {
      t.inQuote[i] = open ? 1 : 0;
    }
    t.quote[i] = quote;
    if (isClauseMark(mark) || text === '--') t.clausePunct[i] = 1;
    marker[i] = t.quote[i] === QUOTE_OPEN ? OPEN_QUOTE_MARKER : lw.length <= 7 ? (MARKERS[lw] ?? 0) : 0;
    const pos = tok.pos;
    if (pos === 'VERB') isVerb[i] = t.wnVerb[i] === WN_VERB_COMMUNICATION || t.wnVerb[i] === WN_VERB_COGNITION ? 3 : 1;
    else if (pos === 'PRON') nominal[i] = PERSONAL.has(lw) ? SUBJ_PERSONAL : SUBJ_PRONOUN;
    else if (pos === 'PROPN') nominal[i] = SUBJ_PROPER;
    else if (pos === 'NOUN') {
      const wn = t.wnNoun[i];
      nominal[i] = wn === WN_NOUN_PERSON || wn === WN_NOUN_GROUP ? SUBJ_PEOPLE : wn === WN_NOUN_COMMUNICATION || wn === WN_NOUN_COGNITION ? SUBJ_MESSAGE : SUBJ_NOUN;
    }
    t.sentence[i] = tok.sentence;
    t.paragraph[i] = tok.paragraph;
  }
  for (const s of doc.sentences) {
    let seen = 0;
    let verbs = 0, report = 0, that = 0, subject = SUBJ_NONE, subjectAt = -1;
    for (let i = s.firstToken; i < s.endToken; i++) {
      t.fromSentenceStart[i] = i - s.firstToken;
      t.toSentenceEnd[i] = s.endToken - 1 - i;
      t.quoteBefore[i] = seen;
      if (t.quote[i]) seen = 1;
      t.clauseBefore[i] = 3 * (report + that) + verbs;
      t.subject[i] = i - subjectAt <= SUBJECT_REACH ? subject : SUBJ_NONE;
      if (isVerb[i]) {
        if (verbs < 2) verbs++;
        if (isVerb[i] === 3) report = 1;
      } else if (marker[i] === 1) that = 2;
      if (nominal[i]) {
        subject = nominal[i]!;
        subjectAt = i;
      }
      const reach = Math.min(s.endToken, i + 1 + COMPLEMENT_REACH);
      for (let j = i + 1; j < reach; j++) {
        if (marker[j]) {
          t.compAfter[i] = marker[j]! * 2 + (j > i + 1 ? 1 : 0);
          break;
        }
      }
    }
    seen = 0;
    for (let i = s.endToken - 1; i >= s.firstToken; i--) {
      t.quoteAfter[i] = seen;
      if (t.quote[i]) seen = 1;
    }
  }
  return t;
}

// Template ids: arbitrary distinct constants (changing one invalidates the shipped weights).
const enum F {
  Bias = 1, Lower, Lemma, Pos, Shape, Suffix, PrevLower, NextLower, Prev2Lower, Next2Lower,
  PrevLemmaLemma, LemmaNextLemma, PrevPosPos, PosNextPos, Pos3, InQuote, InQuoteLemma, InQuotePos,
  QuoteMark, NextQuote, PrevQuote, LemmaNextPos, PrevPosLemma, SentStart, SentEnd, LemmaSentStart,
  NextClause, PrevClause, LemmaNextLower, PrevLowerLemma, Next2Pos, ParaHasQuote,
  PosNextLower, PosNext2Lower, PrevLowerPos, PrevPosPosNextLower, QuoteInSentence, LemmaQuoteInSentence,
  Headline, LemmaNext2Lower, PrevLowerPrev2Lower, WnVerbPos, WnMaskPos, WnNounPos, WnVerbNextLower,
  WnVerbInQuote, WnVerbPrevPos, WnNounNextLower, WnPrevVerb, WnNextVerb,
  CompPos, CompWnVerb, CompLemma, SubjPos, SubjWnVerb, SubjComp, ClauseBeforePos, ClauseBeforeWnVerb,
  WnNounComp,
  // role templates
  RDir = 100, RDirDist, RDirLower, RDirLemma, RDirPos, RDirShape, RDirPrevPos, RDirNextPos,
  RDirPrevLower, RDirNextLower, RDirPosDist, RDirSent, RDirSentPos, RDirQuote, RDirInQuote,
  RDirCueLemma, RDirCueLemmaPos, RDirCueLemmaDist, RDirCommas, RDirClausePos, RDirQuotesBetween,
  RDirOtherCue, RDirOtherCuePos, RDirCueNext, RDirCueNextDist, RDirCuePrevPos, RDirSentStart,
  RDirSentEnd, RDirPosNextPos, RDirPrevPosPos, RDirCueInQuote, RDirLowerDist, RDirSentStartPos,
  RDirQuoteMarkInQuote, RDirQuotesPos, RDirCuePos, RDirCueClassPos, RDirCueClassDist,
}


/** Whether a double quotation mark stands among tokens [from, to). */
export function hasQuote(t: TokenTable, from: number, to: number): number {
  for (let i = from; i < to; i++) if (t.quote[i]) return 1;
  return 0;
}

/** The id that stands for a neighbour outside the window (any value no interned id takes). */
const CUE_NONE = 0x5bd1e995;
/** The most cue templates per token (there are 59). */
const CUE_TEMPLATES = 64;
const CUE_PARTS = new Int32Array(CUE_TEMPLATES);
/** One token's cue feature ids (finished hashes), handed to the cue network so it does not hash again. */
const CUE_IDS = new Uint32Array(CUE_TEMPLATES);
/** The word-vector row (vector-projection.ts) of each token of the paragraph cueEmissions scores. */
let VECTOR_ROWS = new Int32Array(1024);
const BIAS_HEAD = mixHead(F.Bias, 0);

// mixHead(a, b) === templateHead(a) ^ second(b): the template's half of each cue id, hashed once
// when the module loads. The hot function below spells the other parts out with Math.imul (always
// inlined) instead of calling mixHead / mixThird / mixFourth 50 times per token: V8 does not inline
// that many calls into one function, and each out-of-line call costs more than the multiply.
// The constants are those of hashing.ts; emitters.test.ts checks the ids against mixHead & co.
function templateHead(template: number): number {
  return Math.imul(template, 0x9e3779b1);
}
const H_Lower = templateHead(F.Lower);
const H_Lemma = templateHead(F.Lemma);
const H_Pos = templateHead(F.Pos);
const H_Shape = templateHead(F.Shape);
const H_Suffix = templateHead(F.Suffix);
const H_PrevLower = templateHead(F.PrevLower);
const H_NextLower = templateHead(F.NextLower);
const H_Prev2Lower = templateHead(F.Prev2Lower);
const H_Next2Lower = templateHead(F.Next2Lower);
const H_PrevLemmaLemma = templateHead(F.PrevLemmaLemma);
const H_LemmaNextLemma = templateHead(F.LemmaNextLemma);
const H_PrevPosPos = templateHead(F.PrevPosPos);
const H_PosNextPos = templateHead(F.PosNextPos);
const H_Pos3 = templateHead(F.Pos3);
const H_Next2Pos = templateHead(F.Next2Pos);
const H_InQuote = templateHead(F.InQuote);
const H_InQuoteLemma = templateHead(F.InQuoteLemma);
const H_InQuotePos = templateHead(F.InQuotePos);
const H_QuoteMark = templateHead(F.QuoteMark);
const H_NextQuote = templateHead(F.NextQuote);
const H_PrevQuote = templateHead(F.PrevQuote);
const H_LemmaNextPos = templateHead(F.LemmaNextPos);
const H_PrevPosLemma = templateHead(F.PrevPosLemma);
const H_LemmaNextLower = templateHead(F.LemmaNextLower);
const H_PrevLowerLemma = templateHead(F.PrevLowerLemma);
const H_SentStart = templateHead(F.SentStart);
const H_SentEnd = templateHead(F.SentEnd);
const H_LemmaSentStart = templateHead(F.LemmaSentStart);
const H_NextClause = templateHead(F.NextClause);
const H_PrevClause = templateHead(F.PrevClause);
const H_ParaHasQuote = templateHead(F.ParaHasQuote);
const H_PosNextLower = templateHead(F.PosNextLower);
const H_PosNext2Lower = templateHead(F.PosNext2Lower);
const H_PrevLowerPos = templateHead(F.PrevLowerPos);
const H_PrevPosPosNextLower = templateHead(F.PrevPosPosNextLower);
const H_LemmaNext2Lower = templateHead(F.LemmaNext2Lower);
const H_PrevLowerPrev2Lower = templateHead(F.PrevLowerPrev2Lower);
const H_QuoteInSentence = templateHead(F.QuoteInSentence);
const H_LemmaQuoteInSentence = templateHead(F.LemmaQuoteInSentence);
const H_Headline = templateHead(F.Headline);
const H_WnVerbPos = templateHead(F.WnVerbPos);
const H_WnMaskPos = templateHead(F.WnMaskPos);
const H_WnNounPos = templateHead(F.WnNounPos);
const H_WnVerbNextLower = templateHead(F.WnVerbNextLower);
const H_WnVerbInQuote = templateHead(F.WnVerbInQuote);
const H_WnVerbPrevPos = templateHead(F.WnVerbPrevPos);
const H_WnNounNextLower = templateHead(F.WnNounNextLower);
const H_WnPrevVerb = templateHead(F.WnPrevVerb);
const H_WnNextVerb = templateHead(F.WnNextVerb);
const H_CompPos = templateHead(F.CompPos);
const H_CompWnVerb = templateHead(F.CompWnVerb);
const H_CompLemma = templateHead(F.CompLemma);
const H_SubjPos = templateHead(F.SubjPos);
const H_SubjWnVerb = templateHead(F.SubjWnVerb);
const H_SubjComp = templateHead(F.SubjComp);
const H_ClauseBeforePos = templateHead(F.ClauseBeforePos);
const H_ClauseBeforeWnVerb = templateHead(F.ClauseBeforeWnVerb);
const H_WnNounComp = templateHead(F.WnNounComp);

/**
 * The cue templates of token i of the paragraph [from, to), in their fixed order, as hash parts
 * before the final avalanche: feature id k is finish(parts[k]) (see mixHead in hashing.ts). Returns
 * the number of templates. Split from the avalanche so that a summing loop applies finish() from
 * one call site (V8 inlines it there; 50 call sites in one function exceed its inlining budget).
 * Each attribute's second / third / fourth part (mixHead's b, mixThird, mixFourth) is computed once
 * and shared by the templates that read it.
 */
export function cueTokenParts(t: TokenTable, i: number, from: number, to: number, paraHasQuote: number, parts: Int32Array): number {
  const NONE = CUE_NONE;
  const K2 = 0x7f4a7c15, M2 = 0x85ebca77, K3 = 0x165667b1, M3 = 0xc2b2ae3d, K4 = 0x27d4eb2f, M4 = 0x27d4eb2d;
  let j = 0;
  const lo = t.lower[i]!, le = t.lemma[i]!, po = t.pos[i]!;
  const hasPrev = i > from, hasNext = i + 1 < to;
  const pLo = hasPrev ? t.lower[i - 1]! : NONE, nLo = hasNext ? t.lower[i + 1]! : NONE;
  const pLe = hasPrev ? t.lemma[i - 1]! : NONE, nLe = hasNext ? t.lemma[i + 1]! : NONE;
  const pPo = hasPrev ? t.pos[i - 1]! : NONE, nPo = hasNext ? t.pos[i + 1]! : NONE;
  const p2Lo = i > from + 1 ? t.lower[i - 2]! : NONE, n2Lo = i + 2 < to ? t.lower[i + 2]! : NONE;
  const p2Po = i > from + 1 ? t.pos[i - 2]! : NONE, n2Po = i + 2 < to ? t.pos[i + 2]! : NONE;
  const inQ = t.inQuote[i]!;
  // Second parts (mixHead's b).
  const loS = Math.imul(lo ^ K2, M2), leS = Math.imul(le ^ K2, M2), poS = Math.imul(po ^ K2, M2);
  const pLoS = Math.imul(pLo ^ K2, M2), pPoS = Math.imul(pPo ^ K2, M2), inQS = Math.imul(inQ ^ K2, M2);
  // Third parts (mixThird).
  const leT = Math.imul(le ^ K3, M3), poT = Math.imul(po ^ K3, M3), nPoT = Math.imul(nPo ^ K3, M3);
  const nLoT = Math.imul(nLo ^ K3, M3), n2LoT = Math.imul(n2Lo ^ K3, M3);
  // Fourth parts (mixFourth).
  const nLoF = Math.imul(nLo ^ K4, M4);
  parts[j++] = BIAS_HEAD;
  parts[j++] = H_Lower ^ loS;
  parts[j++] = H_Lemma ^ leS;
  parts[j++] = H_Pos ^ poS;
  parts[j++] = H_Shape ^ Math.imul(t.shape[i]! ^ K2, M2);
  parts[j++] = H_Suffix ^ Math.imul(t.suffix[i]! ^ K2, M2);
  parts[j++] = H_PrevLower ^ pLoS;
  parts[j++] = H_NextLower ^ Math.imul(nLo ^ K2, M2);
  parts[j++] = H_Prev2Lower ^ Math.imul(p2Lo ^ K2, M2);
  parts[j++] = H_Next2Lower ^ Math.imul(n2Lo ^ K2, M2);
  parts[j++] = H_PrevLemmaLemma ^ Math.imul(pLe ^ K2, M2) ^ leT;
  parts[j++] = H_LemmaNextLemma ^ leS ^ Math.imul(nLe ^ K3, M3);
  parts[j++] = H_PrevPosPos ^ pPoS ^ poT;
  parts[j++] = H_PosNextPos ^ poS ^ nPoT;
  parts[j++] = H_Pos3 ^ pPoS ^ poT ^ Math.imul(nPo ^ K4, M4);
  parts[j++] = H_Next2Pos ^ Math.imul((n2Po ^ Math.imul(p2Po, 31)) ^ K2, M2);
  parts[j++] = H_InQuote ^ inQS;
  parts[j++] = H_InQuoteLemma ^ inQS ^ leT;
  parts[j++] = H_InQuotePos ^ inQS ^ poT;
  parts[j++] = H_QuoteMark ^ Math.imul(t.quote[i]! ^ K2, M2);
  parts[j++] = H_NextQuote ^ Math.imul((hasNext ? t.quote[i + 1]! : 9) ^ K2, M2) ^ poT;
  parts[j++] = H_PrevQuote ^ Math.imul((hasPrev ? t.quote[i - 1]! : 9) ^ K2, M2) ^ poT;
  parts[j++] = H_LemmaNextPos ^ leS ^ nPoT;
  parts[j++] = H_PrevPosLemma ^ pPoS ^ leT;
  parts[j++] = H_LemmaNextLower ^ leS ^ nLoT;
  parts[j++] = H_PrevLowerLemma ^ pLoS ^ leT;
  const ss = t.fromSentenceStart[i]!, se = t.toSentenceEnd[i]!;
  parts[j++] = H_SentStart ^ Math.imul((ss > 3 ? 3 : ss) ^ K2, M2);
  parts[j++] = H_SentEnd ^ Math.imul((se > 3 ? 3 : se) ^ K2, M2);
  parts[j++] = H_LemmaSentStart ^ leS ^ Math.imul((ss === 0 ? 1 : 0) ^ K3, M3);
  parts[j++] = H_NextClause ^ Math.imul((hasNext ? t.clausePunct[i + 1]! : 2) ^ K2, M2) ^ poT;
  parts[j++] = H_PrevClause ^ Math.imul((hasPrev ? t.clausePunct[i - 1]! : 2) ^ K2, M2) ^ poT;
  parts[j++] = H_ParaHasQuote ^ Math.imul(paraHasQuote ^ K2, M2) ^ poT;
  parts[j++] = H_PosNextLower ^ poS ^ nLoT;
  parts[j++] = H_PosNext2Lower ^ poS ^ n2LoT;
  parts[j++] = H_PrevLowerPos ^ pLoS ^ poT;
  parts[j++] = H_PrevPosPosNextLower ^ pPoS ^ poT ^ nLoF;
  parts[j++] = H_LemmaNext2Lower ^ leS ^ n2LoT;
  parts[j++] = H_PrevLowerPrev2Lower ^ pLoS ^ Math.imul(p2Lo ^ K3, M3);
  // Quotation marks in the same sentence, before and after the token (speech verbs sit next to quotes).
  const qb = t.quoteBefore[i]!, qa = t.quoteAfter[i]!;
  const qbS = Math.imul(qb ^ K2, M2), qaT = Math.imul(qa ^ K3, M3);
  parts[j++] = H_QuoteInSentence ^ qbS ^ qaT ^ Math.imul(po ^ K4, M4);
  parts[j++] = H_LemmaQuoteInSentence ^ qbS ^ qaT ^ Math.imul(le ^ K4, M4);
  parts[j++] = H_Headline ^ Math.imul((t.paragraph[i] === 0 ? 1 : 0) ^ K2, M2) ^ poT;
  const wv = t.wnVerb[i]!, wn = t.wnNoun[i]!;
  const wvS = Math.imul(wv ^ K2, M2), wnS = Math.imul(wn ^ K2, M2);
  parts[j++] = H_WnVerbPos ^ wvS ^ poT;
  parts[j++] = H_WnMaskPos ^ Math.imul(t.wnMask[i]! ^ K2, M2) ^ poT;
  parts[j++] = H_WnNounPos ^ wnS ^ poT;
  parts[j++] = H_WnVerbNextLower ^ wvS ^ poT ^ nLoF;
  parts[j++] = H_WnVerbInQuote ^ wvS ^ poT ^ Math.imul(inQ ^ K4, M4);
  parts[j++] = H_WnVerbPrevPos ^ wvS ^ poT ^ Math.imul(pPo ^ K4, M4);
  parts[j++] = H_WnNounNextLower ^ wnS ^ poT ^ nLoF;
  parts[j++] = H_WnPrevVerb ^ Math.imul((hasPrev ? t.wnVerb[i - 1]! : 99) ^ K2, M2) ^ poT;
  parts[j++] = H_WnNextVerb ^ Math.imul((hasNext ? t.wnVerb[i + 1]! : 99) ^ K2, M2) ^ poT;
  // Clause context: a complement after the token, a subject before it, what the sentence held
  // before it (features that reach past the lemma to unseen predicates of belief and evaluation).
  const comp = t.compAfter[i]!, subj = t.subject[i]!, before = t.clauseBefore[i]!;
  const compS = Math.imul(comp ^ K2, M2), compT = Math.imul(comp ^ K3, M3), subjS = Math.imul(subj ^ K2, M2);
  const beforeS = Math.imul(before ^ K2, M2), wvT = Math.imul(wv ^ K3, M3), poF = Math.imul(po ^ K4, M4);
  parts[j++] = H_CompPos ^ compS ^ poT;
  parts[j++] = H_CompWnVerb ^ compS ^ wvT ^ poF;
  parts[j++] = H_CompLemma ^ compS ^ leT;
  parts[j++] = H_SubjPos ^ subjS ^ poT;
  parts[j++] = H_SubjWnVerb ^ subjS ^ wvT ^ poF;
  parts[j++] = H_SubjComp ^ subjS ^ compT ^ poF;
  parts[j++] = H_ClauseBeforePos ^ beforeS ^ poT;
  parts[j++] = H_ClauseBeforeWnVerb ^ beforeS ^ wvT ^ poF;
  parts[j++] = H_WnNounComp ^ wnS ^ compT ^ Math.imul(pPo ^ K4, M4);
  return j;
}

/**
 * Cue tagger features for tokens [from, to) (one paragraph): one position per token.
 * The tags are O / B-cue / I-cue; the learner conjoins every feature with the tag.
 */
export function cueFeatures(t: TokenTable, from: number, to: number, buf: FeatureBuffer): void {
  buf.reset();
  const paraHasQuote = hasQuote(t, from, to);
  const parts = CUE_PARTS;
  for (let i = from; i < to; i++) {
    const count = cueTokenParts(t, i, from, to, paraHasQuote, parts);
    for (let k = 0; k < count; k++) buf.add(finish(parts[k]!));
    buf.next();
  }
}

/**
 * The cue tagger's emission scores (n x 3 into `out`, grown as needed and returned) for tokens
 * [from, to), equal to the bit to `perceptron.emissions(cueFeatures(...))` with final weights and
 * tag bias: the same ids summed in the same order, without the feature buffer in between. With
 * `prune`, tokens that are no cue candidate (TokenTable.candidate) are not scored: O gets 0 and the
 * cue tags -Infinity, so the decoding forces them to O. With a cue network, each scored token's
 * weighted network scores are added, from the feature ids hashed here (the network does not hash
 * again); for the shipped shape its embedding rows are summed in the perceptron's loop, and the
 * word-vector parts of the token and its neighbours (vector-projection.ts) are added to those sums.
 */
export function cueEmissions(t: TokenTable, from: number, to: number, weights: Float32Array, bits: number, bias: Float64Array, out: Float64Array, prune = false, network: CueNetwork | null = null): Float64Array {
  const n = to - from;
  const e = out.length >= n * 3 ? out : new Float64Array(n * 6);
  const mask = (1 << bits) - 1;
  const paraHasQuote = hasQuote(t, from, to);
  const parts = CUE_PARTS, ids = CUE_IDS;
  const b0 = bias[0]!, b1 = bias[1]!, b2 = bias[2]!;
  const candidate = t.candidate;
  // The network's embedding rows when they are summed here, next to the perceptron's (the loads of
  // both tables miss the cache; in one loop more of the misses are in flight at once).
  const E = network && network.sumsInline ? network.embed : null;
  const netMask = network ? network.mask : 0;
  // The network's word-vector parts: per token and offset from it, 8 hidden parts and 3 score parts.
  const projection = E ? network!.projection : null;
  const window = projection ? projection.window : 0;
  const C = projection ? projection.parts.codes : null;
  const S = projection ? projection.parts.scales : null;
  const width = projection ? projection.width : 0;
  if (projection) {
    if (VECTOR_ROWS.length < n) VECTOR_ROWS = new Int32Array(n * 2);
    projection.fillRows(t.lower, t.lemma, from, to, VECTOR_ROWS);
  }
  const rows = VECTOR_ROWS;
  for (let i = from; i < to; i++) {
    if (prune && !candidate[i]) {
      // No cue candidate: only O may stand here, so its score is irrelevant to the decoding.
      const row = (i - from) * 3;
      e[row] = 0;
      e[row + 1] = -Infinity;
      e[row + 2] = -Infinity;
      continue;
    }
    const count = cueTokenParts(t, i, from, to, paraHasQuote, parts);
    if (E) {
      // Each id's two row offsets: the perceptron's (bits of the model) and the network's (its own
      // bits of the same hash, times its 8 hidden units).
      for (let k = 0; k < count; k++) {
        const id = finish(parts[k]!);
        ids[k] = (id & netMask) << 3;
        parts[k] = (id & mask) * 3;
      }
      let s0 = b0, s1 = b1, s2 = b2;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
      for (let k = 0; k < count; k++) {
        const base = parts[k]!, r = ids[k]!;
        s0 += weights[base]!;
        s1 += weights[base + 1]!;
        s2 += weights[base + 2]!;
        a0 += E[r]!; a1 += E[r + 1]!; a2 += E[r + 2]!; a3 += E[r + 3]!;
        a4 += E[r + 4]!; a5 += E[r + 5]!; a6 += E[r + 6]!; a7 += E[r + 7]!;
      }
      const row = (i - from) * 3;
      e[row] = s0;
      e[row + 1] = s1;
      e[row + 2] = s2;
      if (C) {
        // The word-vector parts of the token's neighbours and its own (offset -window first), each
        // decoded as WordVectorProjection.part decodes it: code x column scale, rounded to float32.
        const f = Math.fround, Sc = S!;
        let q0 = 0, q1 = 0, q2 = 0;
        for (let k = 0, j = i - window; j <= i + window; k++, j++) {
          if (j < from || j >= to) continue;
          const r = rows[j - from]!;
          if (r < 0) continue;
          const c = k * 11; // 11 parts an offset: 8 hidden, 3 scores (the inline shape)
          const at = r * width + c;
          a0 += f(C[at]! * Sc[c]!); a1 += f(C[at + 1]! * Sc[c + 1]!); a2 += f(C[at + 2]! * Sc[c + 2]!); a3 += f(C[at + 3]! * Sc[c + 3]!);
          a4 += f(C[at + 4]! * Sc[c + 4]!); a5 += f(C[at + 5]! * Sc[c + 5]!); a6 += f(C[at + 6]! * Sc[c + 6]!); a7 += f(C[at + 7]! * Sc[c + 7]!);
          q0 += f(C[at + 8]! * Sc[c + 8]!); q1 += f(C[at + 9]! * Sc[c + 9]!); q2 += f(C[at + 10]! * Sc[c + 10]!);
        }
        const q = network!.outSums;
        q[0] = q0; q[1] = q1; q[2] = q2;
      }
      const h = network!.hiddenSums;
      h[0] = a0; h[1] = a1; h[2] = a2; h[3] = a3; h[4] = a4; h[5] = a5; h[6] = a6; h[7] = a7;
      network!.addHiddenSums8(e, row);
      continue;
    }
    // Row offsets first, then a loop of bare loads: the weight rows mostly miss the cache, and
    // without the hashing between them the CPU keeps more of those misses in flight at once.
    for (let k = 0; k < count; k++) {
      const id = finish(parts[k]!);
      ids[k] = id;
      parts[k] = (id & mask) * 3;
    }
    let s0 = b0, s1 = b1, s2 = b2;
    for (let k = 0; k < count; k++) {
      const base = parts[k]!;
      s0 += weights[base]!;
      s1 += weights[base + 1]!;
      s2 += weights[base + 2]!;
    }
    const row = (i - from) * 3;
    e[row] = s0;
    e[row + 1] = s1;
    e[row + 2] = s2;
    if (network) network.addTokenScores(ids, count, e, row);
  }
  return e;
}

/** Signed distance buckets: 0 inside the cue, ±1..±8 by growing ranges. */
function distBucket(d: number): number {
  const a = d < 0 ? -d : d;
  const b = a <= 3 ? a : a <= 5 ? 4 : a <= 8 ? 5 : a <= 12 ? 6 : a <= 20 ? 7 : 8;
  return d < 0 ? -b : b;
}

function clip(x: number, max: number): number {
  return x > max ? max : x < -max ? -max : x;
}

/** Scratch prefix counts for role features (reused between calls). */
export class RoleScratch {
  commas = new Int32Array(256);
  quotes = new Int32Array(256);
  others = new Int32Array(256);
  /** The cue's context (W_* indices), as numbers in a typed array: returned in an object, they
   * made V8 deoptimise the role emitter once per run, when a value first outgrew a small integer
   * (the object field's representation changes, and with it the object's map). */
  readonly window = new Float64Array(6);
  ensure(n: number): void {
    if (this.commas.length < n + 1) {
      this.commas = new Int32Array(2 * n + 2);
      this.quotes = new Int32Array(2 * n + 2);
      this.others = new Int32Array(2 * n + 2);
    }
  }
}


/** The cue's context as prepareRoleWindow writes it into RoleScratch.window, by index. */
const W_SENTENCE = 0, W_IN_QUOTE = 1, W_NEXT = 2, W_PREV_POS = 3, W_POS = 4, W_CLASS = 5;

/** Fills the scratch prefix sums (clause punctuation, quote marks, other cues) over tokens
 * [from, to) and reads the cue's context; shared by the reference and the fast role paths, which
 * must agree to the last bit. */
function prepareRoleWindow(t: TokenTable, from: number, to: number, cueStart: number, cueEnd: number, otherCue: Uint8Array, scratch: RoleScratch): Float64Array {
  const n = to - from;
  scratch.ensure(n);
  const commas = scratch.commas, quotes = scratch.quotes, others = scratch.others;
  commas[0] = quotes[0] = others[0] = 0;
  for (let k = 0; k < n; k++) {
    const i = from + k;
    commas[k + 1] = commas[k]! + t.clausePunct[i]!;
    quotes[k + 1] = quotes[k]! + (t.quote[i] ? 1 : 0);
    others[k + 1] = others[k]! + otherCue[i]!;
  }
  let cueClass = 0;
  for (let i = cueStart; i < cueEnd; i++) cueClass = cueClass * 64 + t.wnVerb[i]! + t.wnNoun[i]!;
  const w = scratch.window;
  w[W_SENTENCE] = t.sentence[cueStart]!;
  w[W_IN_QUOTE] = t.inQuote[cueStart]!;
  w[W_NEXT] = cueEnd < to ? t.lower[cueEnd]! : CUE_NONE;
  w[W_PREV_POS] = cueStart > from ? t.pos[cueStart - 1]! : CUE_NONE;
  w[W_POS] = t.pos[cueEnd - 1]!;
  w[W_CLASS] = cueClass;
  return w;
}

/**
 * Role tagger features: one position per token of the paragraph [from, to), relative to the cue
 * [cueStart, cueEnd). `otherCue[i]` is 1 for tokens of other cues in the document (an attribution's
 * roles rarely reach past another cue). Tags: O, B-source, I-source, B-content, I-content.
 */
export function roleFeatures(
  t: TokenTable,
  from: number,
  to: number,
  cueStart: number,
  cueEnd: number,
  cueLemma: number,
  otherCue: Uint8Array,
  scratch: RoleScratch,
  buf: FeatureBuffer,
): void {
  buf.reset();
  const { commas, quotes, others } = scratch;
  const win = prepareRoleWindow(t, from, to, cueStart, cueEnd, otherCue, scratch);
  const cueSentence = win[W_SENTENCE]!, cueInQuote = win[W_IN_QUOTE]!, cueNext = win[W_NEXT]!, cuePrevPos = win[W_PREV_POS]!, cuePos = win[W_POS]!, cueClass = win[W_CLASS]!;
  const cs = cueStart - from, ce = cueEnd - from;
  for (let i = from; i < to; i++) {
    const k = i - from;
    const dir = i < cueStart ? 0 : i < cueEnd ? 1 : 2;
    const dist = dir === 0 ? -(cueStart - i) : dir === 1 ? 0 : i - cueEnd + 1;
    const db = distBucket(dist);
    // Counts of things strictly between the token and the cue.
    const lo = dir === 0 ? k + 1 : ce, hi = dir === 0 ? cs : k;
    const gap = hi > lo;
    const nCommas = gap ? clip(commas[hi]! - commas[lo]!, 3) : 0;
    const nQuotes = gap ? clip(quotes[hi]! - quotes[lo]!, 3) : 0;
    const nOthers = gap ? clip(others[hi]! - others[lo]!, 2) : 0;
    const sentRel = clip(t.sentence[i]! - cueSentence, 3);
    const lw = t.lower[i]!, le = t.lemma[i]!, po = t.pos[i]!;
    const pPo = i > from ? t.pos[i - 1]! : CUE_NONE, nPo = i + 1 < to ? t.pos[i + 1]! : CUE_NONE;
    const pLo = i > from ? t.lower[i - 1]! : CUE_NONE, nLo = i + 1 < to ? t.lower[i + 1]! : CUE_NONE;
    const d = mix(F.RDir, dir);
    const inQ = t.inQuote[i]!;
    buf.add(d);
    buf.add(mix(d, mix(F.RDirDist, db)));
    buf.add(mix3(d, F.RDirLower, lw));
    buf.add(mix3(d, F.RDirLemma, le));
    buf.add(mix3(d, F.RDirPos, po));
    buf.add(mix3(d, F.RDirShape, t.shape[i]!));
    buf.add(mix3(d, F.RDirPrevPos, pPo));
    buf.add(mix3(d, F.RDirNextPos, nPo));
    buf.add(mix3(d, F.RDirPrevLower, pLo));
    buf.add(mix3(d, F.RDirNextLower, nLo));
    buf.add(mix4(d, F.RDirPosDist, po, db));
    buf.add(mix4(d, F.RDirLowerDist, lw, clip(db, 2)));
    buf.add(mix3(d, F.RDirSent, sentRel));
    buf.add(mix4(d, F.RDirSentPos, sentRel, po));
    buf.add(mix3(d, F.RDirQuote, t.quote[i]!));
    buf.add(mix4(d, F.RDirInQuote, inQ, cueInQuote));
    buf.add(mix4(d, F.RDirQuoteMarkInQuote, t.quote[i]! * 4 + inQ, nQuotes));
    buf.add(mix3(d, F.RDirCueLemma, cueLemma));
    buf.add(mix4(d, F.RDirCueLemmaPos, cueLemma, po));
    buf.add(mix4(d, F.RDirCueLemmaDist, cueLemma, clip(db, 3)));
    buf.add(mix4(d, F.RDirCommas, nCommas, sentRel));
    buf.add(mix4(d, F.RDirClausePos, nCommas, po));
    buf.add(mix4(d, F.RDirQuotesBetween, nQuotes, inQ));
    buf.add(mix4(d, F.RDirQuotesPos, nQuotes, po));
    buf.add(mix3(d, F.RDirOtherCue, nOthers));
    buf.add(mix4(d, F.RDirOtherCuePos, nOthers, po));
    buf.add(mix3(d, F.RDirCueNext, cueNext));
    buf.add(mix4(d, F.RDirCueNextDist, cueNext, clip(db, 2)));
    buf.add(mix4(d, F.RDirCuePrevPos, cuePrevPos, clip(db, 2)));
    buf.add(mix4(d, F.RDirCuePos, cuePos, clip(db, 2)));
    buf.add(mix4(d, F.RDirSentStart, t.fromSentenceStart[i]! === 0 ? 1 : 0, sentRel));
    buf.add(mix4(d, F.RDirSentEnd, t.toSentenceEnd[i]! === 0 ? 1 : 0, sentRel));
    buf.add(mix4(d, F.RDirSentStartPos, t.fromSentenceStart[i]! === 0 ? 1 : 0, po));
    buf.add(mix4(d, F.RDirPosNextPos, po, nPo));
    buf.add(mix4(d, F.RDirPrevPosPos, pPo, po));
    buf.add(mix4(d, F.RDirCueClassPos, cueClass, po));
    buf.add(mix4(d, F.RDirCueClassDist, cueClass, clip(db, 3)));
    buf.add(mix4(d, F.RDirCueInQuote, cueInQuote, dir === 2 && k === ce ? 1 : 0));
    buf.next();
  }
}

/** Templates the role emitter sums once per (token, direction): those that read only the token and
 * its direction from the cue. */
const TOKEN_TEMPLATES = 13;
/** distBucket() values: -8 .. 8. */
const BUCKETS = 17;
/** Role tags (the row width of the role tagger's weights). */
const ROW = 5;

/**
 * The role tagger's emission scores for one cue, equal to the bit to
 * `perceptron.emissions(roleFeatures(...))`, computed several times faster for prediction.
 * One document's cues share paragraphs, so the role tagger scores most tokens several times; 13 of
 * roleFeatures' 38 templates read only the token and its direction from the cue, 8 only the cue and
 * the distance bucket. Their weights are summed once per document (resp. once per cue and bucket).
 * Of the 17 templates that read both, none is hashed per (token, cue) pair: those of small context
 * values come from tables filled when the emitter is built (contextA, contextB), those of the
 * token's POS and a small value from tables filled per POS tag (posTables), the two of the cue and
 * the token's POS from a table filled per cue, and the token's word by distance (near or far) from
 * a table filled per document.
 * This reorders the floating-point sum, which is exact only when the weights allow it: use it only
 * when sumsAreOrderFree() holds for the weights and the tag bias (it does for the shipped model);
 * then every order gives the same bits. Keep the templates in step with roleFeatures (a test
 * compares the two on every cue of a set of documents).
 */
export class RoleEmitter {
  readonly weights: Float32Array;
  private readonly mask: number;
  private readonly bias: Float64Array;
  private tokenSums = new Float64Array(0);
  /** Per (token, direction): 0 = not summed, else 1 + 2 * hasPrev + 4 * hasNext of the window it was summed for. */
  private tokenState = new Uint8Array(0);
  private readonly bucketSums = new Float64Array(BUCKETS * ROW);
  private readonly bucketDone = new Uint8Array(BUCKETS);
  private emit = new Float64Array(0);
  private table: TokenTable | null = null;
  /** Per (token, direction, near / far): the row of the template RDirLowerDist, whose distance is
   * clipped to 2 (near: the token next to the cue, or inside it); lowerDone marks the rows filled. */
  private lowerSums = new Float64Array(0);
  private lowerDone = new Uint8Array(0);
  /** The POS tags seen so far (their hashes), numbered in order of appearance, and each token's
   * number in the current document (see begin). */
  private posHashes = new Uint32Array(32);
  private posCount = 0;
  private tokenPos = new Int32Array(0);
  /** Per POS tag number, POS_BLOCK rows (see posRow): the sums of the templates that read the
   * token's POS and a small value (distance bucket, sentence offset and clause marks, quotation marks
   * and other cues between token and cue). */
  private posTables = new Float64Array(0);
  /** Per (POS tag number, direction), for the current cue: the sum of RDirCueLemmaPos and
   * RDirCueClassPos; cuePosDone marks the rows filled. */
  private cuePosSums = new Float64Array(0);
  private cuePosDone = new Uint8Array(0);

  /** Sums of the pair templates that read only small context values, per context (see
   * contextA / contextB): filled once, when the emitter is built. */
  private readonly contextA: Float64Array;
  private readonly contextB: Float64Array;

  constructor(weights: Float32Array, bits: number, bias: Float64Array) {
    this.weights = weights;
    this.mask = (1 << bits) - 1;
    this.bias = bias;
    this.contextA = new Float64Array(CONTEXT_A * ROW);
    this.contextB = new Float64Array(CONTEXT_B * ROW);
    const sum = (into: Float64Array, at: number, ids: number[]): void => {
      for (const id of ids) {
        const base = (finish(id) & this.mask) * ROW;
        for (let r = 0; r < ROW; r++) into[at * ROW + r] += weights[base + r]!;
      }
    };
    for (let dir = 0; dir < 3; dir++) {
      const h = dir * PAIR_TEMPLATES;
      for (let sentRel = -3; sentRel <= 3; sentRel++) {
        for (let commas = 0; commas <= 3; commas++) {
          for (const first of [0, 1]) {
            for (const last of [0, 1]) {
              sum(this.contextA, contextA(dir, sentRel, commas, first, last), [
                PAIR_HEADS[h + 2]! ^ mixThird(sentRel),
                PAIR_HEADS[h + 7]! ^ mixThird(commas) ^ mixFourth(sentRel),
                PAIR_HEADS[h + 13]! ^ mixThird(first) ^ mixFourth(sentRel),
                PAIR_HEADS[h + 14]! ^ mixThird(last) ^ mixFourth(sentRel),
              ]);
            }
          }
        }
      }
      for (let quote = 0; quote <= 2; quote++) {
        for (const inQ of [0, 1]) {
          for (const cueInQ of [0, 1]) {
            for (let quotes = 0; quotes <= 3; quotes++) {
              for (let others = 0; others <= 2; others++) {
                for (const afterCue of [0, 1]) {
                  sum(this.contextB, contextB(dir, quote, inQ, cueInQ, quotes, others, afterCue), [
                    PAIR_HEADS[h + 4]! ^ mixThird(inQ) ^ mixFourth(cueInQ),
                    PAIR_HEADS[h + 5]! ^ mixThird(quote * 4 + inQ) ^ mixFourth(quotes),
                    PAIR_HEADS[h + 9]! ^ mixThird(quotes) ^ mixFourth(inQ),
                    PAIR_HEADS[h + 11]! ^ mixThird(others),
                    PAIR_HEADS[h + 16]! ^ mixThird(cueInQ) ^ mixFourth(afterCue),
                  ]);
                }
              }
            }
          }
        }
      }
    }
  }

  /** Starts a document (the sums kept for the previous one are dropped). */
  begin(t: TokenTable): void {
    this.table = t;
    const cells = t.n * 3;
    if (this.tokenState.length < cells) {
      this.tokenState = new Uint8Array(cells * 2);
      this.tokenSums = new Float64Array(cells * 2 * ROW);
      this.lowerDone = new Uint8Array(cells * 4);
      this.lowerSums = new Float64Array(cells * 4 * ROW);
      this.tokenPos = new Int32Array(t.n * 2);
    } else {
      this.tokenState.fill(0, 0, cells);
      this.lowerDone.fill(0, 0, cells * 2);
    }
    // The look-up is written out here rather than called per token: a tag hash is a 32-bit value
    // past the small-integer range, which a call that is not inlined receives boxed (a heap
    // number per token); only a tag not seen before goes to addPosTag.
    const pos = t.pos, tokenPos = this.tokenPos;
    for (let i = 0; i < t.n; i++) {
      const po = pos[i]!;
      const hashes = this.posHashes, count = this.posCount;
      let k = 0;
      while (k < count && hashes[k] !== po) k++;
      tokenPos[i] = k < count ? k : this.addPosTag(po);
    }
  }

  /** Numbers a POS tag (hash) not seen before and fills its rows of posTables. The tags come from
   * the tagger's closed set, so there are a handful. */
  private addPosTag(po: number): number {
    const hashes = this.posHashes;
    const number = this.posCount;
    if (number === hashes.length) {
      this.posHashes = new Uint32Array(2 * number);
      this.posHashes.set(hashes);
    }
    this.posHashes[number] = po;
    this.posCount = number + 1;
    if (this.posTables.length < (number + 1) * POS_BLOCK * ROW) {
      const grown = new Float64Array((number + 1) * 2 * POS_BLOCK * ROW);
      grown.set(this.posTables);
      this.posTables = grown;
      this.cuePosSums = new Float64Array((number + 1) * 2 * 3 * ROW);
      this.cuePosDone = new Uint8Array((number + 1) * 2 * 3);
    }
    const w = this.weights, mask = this.mask, into = this.posTables;
    const add = (row: number, id: number): void => {
      const base = (finish(id) & mask) * ROW, at = row * ROW;
      for (let r = 0; r < ROW; r++) into[at + r] += w[base + r]!;
    };
    const poF = mixFourth(po), poT = mixThird(po);
    for (let dir = 0; dir < 3; dir++) {
      const h = dir * PAIR_TEMPLATES;
      for (let db = -8; db <= 8; db++) add(posRow(number, dir, db + 8), PAIR_HEADS[h]! ^ poT ^ mixFourth(db));
      for (let sentRel = -3; sentRel <= 3; sentRel++) {
        for (let commas = 0; commas <= 3; commas++) {
          const row = posRow(number, dir, POS_SENT_COMMAS + (sentRel + 3) * 4 + commas);
          add(row, PAIR_HEADS[h + 3]! ^ mixThird(sentRel) ^ poF);
          add(row, PAIR_HEADS[h + 8]! ^ mixThird(commas) ^ poF);
        }
      }
      for (let quotes = 0; quotes <= 3; quotes++) {
        for (let others = 0; others <= 2; others++) {
          const row = posRow(number, dir, POS_QUOTES_OTHERS + quotes * 3 + others);
          add(row, PAIR_HEADS[h + 10]! ^ mixThird(quotes) ^ poF);
          add(row, PAIR_HEADS[h + 12]! ^ mixThird(others) ^ poF);
        }
      }
    }
    return number;
  }

  /** Fills lowerSums for token i, direction dir, near (clipped distance ±1 or 0) or far (±2). */
  private sumLower(i: number, dir: number, near: number, lw: number): void {
    const clipped = dir === 1 ? 0 : (dir === 0 ? -1 : 1) * (near ? 1 : 2);
    const cell = (i * 3 + dir) * 2 + near;
    const base = (finish(PAIR_HEADS[dir * PAIR_TEMPLATES + 1]! ^ mixThird(lw) ^ mixFourth(clipped)) & this.mask) * ROW;
    const w = this.weights, at = cell * ROW, sums = this.lowerSums;
    for (let r = 0; r < ROW; r++) sums[at + r] = w[base + r]!;
    this.lowerDone[cell] = 1;
  }

  /** Fills cuePosSums for POS tag number pi in direction dir, for the current cue. */
  private sumCuePos(pi: number, dir: number, cueLemmaT: number, cueClassT: number): void {
    const h = dir * PAIR_TEMPLATES, poF = mixFourth(this.posHashes[pi]!);
    const a = (finish(PAIR_HEADS[h + 6]! ^ cueLemmaT ^ poF) & this.mask) * ROW;
    const b = (finish(PAIR_HEADS[h + 15]! ^ cueClassT ^ poF) & this.mask) * ROW;
    const w = this.weights, cell = pi * 3 + dir, at = cell * ROW, sums = this.cuePosSums;
    for (let r = 0; r < ROW; r++) sums[at + r] = w[a + r]! + w[b + r]!;
    this.cuePosDone[cell] = 1;
  }

  private sumToken(t: TokenTable, i: number, dir: number, hasPrev: boolean, hasNext: boolean): void {
    const NONE = CUE_NONE;
    const w = this.weights, mask = this.mask;
    const lw = t.lower[i]!, le = t.lemma[i]!, po = t.pos[i]!;
    const pPo = hasPrev ? t.pos[i - 1]! : NONE, nPo = hasNext ? t.pos[i + 1]! : NONE;
    const pLo = hasPrev ? t.lower[i - 1]! : NONE, nLo = hasNext ? t.lower[i + 1]! : NONE;
    // mixHead(d, template) ^ mixThird(x) [^ mixFourth(y)] with d = mix(F.RDir, dir): the heads come
    // from TOKEN_HEADS, the other parts are spelled out with Math.imul (constants of hashing.ts).
    const K3 = 0x165667b1, M3 = 0xc2b2ae3d, K4 = 0x27d4eb2f, M4 = 0x27d4eb2d;
    const h = dir * TOKEN_TEMPLATES, heads = TOKEN_HEADS;
    const poT = Math.imul(po ^ K3, M3), pPoT = Math.imul(pPo ^ K3, M3), nPoT = Math.imul(nPo ^ K3, M3);
    const ids = TOKEN_IDS;
    ids[0] = heads[h]!;
    ids[1] = heads[h + 1]! ^ Math.imul(lw ^ K3, M3);
    ids[2] = heads[h + 2]! ^ Math.imul(le ^ K3, M3);
    ids[3] = heads[h + 3]! ^ poT;
    ids[4] = heads[h + 4]! ^ Math.imul(t.shape[i]! ^ K3, M3);
    ids[5] = heads[h + 5]! ^ pPoT;
    ids[6] = heads[h + 6]! ^ nPoT;
    ids[7] = heads[h + 7]! ^ Math.imul(pLo ^ K3, M3);
    ids[8] = heads[h + 8]! ^ Math.imul(nLo ^ K3, M3);
    ids[9] = heads[h + 9]! ^ Math.imul(t.quote[i]! ^ K3, M3);
    ids[10] = heads[h + 10]! ^ Math.imul((t.fromSentenceStart[i]! === 0 ? 1 : 0) ^ K3, M3) ^ Math.imul(po ^ K4, M4);
    ids[11] = heads[h + 11]! ^ poT ^ Math.imul(nPo ^ K4, M4);
    ids[12] = heads[h + 12]! ^ pPoT ^ Math.imul(po ^ K4, M4);
    // Row offsets first, then the loads (see cueEmissions).
    for (let f = 0; f < TOKEN_TEMPLATES; f++) ids[f] = (finish(ids[f]!) & mask) * ROW;
    // The token's RDirLowerDist row for the distance most pairs have (far from the cue, or inside
    // it), loaded here beside the other rows of the token rather than on its own.
    const usual = dir === 1 ? 1 : 0;
    if (!this.lowerDone[(i * 3 + dir) * 2 + usual]) this.sumLower(i, dir, usual, lw);
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (let f = 0; f < TOKEN_TEMPLATES; f++) {
      const base = ids[f]!;
      s0 += w[base]!;
      s1 += w[base + 1]!;
      s2 += w[base + 2]!;
      s3 += w[base + 3]!;
      s4 += w[base + 4]!;
    }
    const at = (i * 3 + dir) * ROW, sums = this.tokenSums;
    sums[at] = s0;
    sums[at + 1] = s1;
    sums[at + 2] = s2;
    sums[at + 3] = s3;
    sums[at + 4] = s4;
    this.tokenState[i * 3 + dir] = 1 + (hasPrev ? 2 : 0) + (hasNext ? 4 : 0);
  }

  private sumBucket(db: number, cueLemma: number, cueNext: number, cuePrevPos: number, cuePos: number, cueClass: number): void {
    const w = this.weights, mask = this.mask;
    const d = mix(F.RDir, db < 0 ? 0 : db === 0 ? 1 : 2);
    const ids = TOKEN_IDS;
    ids[0] = mixHead(d, mix(F.RDirDist, db));
    ids[1] = mixHead(d, F.RDirCueLemma) ^ mixThird(cueLemma);
    ids[2] = mixHead(d, F.RDirCueLemmaDist) ^ mixThird(cueLemma) ^ mixFourth(clip(db, 3));
    ids[3] = mixHead(d, F.RDirCueNext) ^ mixThird(cueNext);
    ids[4] = mixHead(d, F.RDirCueNextDist) ^ mixThird(cueNext) ^ mixFourth(clip(db, 2));
    ids[5] = mixHead(d, F.RDirCuePrevPos) ^ mixThird(cuePrevPos) ^ mixFourth(clip(db, 2));
    ids[6] = mixHead(d, F.RDirCuePos) ^ mixThird(cuePos) ^ mixFourth(clip(db, 2));
    ids[7] = mixHead(d, F.RDirCueClassDist) ^ mixThird(cueClass) ^ mixFourth(clip(db, 3));
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0;
    for (let f = 0; f < 8; f++) {
      const base = (finish(ids[f]!) & mask) * ROW;
      s0 += w[base]!;
      s1 += w[base + 1]!;
      s2 += w[base + 2]!;
      s3 += w[base + 3]!;
      s4 += w[base + 4]!;
    }
    const at = (db + 8) * ROW, sums = this.bucketSums;
    sums[at] = s0;
    sums[at + 1] = s1;
    sums[at + 2] = s2;
    sums[at + 3] = s3;
    sums[at + 4] = s4;
    this.bucketDone[db + 8] = 1;
  }

  /** Emission scores (n x 5, valid until the next call) for the role tagger over tokens [from, to)
   * of the document passed to begin(), for the cue [cueStart, cueEnd). Arguments as roleFeatures. */
  emissions(from: number, to: number, cueStart: number, cueEnd: number, cueLemma: number, otherCue: Uint8Array, scratch: RoleScratch): Float64Array {
    const t = this.table!;
    const n = to - from;
    if (this.emit.length < n * ROW) this.emit = new Float64Array(n * ROW * 2);
    const e = this.emit;
    const { commas, quotes, others } = scratch;
    const win = prepareRoleWindow(t, from, to, cueStart, cueEnd, otherCue, scratch);
    const cueSentence = win[W_SENTENCE]!, cueInQuote = win[W_IN_QUOTE]!, cueNext = win[W_NEXT]!, cuePrevPos = win[W_PREV_POS]!, cuePos = win[W_POS]!, cueClass = win[W_CLASS]!;
    this.bucketDone.fill(0);
    this.cuePosDone.fill(0);
    const cueLemmaT = mixThird(cueLemma), cueClassT = mixThird(cueClass);
    const ctxA = this.contextA, ctxB = this.contextB;
    const cs = cueStart - from, ce = cueEnd - from;
    const tokenSums = this.tokenSums, bucketSums = this.bucketSums, lowerSums = this.lowerSums, lowerDone = this.lowerDone;
    const posTables = this.posTables, cuePosSums = this.cuePosSums, cuePosDone = this.cuePosDone, tokenPos = this.tokenPos;
    const b0 = this.bias[0]!, b1 = this.bias[1]!, b2 = this.bias[2]!, b3 = this.bias[3]!, b4 = this.bias[4]!;
    for (let i = from; i < to; i++) {
      const k = i - from;
      const dir = i < cueStart ? 0 : i < cueEnd ? 1 : 2;
      const dist = dir === 0 ? -(cueStart - i) : dir === 1 ? 0 : i - cueEnd + 1;
      const db = distBucket(dist);
      const lo = dir === 0 ? k + 1 : ce, hi = dir === 0 ? cs : k;
      const gap = hi > lo;
      const nCommas = gap ? clip(commas[hi]! - commas[lo]!, 3) : 0;
      const nQuotes = gap ? clip(quotes[hi]! - quotes[lo]!, 3) : 0;
      const nOthers = gap ? clip(others[hi]! - others[lo]!, 2) : 0;
      const sentRel = clip(t.sentence[i]! - cueSentence, 3);
      const inQ = t.inQuote[i]!;
      const hasPrev = i > from, hasNext = i + 1 < to;
      const state = 1 + (hasPrev ? 2 : 0) + (hasNext ? 4 : 0);
      if (this.tokenState[i * 3 + dir] !== state) this.sumToken(t, i, dir, hasPrev, hasNext);
      if (!this.bucketDone[db + 8]) this.sumBucket(db, cueLemma, cueNext, cuePrevPos, cuePos, cueClass);
      const near = db >= -1 && db <= 1 ? 1 : 0;
      const lc = (i * 3 + dir) * 2 + near;
      if (!lowerDone[lc]) this.sumLower(i, dir, near, t.lower[i]!);
      const pi = tokenPos[i]!;
      if (!cuePosDone[pi * 3 + dir]) this.sumCuePos(pi, dir, cueLemmaT, cueClassT);
      const ca = contextA(dir, sentRel, nCommas, t.fromSentenceStart[i]! === 0 ? 1 : 0, t.toSentenceEnd[i]! === 0 ? 1 : 0) * ROW;
      const cb = contextB(dir, t.quote[i]!, inQ, cueInQuote, nQuotes, nOthers, dir === 2 && k === ce ? 1 : 0) * ROW;
      const ts = (i * 3 + dir) * ROW, bs = (db + 8) * ROW, ls = lc * ROW, cp = (pi * 3 + dir) * ROW;
      const pd = posRow(pi, dir, db + 8) * ROW;
      const pc = posRow(pi, dir, POS_SENT_COMMAS + (sentRel + 3) * 4 + nCommas) * ROW;
      const pq = posRow(pi, dir, POS_QUOTES_OTHERS + nQuotes * 3 + nOthers) * ROW;
      const row = k * ROW;
      e[row] = b0 + tokenSums[ts]! + bucketSums[bs]! + ctxA[ca]! + ctxB[cb]! + lowerSums[ls]! + cuePosSums[cp]! + posTables[pd]! + posTables[pc]! + posTables[pq]!;
      e[row + 1] = b1 + tokenSums[ts + 1]! + bucketSums[bs + 1]! + ctxA[ca + 1]! + ctxB[cb + 1]! + lowerSums[ls + 1]! + cuePosSums[cp + 1]! + posTables[pd + 1]! + posTables[pc + 1]! + posTables[pq + 1]!;
      e[row + 2] = b2 + tokenSums[ts + 2]! + bucketSums[bs + 2]! + ctxA[ca + 2]! + ctxB[cb + 2]! + lowerSums[ls + 2]! + cuePosSums[cp + 2]! + posTables[pd + 2]! + posTables[pc + 2]! + posTables[pq + 2]!;
      e[row + 3] = b3 + tokenSums[ts + 3]! + bucketSums[bs + 3]! + ctxA[ca + 3]! + ctxB[cb + 3]! + lowerSums[ls + 3]! + cuePosSums[cp + 3]! + posTables[pd + 3]! + posTables[pc + 3]! + posTables[pq + 3]!;
      e[row + 4] = b4 + tokenSums[ts + 4]! + bucketSums[bs + 4]! + ctxA[ca + 4]! + ctxB[cb + 4]! + lowerSums[ls + 4]! + cuePosSums[cp + 4]! + posTables[pd + 4]! + posTables[pc + 4]! + posTables[pq + 4]!;
    }
    return e;
  }
}

/** Templates that read both the token and the cue. */
const PAIR_TEMPLATES = 17;
/** Rows per POS tag in RoleEmitter.posTables, per direction: the distance buckets (RDirPosDist),
 * then sentence offset x clause marks between (RDirSentPos + RDirClausePos), then quotation marks x
 * other cues between (RDirQuotesPos + RDirOtherCuePos). */
const POS_SENT_COMMAS = BUCKETS;
const POS_QUOTES_OTHERS = POS_SENT_COMMAS + 7 * 4;
const POS_DIRECTION_ROWS = POS_QUOTES_OTHERS + 4 * 3;
const POS_BLOCK = 3 * POS_DIRECTION_ROWS;
function posRow(pos: number, dir: number, at: number): number {
  return pos * POS_BLOCK + dir * POS_DIRECTION_ROWS + at;
}
/** Context table A: direction (3) x sentence offset (-3..3) x clause marks between (0..3) x first
 * and last token of its sentence (2 x 2): the templates RDirSent, RDirCommas, RDirSentStart and
 * RDirSentEnd. */
const CONTEXT_A = 3 * 7 * 4 * 2 * 2;
function contextA(dir: number, sentRel: number, commas: number, first: number, last: number): number {
  return (((dir * 7 + sentRel + 3) * 4 + commas) * 2 + first) * 2 + last;
}
/** Context table B: direction (3) x the token's quotation mark (0..2) x token and cue inside a
 * quotation (2 x 2) x quotation marks between (0..3) x other cues between (0..2) x first token after
 * the cue (2): the templates RDirInQuote, RDirQuoteMarkInQuote, RDirQuotesBetween, RDirOtherCue and
 * RDirCueInQuote. */
const CONTEXT_B = 3 * 3 * 2 * 2 * 4 * 3 * 2;
function contextB(dir: number, quote: number, inQ: number, cueInQ: number, quotes: number, others: number, afterCue: number): number {
  return (((((dir * 3 + quote) * 2 + inQ) * 2 + cueInQ) * 4 + quotes) * 3 + others) * 2 + afterCue;
}
/** sumToken's and sumBucket's ids: hash parts before the avalanche (see mixHead), then row offsets. */
const TOKEN_IDS = new Int32Array(TOKEN_TEMPLATES);
/** The heads of sumToken's ids per direction, in the order of ids[] there: mixHead(F.RDir, direction),
 * then mixHead(mix(F.RDir, direction), template). */
const TOKEN_HEADS = new Int32Array(
  [0, 1, 2].flatMap((dir) => [
    mixHead(F.RDir, dir),
    ...[
      F.RDirLower, F.RDirLemma, F.RDirPos, F.RDirShape, F.RDirPrevPos, F.RDirNextPos, F.RDirPrevLower,
      F.RDirNextLower, F.RDirQuote, F.RDirSentStartPos, F.RDirPosNextPos, F.RDirPrevPosPos,
    ].map((template) => mixHead(mix(F.RDir, dir), template)),
  ]),
);
/** mixHead(mix(F.RDir, direction), template) of the pair templates, per direction in this order
 * (PAIR_HEADS[direction * PAIR_TEMPLATES + k]). */
const PAIR_HEADS = new Int32Array(
  [0, 1, 2].flatMap((dir) =>
    [
      F.RDirPosDist, F.RDirLowerDist, F.RDirSent, F.RDirSentPos, F.RDirInQuote, F.RDirQuoteMarkInQuote,
      F.RDirCueLemmaPos, F.RDirCommas, F.RDirClausePos, F.RDirQuotesBetween, F.RDirQuotesPos,
      F.RDirOtherCue, F.RDirOtherCuePos, F.RDirSentStart, F.RDirSentEnd, F.RDirCueClassPos, F.RDirCueInQuote,
    ].map((template) => mixHead(mix(F.RDir, dir), template)),
  ),
);
