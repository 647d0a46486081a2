// The adapter to wink-nlp: tokens (with UTF-16 offsets into the original text), universal POS tags,
// lemmas and sentence boundaries. The English model (wink-model.ts: only the parts a pipe of
// sentences and POS tags runs) is loaded once, on first use, and shared.
// wink-nlp gives token values but not their offsets, so offsets are recovered here by walking the
// text; a token wink normalised beyond recognition is dropped rather than misplaced.

import winkNLP from 'wink-nlp';
import { foldCase } from './fold-case.js';
import { sentencesAndTagsModel } from './wink-model.js';

type WinkNlp = ReturnType<typeof winkNLP>;
let shared: WinkNlp | null = null;

/**
 * wink-nlp adds every new word it meets to its lexicon (its cache), and its tokenizer asks that
 * lexicon whether a piece of text is a known word to decide where to cut: a word added by one text
 * changed how every later text was cut ("Poor's" was "Poor" + "'s" until a text had it whole, then
 * one token; 148 of 2,309 BBC and PolNeAR texts came out differently when read in reverse order).
 * So the tokenizer's look-ups are made to see wink-nlp's own words only: the cache's `lookup` is
 * wrapped to answer "unknown" for a word added after load, except while the cache itself is adding
 * a word (its feature extractors look up the word being added). Every text is then cut the same
 * way whatever the process read before, and every occurrence of a new word the same way.
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
let historyFree = false;
/** Above 0 while the cache adds a word (or while the instance starts): look-ups then see every word. */
let seeAllWords = 0;

function makeHistoryFree(cache: WinkCache): void {
  if (historyFree) return;
  historyFree = true;
  const lookup = cache.lookup.bind(cache);
  const add = cache.add.bind(cache);
  const intrinsic = (intrinsicWords = cache.intrinsicSize());
  cache.add = (text, category) => {
    seeAllWords++;
    try {
      return add(text, category);
    } finally {
      seeAllWords--;
    }
  };
  cache.lookup = (text) => {
    const found = lookup(text);
    return found !== null && seeAllWords === 0 && found.length === 1 && found[0]! >= intrinsic ? null : found;
  };
}

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
    const core: typeof modelCore = () => {
      const loaded = modelCore();
      lexemes = loaded.features.lexeme;
      return loaded;
    };
    shared = winkNLP({ ...model, core, featureFn }, ['sbd', 'pos']);
    // The first new word reaches the cache through the feature functions, before the tokenizer
    // looks up anything of a real text.
    seeAllWords++;
    try {
      shared.readDoc('Qzxwvjkq');
    } finally {
      seeAllWords--;
    }
    if (!historyFree) throw new Error('wink-nlp: could not reach its cache (has its model changed?)');
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


export interface RawToken {
  start: number;
  end: number;
  text: string;
  /** `text` in lower case, curly apostrophes folded (foldCase). */
  lower: string;
  pos: string;
  /** wink-nlp's lemma, folded like `lower`. */
  lemma: string;
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
 * False when `text` surely has no run LONG_RUN matches: counts UTF-16 units between the commonest
 * white space characters, which never undercounts LONG_RUN's code points of non-space. A plain
 * loop: the regular expression's own scan cost 3% of the tokens stage on news text.
 */
function mayHaveLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) run = 0;
    else if (++run >= 200) return true;
  }
  return false;
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
    for (const t of part.tokens) result.tokens.push({ ...t, start: t.start + offset, end: t.end + offset });
    for (const s of part.sentences) result.sentences.push({ firstToken: s.firstToken + base, endToken: s.endToken + base });
  };
  let from = 0;
  for (let m = LONG_RUN.exec(text); m; m = LONG_RUN.exec(text)) {
    if (m.index > from) append(analyseOrdinaryText(text.slice(from, m.index)), from);
    const index = result.tokens.length;
    result.tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0], lower: foldCase(m[0]), pos: 'X', lemma: foldCase(m[0].toLowerCase()) });
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
/** Bits above the flags: 1 + the POS number (posNumber) of the lemma kept in the table. */
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
const posNumbers = new Map<string, number>();

function posNumber(tag: string): number {
  let n = posNumbers.get(tag);
  if (n === undefined) posNumbers.set(tag, (n = posNumbers.size));
  return n;
}

