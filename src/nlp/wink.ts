// The adapter to wink-nlp: tokens (with UTF-16 offsets into the original text), universal POS tags,
// lemmas and sentence boundaries. The English model (wink-model.ts: only the parts a pipe of
// sentences and POS tags runs) is loaded once, on first use, and shared; texts are read into
// wink-nlp's raw document data by the steps of its readDoc that hearsay reads (wink-raw-doc.ts),
// over the lexicon of the one wink-nlp instance (loadNlp), whose API reads texts alike.
// wink-nlp gives token values but not their offsets, so offsets are recovered here by walking the
// text; a token wink normalised beyond recognition is dropped rather than misplaced.

import { createRequire } from 'node:module';
import winkNLP from 'wink-nlp';
import type { Token } from '../core/doc.js';
import { foldCase } from './fold-case.js';
import { sentencesAndTagsModel, type CoreModel } from './wink-model.js';
import { rawDocReader, type ModelSteps, type WinkDocData } from './wink-raw-doc.js';

type WinkNlp = ReturnType<typeof winkNLP>;
let shared: WinkNlp | null = null;

/**
 * wink-nlp adds every new word it meets to its lexicon (its cache), and its tokenizer asks that
 * lexicon whether a piece of text is a known word to decide where to cut: a word added by one text
 * changed how every later text was cut ("Poor's" was "Poor" + "'s" until a text had it whole, then
 * one token; 148 of 2,309 BBC and PolNeAR texts came out differently when read in reverse order).
 * So the tokenizer's look-ups are made to see wink-nlp's own words only: the cache's `lookup` is
 * replaced by one that answers "unknown" for a word added after load, except while the cache itself
 * is adding a word (its feature extractors look up the word being added). Every text is then cut
 * the same way whatever the process read before, and every occurrence of a new word the same way.
 * wink-nlp has no API for this; its cache object is reached through the model's feature functions,
 * which receive it, and wink-nlp's core model (its lexicon size) through the model's core() loader.
 */
interface WinkCache {
  lookup(text: string): number[] | null;
  add(text: string, category: number): number;
  intrinsicSize(): number;
}
interface WinkLexemes {
  hash: Record<string, number>;
  list: string[];
}
let lexemes: WinkLexemes | null = null;
/** Length of the lexicon when the model was loaded (wink-nlp's own words). */
let intrinsicWords = 0;
/** wink-nlp's cache (its lexicon), reached through the model's feature functions. */
let winkCache: WinkCache | null = null;
/** wink-nlp's POS tags by number (its.pos reads the tag's name from this list). */
let posNames: string[] = [];
/** The model's addons (its lemmatizer), which its.lemma receives. */
let addons: unknown = null;
/** wink-nlp's its.lemma, called as wink-nlp calls it (its declared type is that of a document's `out`). */
let itsLemma: ((index: number, rdd: WinkDocData, addons: unknown) => string | undefined) | null = null;
/** Above 0 while the cache adds a word (or while the instance starts): look-ups then see every word. */
let seeAllWords = 0;

function makeHistoryFree(cache: WinkCache): void {
  if (winkCache) return;
  winkCache = cache;
  const lookup = cache.lookup.bind(cache);
  const add = cache.add.bind(cache);
  const intrinsic = (intrinsicWords = cache.intrinsicSize());
  const hash = lexemes!.hash;
  cache.add = (text, category) => {
    // A word added before is answered from the lexicon: the look-ups above call it unknown, so
    // wink-nlp adds it again at each occurrence, and its add() then only finds the word and its
    // lower case (already added with it) and returns the word's index, through a lower-casing,
    // two look-ups and two arrays (about 2% of a BBC run).
    const known = hash[text];
    if (known !== undefined && known >= intrinsic) return known;
    seeAllWords++;
    try {
      return add(text, category);
    } finally {
      seeAllWords--;
    }
  };
  // wink-nlp's lookup written out for all but its contractions (whose expansions it still gives):
  // the same answers, without its layout read by name and the contraction bit read from the
  // 1.4 MB lexicon for every token, nor the bound call in between (about 8% of the tokens stage).
  const contractions = contractionFlags!;
  cache.lookup = (text) => {
    const index = hash[text];
    if (index === undefined) return null;
    if (index >= intrinsic) return seeAllWords === 0 ? null : [index];
    return contractions[index] === 0 ? [index] : lookup(text);
  };
}

