// The token transformers of wink's English model (wink-eng-lite-web-model's sbd-transformers.js and
// pos-transformers.js), answered from a table of what they read per word. The sentence and POS
// machines (wink-sentence-splitter.ts, wink-pos-tagger.ts) transform every token, and the
// package's transformers ask the cache for a word's properties by name (`cache.property(id,
// 'sbdHint')`: a layout look-up by string, a branch for new words, bit masks into the lexicon) one
// to three times per call: together about 9% of the tokens stage. A word's properties never change
// once it is in the cache (wink-nlp's own lexicon is fixed, a new word's features are written once
// when it is added), so they are read once per word, through the same `cache.property`, and kept;
// the transformers then return what the package's do.

import { createRequire } from 'node:module';
import { HINT_BASE } from './wink-automaton.js';

/** The cache functions the package's transformers and wink-nlp's default-tag mapper call. */
interface PropertyCache {
  property(id: number, name: string): unknown;
  value(id: number): string;
  posOf(id: number): number;
  mappedSpelling(id: number): number;
}

/** The sentence splitter's hint for an ambiguous right quotation mark, and its variant after space. */
const AMBIGUOUS_RIGHT_QUOTE = 4;
const AMBIGUOUS_RIGHT_QUOTE_AFTER_SPACE = 6;
/** The hints for an abbreviation (`isAbbrev`): a likely end of sentence, and "not an end" for one of two letters. */
const LIKELY_END = 7;
const NOT_AN_END = 8;
/** wink-nlp's mask of a token's preceding spaces in its second number. */
const PRECEDING_SPACES = 0xffff;

/** wink-nlp's tag for a word whose lexicon has none (tokens-mappers.js: NOUN). */
const NO_TAG = 8;
/** wink-nlp's bits of a token's POS number in its third number (constants.js). */
const { posMask: TOKEN_POS_MASK, bits4lemma: TOKEN_POS_SHIFT } = createRequire(import.meta.url)('wink-nlp/src/constants.js') as { posMask: number; bits4lemma: number };

/**
 * A word's facts, packed: bit 0 set once read; bits 1–8 its sbdHint; bits 9–12 the hint its
 * abbreviation flag gives (0, LIKELY_END or NOT_AN_END); bits 13–20 its posHint; bits 21–26 its
 * default tag (the lexicon's POS of its mapped spelling, else NO_TAG).
 */
const READ = 1;
const SBD_SHIFT = 1;
const ABBREV_SHIFT = 9;
const POS_SHIFT = 13;
const TAG_SHIFT = 21;
const BYTE = 0xff;
const TAG_BITS = 0x3f;

/** The model's sentence-splitter and POS transformers, with one table of word facts between them. */
export interface TokenTransformers {
  sbd(token: number, cache: PropertyCache, rawTokens: number[], i: number): number;
  pos(pos: number, cache: PropertyCache, rawTokens: number[], i: number): number;
  /** wink-nlp's default tag of token `i` (tokens-mappers.js mapRawTokens2UIdOfDefaultPOS). */
  defaultTag(cache: PropertyCache, rawTokens: number[], i: number): number;
}

export function tokenTransformers(): TokenTransformers {
  // Word ids grow as wink-nlp adds words; 2^17 covers its 87,593 own and the BBC set's new ones.
  let facts = new Int32Array(1 << 17);

  /** The table grown to hold `id` (a function of its own, so the look-ups stay one short path). */
  const grow = (id: number): Int32Array => {
    const grown = new Int32Array(Math.max(2 * facts.length, id + 1));
    grown.set(facts);
    return (facts = grown);
  };

  const read = (id: number, cache: PropertyCache): number => {
    const sbdHint = Number(cache.property(id, 'sbdHint')) & BYTE;
    const abbrev = cache.property(id, 'isAbbrev') ? (cache.value(id).length === 2 ? NOT_AN_END : LIKELY_END) : 0;
    const posHint = Number(cache.property(id, 'posHint')) & BYTE;
    const tag = (cache.posOf(cache.mappedSpelling(id)) || NO_TAG) & TAG_BITS;
    const word = READ | (sbdHint << SBD_SHIFT) | (abbrev << ABBREV_SHIFT) | (posHint << POS_SHIFT) | (tag << TAG_SHIFT);
    (id < facts.length ? facts : grow(id))[id] = word;
    return word;
  };

  const factsOf = (id: number, cache: PropertyCache): number => {
    const word = id < facts.length ? facts[id]! : 0;
    return word !== 0 ? word : read(id, cache);
  };

  return {
    // sbd-transformers.js: the hint of the token's normal form, else of the token itself (an
    // ambiguous right quotation mark told apart by the spaces before it); else an abbreviation's
    // hint; else the token.
    sbd(token, cache, rawTokens, i) {
      const own = factsOf(token, cache);
      let hint = (own >>> SBD_SHIFT) & BYTE;
      if (hint === 0) hint = (factsOf(rawTokens[4 * i]!, cache) >>> SBD_SHIFT) & BYTE;
      if (hint === AMBIGUOUS_RIGHT_QUOTE && (rawTokens[4 * i + 1]! & PRECEDING_SPACES) !== 0) hint = AMBIGUOUS_RIGHT_QUOTE_AFTER_SPACE;
      if (hint !== 0) return HINT_BASE + hint;
      const abbrev = (own >>> ABBREV_SHIFT) & 0xf;
      return abbrev !== 0 ? HINT_BASE + abbrev : token;
    },
    // pos-transformers.js: the token's posHint, else the tag.
    pos(pos, cache, rawTokens, i) {
      const hint = (factsOf(rawTokens[4 * i]!, cache) >>> POS_SHIFT) & BYTE;
      return hint !== 0 ? HINT_BASE + hint : pos;
    },
    // The lexicon's tag, unless the token came with one (a contraction's expansion).
    defaultTag(cache, rawTokens, i) {
      const preset = rawTokens[4 * i + 2]!;
      if (preset !== 0) return (preset & TOKEN_POS_MASK) >>> TOKEN_POS_SHIFT;
      return (factsOf(rawTokens[4 * i]!, cache) >>> TAG_SHIFT) & TAG_BITS;
    },
  };
}