function addWordType(id: number, value: string): number {
  while (typeTable.length < 4 * id + 4) typeTable.push('', '', '', 0);
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

/** Our token index for each wink-nlp token index; see analyseOrdinaryText. */
let winkToOursBuffer = new Int32Array(4096);

function analyseOrdinaryText(text: string): NlpResult {
  const nlp = loadNlp();
  const its = nlp.its;
  const wdoc = nlp.readDoc(text);
  const winkTokens = wdoc.tokens();
  // Whole-document reads (one call each) are far cheaper than per-token item calls.
  const ids = winkTokens.out(its.uniqueId) as number[];
  const posTags = winkTokens.out(its.pos) as string[];
  const contracted = winkTokens.out(its.contractionFlag) as boolean[];
  // wink-nlp has no lemma for a few words ("cannot" left whole): the word stands for itself.
  // The lemma accessor's declared type does not fit `out`'s overload; it works at run time.
  const lemmaOf = (i: number, value: string): string => foldCase(ownLemma(ids[i]!, winkTokens.itemAt(i).out(its.lemma as unknown as typeof its.value) as string | undefined) ?? value.toLowerCase());
  // Every entry up to ids.length is written below (one per wink token, and the end). The buffer is
  // reused across calls (a new typed array per text cost half a percent of the stage).
  if (winkToOursBuffer.length < ids.length + 1) winkToOursBuffer = new Int32Array(Math.max(2 * winkToOursBuffer.length, ids.length + 1));
  const winkToOurs = winkToOursBuffer;
  const tokens: RawToken[] = [];
  let cursor = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const slot = 4 * id;
    let info = slot < typeTable.length ? (typeTable[slot + INFO] as number) : 0;
    if (info === 0) info = addWordType(id, winkTokens.itemAt(i).out(its.value) as string);
    const value = typeTable[slot + VALUE] as string;
    winkToOurs[i] = tokens.length;
    if (info & BLANK) continue;
    // The value is where the text continues, after white space at most, never past real text.
    let at: number;
    if (!(info & SPACE_FIRST)) {
      let p = cursor;
      while (p < text.length && isSpaceCode(text.charCodeAt(p))) p++;
      at = text.startsWith(value, p) ? p : -1;
    } else if (text.startsWith(value, cursor)) at = cursor;
    else {
      at = text.indexOf(value, cursor);
      if (at > cursor && !isBlankBetween(text, cursor, at)) at = -1;
    }
    if (at < 0) continue;
    const pos = posTags[i] ?? 'X';
    const prev = tokens[tokens.length - 1];
    const host = tokens[tokens.length - 2];
    if (prev && host && prev.text === '.' && host.end === prev.start && prev.end === at && TOP_LEVEL_DOMAINS.has(value.toLowerCase()) && /\w$/u.test(host.text)) {
      // wink-nlp cuts a domain name at its dot ("Znak|.|com"): glue it back into one name.
      tokens.pop();
      winkToOurs[i] = tokens.length - 1;
      if (winkToOurs[i - 1] === tokens.length) winkToOurs[i - 1] = tokens.length - 1;
      host.end = at + value.length;
      host.text = text.slice(host.start, host.end);
      host.lower = foldCase(host.text);
      host.lemma = foldCase(host.text.toLowerCase());
      host.pos = 'PROPN';
      cursor = host.end;
      continue;
    }
    if (prev && prev.end === at && splitsWord(prev.text, value)) {
      // wink-nlp cuts words at letters outside ASCII ("Erdo|ğ|an", "Gda|ń|sk"): glue them back.
      winkToOurs[i] = tokens.length - 1;
      prev.end = at + value.length;
      prev.text += value;
      prev.lower = foldCase(prev.text);
      prev.lemma = foldCase(prev.text.toLowerCase());
      if (prev.pos === 'X') prev.pos = pos;
      cursor = prev.end;
      continue;
    }
    let lemma: string | undefined;
    if (contracted[i]) lemma = lemmaOf(i, value);
    else {
      const lemmaPos = 1 + posNumber(pos);
      const keptPos = info >>> LEMMA_POS_SHIFT;
      if (keptPos === lemmaPos) lemma = typeTable[slot + LEMMA] as string;
      else if (keptPos === 0) {
        lemma = lemmaOf(i, value);
        typeTable[slot + LEMMA] = lemma;
        typeTable[slot + INFO] = info | (lemmaPos << LEMMA_POS_SHIFT);
      } else {
        lemma = otherLemmas.get(id * 64 + lemmaPos);
        if (lemma === undefined) otherLemmas.set(id * 64 + lemmaPos, (lemma = lemmaOf(i, value)));
      }
    }
    tokens.push({ start: at, end: at + value.length, text: value, lower: typeTable[slot + LOWER] as string, pos, lemma });
    cursor = at + value.length;
  }
  winkToOurs[ids.length] = tokens.length;
  const sentences: RawSentence[] = [];
  for (const [a, b] of wdoc.sentences().out(its.span) as unknown as [number, number][]) {
    // Indices past the written part (none in practice) read as they did from an exact-size array.
    const firstToken = a >= 0 && a <= ids.length ? winkToOurs[a]! : -1;
    const endToken = b + 1 >= 0 && b + 1 <= ids.length ? winkToOurs[b + 1]! : tokens.length;
    if (firstToken >= 0 && endToken > firstToken) sentences.push({ firstToken, endToken });
  }
  return { tokens, sentences };
}