/** 1 for each of wink-nlp's own words that is a contraction (its lexicon's isContraction bit). */
let contractionFlags: Uint8Array | null = null;

function contractionsOf(core: CoreModel): Uint8Array {
  const [word, mask, shift] = core.packing.layout.isContraction!;
  const size = core.packing.size;
  const flags = new Uint8Array(core.features.lexeme.intrinsicSize);
  for (let id = 0; id < flags.length; id++) flags[id] = (core.lexicon[word! + id * size]! & mask!) >>> shift! === 0 ? 0 : 1;
  return flags;
}

const require = createRequire(import.meta.url);
const winkConstants = require('wink-nlp/src/constants.js') as { tkSize: number; posMask: number; bits4lemma: number; psMask: number };
if (winkConstants.tkSize !== 4) throw new Error('wink-nlp: a token is no longer four numbers (has it changed?)');
const POS_MASK = winkConstants.posMask;
const POS_SHIFT = winkConstants.bits4lemma;
/** The second number of a token is above this for an expansion of a contraction (its.contractionFlag). */
const CONTRACTION_ABOVE = winkConstants.psMask;
/** wink-nlp's raw data of a text (wink-raw-doc.ts): the steps of readDoc that hearsay reads. */
let readDocData: ((text: string) => WinkDocData) | null = null;

export function loadNlp(): WinkNlp {
  if (!shared) {
    const model = sentencesAndTagsModel();
    const modelFeatures = model.featureFn;
    const featureFn: typeof modelFeatures = (...args) => {
      const features = modelFeatures(...args);
      const pos = features.pos!;
      features.pos = (word, category, cache) => {
        makeHistoryFree(cache as WinkCache);
        return pos(word, category, cache);
      };
      return features;
    };
    const modelCore = model.core;
    let coreModel: CoreModel | null = null;
    const core: typeof modelCore = () => {
      const loaded = (coreModel = modelCore());
      lexemes = loaded.features.lexeme;
      contractionFlags = contractionsOf(loaded);
      posNames = loaded.features.pos!.list;
      return loaded;
    };
    addons = model.addons;
    shared = winkNLP({ ...model, core, featureFn }, ['sbd', 'pos']);
    itsLemma = shared.its.lemma as unknown as typeof itsLemma;
    // The first new word reaches the cache through the feature functions, before the tokenizer
    // looks up anything of a real text.
    seeAllWords++;
    try {
      shared.readDoc('Qzxwvjkq');
    } finally {
      seeAllWords--;
    }
    if (!winkCache || !coreModel) throw new Error('wink-nlp: could not reach its cache (has its model changed?)');
    readDocData = rawDocReader(coreModel, winkCache, { sentences: model.sbd().setter as ModelSteps['sentences'], partsOfSpeech: model.pos().setter });
    if (readDocData('Qzxwvjkq').numOfTokens !== 1) throw new Error('wink-nlp: could not read a document (has its model changed?)');
  }
  return shared;
}

/**
 * wink-nlp's lemma of a word of its own lexicon, or undefined where it has none. For a few words
 * ("cannot") its entry points past its own lexicon, at whatever word a text added there first, so
 * the lemma depended on the texts read before; a lemma that is no word of its lexicon is refused.
 */
function ownLemma(id: number, lemma: string | undefined): string | undefined {
  if (lemma === undefined || !lexemes || id >= intrinsicWords) return lemma;
  const lemmaId = lexemes.hash[lemma];
  return lemmaId !== undefined && lemmaId < intrinsicWords ? lemma : undefined;
}


/**
 * A token, already in the document's shape (core/doc.ts Token: `lower` is `text` in lower case with
 * curly apostrophes folded, `lemma` wink-nlp's lemma folded alike), so that the tokens stage keeps
 * these objects instead of copying each (a second object per token cost about 1.5% of a BBC run's
 * CPU with its garbage collection). `index` is the token's place in the returned list; `sentence`
 * and `paragraph` are -1 until the tokens stage sets them.
 */
export type RawToken = Token;

/** Every token is made here, so all have one object shape (fields in Token's order). */
function makeToken(index: number, start: number, end: number, text: string, lower: string, lemma: string, pos: string): RawToken {
  return { index, start, end, text, lower, lemma, pos, sentence: -1, paragraph: -1 };
}

export interface RawSentence {
  /** Token indices into the returned tokens (first inclusive, end exclusive). */
  firstToken: number;
  endToken: number;
}

export interface NlpResult {
  tokens: RawToken[];
  sentences: RawSentence[];
}

