// wink-nlp's readDoc cut down to the steps whose results hearsay reads: wink-nlp's own tokenizer
// (its tokenizer.js and dd-wrapper.js, as readDoc builds them), then the model's sentence and POS
// steps (wink-sentence-splitter.ts, wink-pos-tagger.ts) on the document's raw data. readDoc also
// maps every token to its normal form for machines it no longer runs and to its default tag, which
// the POS step takes from its word-fact table (wink-nlp's mappers read the lexicon for every
// token), and builds the document's API object; the raw data this returns is what readDoc's would be.

import { createRequire } from 'node:module';
import type { CoreModel } from './wink-model.js';

/**
 * wink-nlp's raw data of one document (its "rdd"): four numbers per token, [4 i] the word type
 * (its.uniqueId), [4 i + 1] preceding spaces, or above 65535 a contraction's expansion, [4 i + 2]
 * the POS number in the bits of POS_MASK above the lemma's, [4 i + 3] entity and negation bits;
 * sentences as [first token, last token, ...]. wink-nlp's `its` functions read these.
 */
export interface WinkDocData {
  cache: unknown;
  tokens: number[];
  sentences: number[][];
  numOfTokens: number;
  nonBreakingSpaces: Record<number, string>;
}

interface DocDataWrapper {
  clean(): void;
}
type Tokenize = (wrapper: DocDataWrapper, text: string) => void;

/** The model's sentence and POS setters as wink-nlp calls them (see wink-model.ts). */
export interface ModelSteps {
  sentences(nothingFound: null, rdd: WinkDocData): void;
  partsOfSpeech(rdd: WinkDocData, defaultTags: number[], tokenSize: number, bitsForLemma: number): void;
}

const require = createRequire(import.meta.url);
const tokenizer = require('wink-nlp/src/tokenizer.js') as (trex: unknown, categories: unknown, preserve: unknown) => Tokenize;
const compileTRex = require('wink-nlp/src/compile-trex.js') as (trex: unknown) => unknown;
const docDataWrapper = require('wink-nlp/src/dd-wrapper.js') as (rdd: WinkDocData) => DocDataWrapper;
/** The POS step takes each token's default tag from its word-fact table (wink-pos-tagger.ts). */
const NO_TAGS: number[] = [];
const { tkSize, bits4lemma, psMask } = require('wink-nlp/src/constants.js') as { tkSize: number; bits4lemma: number; psMask: number };

/** The cache functions that give a token's normal form (wink-nlp's cache.js). */
interface NormalCache {
  normal(id: number): number;
  nox(binaryWord: number): number;
}

/**
 * The word of token i's normal form, as wink-nlp's mapRawTokens2UIdOfNormal gives it: a
 * contraction's expansion (second number above psMask) has its own, other tokens their word's.
 */
export function normalWordOf(tokens: readonly number[], i: number, cache: NormalCache): number {
  const second = tokens[tkSize * i + 1]!;
  return second > psMask ? cache.nox(second) : cache.normal(tokens[tkSize * i]!);
}

/** A reader of raw documents over wink-nlp's `cache` and `core` model, with the model's `steps`. */
export function rawDocReader(core: CoreModel, cache: unknown, steps: ModelSteps): (text: string) => WinkDocData {
  const tokenize = tokenizer(compileTRex(core.trex), core.tcat.hash, core.preserve);
  return (text) => {
    const rdd: WinkDocData = { cache, tokens: [], sentences: [], numOfTokens: 0, nonBreakingSpaces: Object.create(null) as Record<number, string> };
    const wrapper = docDataWrapper(rdd);
    tokenize(wrapper, text);
    // A whole number (the tokens come in fours), kept a small integer: the quotient as such became
    // a heap number in optimised code, and a sentence [first, last] built from it (wink-nlp's
    // setter) then held doubles, which deoptimised analyseOrdinaryText's reading of the sentences
    // ('wrong map', 13 times over the BBC set).
    rdd.numOfTokens = (rdd.tokens.length / tkSize) | 0;
    steps.sentences(null, rdd);
    steps.partsOfSpeech(rdd, NO_TAGS, tkSize, bits4lemma);
    wrapper.clean();
    return rdd;
  };
}