/**
 * wink-nlp's tokenizer takes time quadratic in the length of a run without white space (40,000
 * letters take a second). Such runs (a base64 blob, a hostile input) are cut out here and kept as
 * single tokens; the text around them is analysed normally.
 */
const LONG_RUN = /\S{200,}/gu;

/**
 * False when `text` surely has no run LONG_RUN matches: looks for 200 UTF-16 units in a row
 * outside the commonest white space characters, which never undercounts LONG_RUN's code points
 * of non-space. A plain loop: the regular expression's own scan cost 3% of the stage on news text.
 * It skips ahead: a window of 200 units after the last space seen either has no space (a run) or
 * its last space is where the next window starts after, so on prose it reads about 2 units in 100
 * (reading every unit was 1% of the stage).
 */
export function mayHaveLongRun(text: string): boolean {
  let start = 0;
  while (start + 200 <= text.length) {
    let last = start + 199;
    while (last >= start && !isCommonSpace(text.charCodeAt(last))) last--;
    if (last < start) return true;
    start = last + 1;
  }
  return false;
}

function isCommonSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0;
}

/** Tokenises, tags and splits one passage of text. Offsets are relative to `text`. */
export function analyseText(text: string): NlpResult {
  if (!mayHaveLongRun(text)) return analyseOrdinaryText(text);
  LONG_RUN.lastIndex = 0;
  if (!LONG_RUN.test(text)) return analyseOrdinaryText(text);
  LONG_RUN.lastIndex = 0;
  const result: NlpResult = { tokens: [], sentences: [] };
  const append = (part: NlpResult, offset: number): void => {
    const base = result.tokens.length;
    for (const t of part.tokens) result.tokens.push(makeToken(result.tokens.length, t.start + offset, t.end + offset, t.text, t.lower, t.lemma, t.pos));
    for (const s of part.sentences) result.sentences.push({ firstToken: s.firstToken + base, endToken: s.endToken + base });
  };
  let from = 0;
  for (let m = LONG_RUN.exec(text); m; m = LONG_RUN.exec(text)) {
    if (m.index > from) append(analyseOrdinaryText(text.slice(from, m.index)), from);
    const index = result.tokens.length;
    result.tokens.push(makeToken(index, m.index, m.index + m[0].length, m[0], foldCase(m[0]), foldCase(m[0].toLowerCase()), 'X'));
    result.sentences.push({ firstToken: index, endToken: index + 1 });
    from = m.index + m[0].length;
  }
  if (from < text.length) append(analyseOrdinaryText(text.slice(from)), from);
  return result;
}

const LETTER = /[\p{L}\p{M}]/u;
/** Endings of domain names that news names as sources ("Znak.com", "oe24.at"). */
const TOP_LEVEL_DOMAINS = new Set(['com', 'org', 'net', 'gov', 'edu', 'int', 'io', 'co', 'uk', 'at', 'de', 'fr', 'ru', 'ua', 'it', 'es', 'nl', 'ch', 'pl', 'in', 'cn', 'jp', 'au', 'ca', 'us', 'info', 'news', 'tv']);
const NON_ASCII_LETTER = /[^\x00-\x7f]/u;

/** Two touching pieces of one word, cut where a letter outside ASCII joins them. */
function splitsWord(before: string, after: string): boolean {
  // Two ASCII characters never qualify: decided without the regular expressions.
  if (before.charCodeAt(before.length - 1) < 0x80 && after.charCodeAt(0) < 0x80) return false;
  const a = before[before.length - 1] ?? '';
  const b = after[0] ?? '';
  return LETTER.test(a) && LETTER.test(b) && (NON_ASCII_LETTER.test(a) || NON_ASCII_LETTER.test(b));
}

/*
 * What this adapter knows about each of wink-nlp's word types (its.uniqueId: one per distinct token
 * value, stable for the life of the process, since wink-nlp keeps every new word in its lexicon):
 * the value, whether it is white space, its folded lower case and its folded lemma. wink-nlp's lemma
 * of a token that is not a contraction depends only on the word type and the POS tag (its.lemma
 * reads the type's lexicon entry, then lemmatises the type's normal form for that tag), so it is
 * asked once per pair; its.lemma on every token was about 8% of the stage. The loop is bound by
 * memory latency, so the facts sit in one flat array indexed by the id, a token's four on one line:
 * an object per type cost more in cache misses than the per-token reads it saved.
 */
const KNOWN = 1;
const BLANK = 2;
/** The value starts with white space (never seen in practice; such a value takes the slow path). */
const SPACE_FIRST = 4;
/** Bits above the flags: 1 + wink-nlp's POS number of the lemma kept in the table. */
const LEMMA_POS_SHIFT = 3;
/**
 * Four slots per id, so one memory line holds all a token needs: [4 id] the value, [4 id + 1] its
 * folded lower case, [4 id + 2] the folded lemma for the kept POS, [4 id + 3] the flags and that POS.
 */
const typeTable: (string | number)[] = [];
const VALUE = 0;
const LOWER = 1;
const LEMMA = 2;
const INFO = 3;
/** Lemmas of a type under its other POS tags, keyed id * 64 + 1 + POS number. */
const otherLemmas = new Map<number, string>();

/**
 * Room in the table up to `length` slots. A loop of its own: inside addWordType, the first calls
 * (ids up to 87,000 apart) ran it long enough for V8 to optimise addWordType in the middle of it,
 * before the code after it had any type feedback, and that code deoptimised 21 times over the BBC set.
 */
function growTypeTable(length: number): void {
  while (typeTable.length < length) typeTable.push('', '', '', 0);
}

/** Adds what the table keeps of wink-nlp's word type `id` (first seen now); returns its flags. */
function addWordType(id: number): number {
  const value = lexemes!.list[id]!;
  if (typeTable.length < 4 * id + 4) growTypeTable(4 * id + 4);
  const info = KNOWN | (isBlank(value) ? BLANK : 0) | (value.length > 0 && isSpaceCode(value.charCodeAt(0)) ? SPACE_FIRST : 0);
  typeTable[4 * id + VALUE] = value;
  typeTable[4 * id + LOWER] = foldCase(value);
  typeTable[4 * id + INFO] = info;
  return info;
}

/** True for the code units `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isSpaceCode(value.charCodeAt(i))) return false;
  return true;
}

function isBlankBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpaceCode(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Our token index for each wink-nlp token index; see analyseOrdinaryText. The buffer is reused
 * across calls (a new typed array per text cost half a percent of the stage). It holds 65,536
 * tokens (256 KB; the longest BBC article has about 5,000): the branch that grows it, first taken
 * after V8 had optimised the loop (by a text longer than any before), deoptimised the loop for want
 * of type feedback, and that cost a recompilation of the loop in most runs when it started at 4,096.
 */
let winkToOursBuffer = new Int32Array(1 << 16);

function growWinkToOurs(length: number): Int32Array {
  winkToOursBuffer = new Int32Array(Math.max(2 * winkToOursBuffer.length, length));
  return winkToOursBuffer;
}

function analyseOrdinaryText(text: string): NlpResult {
  loadNlp();
  const data = readDocData!(text);
  const winkTokens = data.tokens;
  const count = data.numOfTokens;
  // Every entry up to count is written below (one per wink token, and the end).
  const winkToOurs = winkToOursBuffer.length > count ? winkToOursBuffer : growWinkToOurs(count + 1);
  const tokens: RawToken[] = [];
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    const id = winkTokens[4 * i]!;
    const slot = 4 * id;
    let info = slot < typeTable.length ? (typeTable[slot + INFO] as number) : 0;
    if (info === 0) info = addWordType(id);
    const value = typeTable[slot + VALUE] as string;
    winkToOurs[i] = tokens.length;
    if (info & BLANK) continue;
    // The value is where the text continues, after white space at most, never past real text.
    let at: number;
    if (!(info & SPACE_FIRST)) {
      let p = cursor;
      while (p < text.length && isSpaceCode(text.charCodeAt(p))) p++;
      at = text.startsWith(value, p) ? p : -1;
    } else at = valueAfterSpace(text, value, cursor);
    if (at < 0) continue;
    const posNumber = (winkTokens[4 * i + 2]! & POS_MASK) >>> POS_SHIFT;
    const pos = posNames[posNumber] ?? 'X';
    const prev = tokens[tokens.length - 1];
    if (prev !== undefined && prev.end === at) {
      const glued = glueTouching(text, tokens, winkToOurs, i, value, at, pos);
      if (glued >= 0) {
        cursor = glued;
        continue;
      }
    }
    const lemma = winkTokens[4 * i + 1]! > CONTRACTION_ABOVE ? lemmaOf(data, i, value) : typeLemma(data, i, id, info, posNumber, value);
    tokens.push(makeToken(tokens.length, at, at + value.length, value, typeTable[slot + LOWER] as string, lemma, pos));
    cursor = at + value.length;
  }
  winkToOurs[count] = tokens.length;
  const sentences: RawSentence[] = [];
  for (const span of data.sentences) {
    const a = span[0]!;
    const b = span[1]!;
    // Indices past the written part (none in practice) read as they did from an exact-size array.
    const firstToken = a >= 0 && a <= count ? winkToOurs[a]! : -1;
    const endToken = b + 1 >= 0 && b + 1 <= count ? winkToOurs[b + 1]! : tokens.length;
    if (firstToken >= 0 && endToken > firstToken) sentences.push({ firstToken, endToken });
  }
  return { tokens, sentences };
}

/** Where a value that starts with white space (never seen in practice) continues the text, or -1. */
function valueAfterSpace(text: string, value: string, cursor: number): number {
  if (text.startsWith(value, cursor)) return cursor;
  const at = text.indexOf(value, cursor);
  return at > cursor && !isBlankBetween(text, cursor, at) ? -1 : at;
}

/**
 * wink-nlp cuts a domain name at its dot ("Znak|.|com") and words at letters outside ASCII
 * ("Erdo|ğ|an", "Gda|ń|sk"): the value of wink token `i` at `at`, which touches the last token,
 * is glued back onto it (or onto the name before the dot). Returns where the text continues, or
 * -1 when the two stay apart.
 */
function glueTouching(text: string, tokens: RawToken[], winkToOurs: Int32Array, i: number, value: string, at: number, pos: string): number {
  const prev = tokens[tokens.length - 1]!;
  const host = tokens[tokens.length - 2];
  if (host && prev.text === '.' && host.end === prev.start && TOP_LEVEL_DOMAINS.has(value.toLowerCase()) && /\w$/u.test(host.text)) {
    tokens.pop();
    winkToOurs[i] = tokens.length - 1;
    if (winkToOurs[i - 1] === tokens.length) winkToOurs[i - 1] = tokens.length - 1;
    tokens[tokens.length - 1] = gluedToken(host.index, host.start, text.slice(host.start, at + value.length), 'PROPN');
    return at + value.length;
  }
  if (splitsWord(prev.text, value)) {
    winkToOurs[i] = tokens.length - 1;
    tokens[tokens.length - 1] = gluedToken(prev.index, prev.start, prev.text + value, prev.pos === 'X' ? pos : prev.pos);
    return at + value.length;
  }
  return -1;
}

/**
 * A token made of pieces wink-nlp cut apart, its lemma the word itself. A new object rather than
 * the first piece changed: V8 treats fields never written after construction as constants, and one
 * write (a glue is rare, so it comes after the loop is optimised) cost a deoptimisation of the
 * loop and of the tokens stage that reads these objects.
 */
function gluedToken(index: number, start: number, text: string, pos: string): RawToken {
  return makeToken(index, start, start + text.length, text, foldCase(text), foldCase(text.toLowerCase()), pos);
}

/**
 * wink-nlp's lemma of token `i`, folded. wink-nlp has no lemma for a few words ("cannot" left
 * whole): the word stands for itself.
 */
function lemmaOf(data: WinkDocData, i: number, value: string): string {
  const lemma = ownLemma(data.tokens[4 * i]!, itsLemma!(i, data, addons));
  // Lower-cased whether it is needed or not: the call in a branch of its own, first taken after V8
  // had optimised the loop this is inlined into, deoptimised the loop for want of type feedback.
  const word = value.toLowerCase();
  return foldCase(lemma ?? word);
}

/** The lemma of a token that is no contraction: one per word type and POS, asked of wink-nlp once. */
function typeLemma(data: WinkDocData, i: number, id: number, info: number, posNumber: number, value: string): string {
  const slot = 4 * id;
  const lemmaPos = 1 + posNumber;
  const keptPos = info >>> LEMMA_POS_SHIFT;
  if (keptPos === lemmaPos) return typeTable[slot + LEMMA] as string;
  if (keptPos === 0) {
    const lemma = lemmaOf(data, i, value);
    typeTable[slot + LEMMA] = lemma;
    typeTable[slot + INFO] = info | (lemmaPos << LEMMA_POS_SHIFT);
    return lemma;
  }
  let lemma = otherLemmas.get(id * 64 + lemmaPos);
  if (lemma === undefined) otherLemmas.set(id * 64 + lemmaPos, (lemma = lemmaOf(data, i, value)));
  return lemma;
}
