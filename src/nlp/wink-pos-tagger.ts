// The part-of-speech step of wink's English model run on compiled machines (wink-automaton.ts).
// wink-nlp's readDoc tags in three steps: each token's default tag (its lexicon's), then each of
// the model's POS machines over the tags, with the model's updater applying what a machine found,
// then the model's setter writing the tags into the document. Here the model part given to wink-nlp
// has no machines, and its setter runs them first: the same machines, transformer and updater
// rules, on the same tags, so the document is tagged as before (about a quarter of readDoc's time
// went to wink-nlp's running of the two machines).

import { compileMachine, SKIP, type CompiledMachine } from './wink-automaton.js';

/** The cache functions the tagger calls (wink-nlp's cache.js). */
interface TaggerCache {
  lookup(text: string): number[] | null;
  value(id: number): string;
  normal(id: number): number;
  nox(binaryWord: number): number;
  isMemberPOS(lexemeId: number, pos: number): boolean;
}

/** wink-nlp's raw document data as the POS setter receives it. */
interface TaggedDocData {
  cache: TaggerCache;
  tokens: number[];
}

type PosTransformer = (pos: number, cache: never, rawTokens: number[], i: number) => number;
type PosSetter = (rdd: TaggedDocData, posTags: number[], tkSize: number, bits4lemma: number) => void;

/** A machine's terminal state names are POS numbers, negative for "set this tag whatever the word". */
function posNumber(name: string): number {
  const value = Number(name);
  if (String(value) !== name) throw new Error(`wink-nlp POS machine: a target named "${name}" (has the model changed?)`);
  return value;
}

/** wink-nlp's second number of a token is above this for a contraction's expansion. */
const EXPANSION_ABOVE = 65535;

/**
 * The setter to give wink-nlp in the POS part: runs `machinesJson` (the model's POS machines, in
 * order) over the default tags wink-nlp hands it, then the model's own `setter`.
 */
export function posTaggingSetter(machinesJson: string[], setter: PosSetter, transform: PosTransformer): PosSetter {
  const machines: CompiledMachine[] = machinesJson.map((json) => compileMachine(json, posNumber));
  let columns = new Int16Array(1 << 12);
  /** wink-nlp's token its POS machines skip (the lexicon's first word): known on the first call. */
  let ignored: number | null = null;

  return (rdd, posTags, tkSize, bits4lemma) => {
    const cache = rdd.cache;
    const tokens = rdd.tokens;
    const length = posTags.length;
    ignored ??= cache.lookup(cache.value(0))![0]!;
    if (columns.length < length) columns = new Int16Array(Math.max(2 * columns.length, length));
    // pos-updater.js: a negative target sets its tag; a positive one only a word that can have it.
    const update = (first: number, _last: number, target: number): void => {
      if (target < 0) posTags[first] = Math.abs(target);
      else if (cache.isMemberPOS(normalOf(tokens, first, length, cache)!, target)) posTags[first] = target;
    };
    for (const machine of machines) {
      for (let j = 0; j < length; j++) {
        const tag = posTags[j]!;
        columns[j] = tag === ignored ? SKIP : machine.columnOf(transform(tag, cache as never, tokens, j));
      }
      machine.recognize(columns, length, update);
    }
    setter(rdd, posTags, tkSize, bits4lemma);
  };
}

/** The normal form's word of token `i`, as wink-nlp's mapRawTokens2UIdOfNormal gives it (undefined past the end). */
function normalOf(tokens: number[], i: number, length: number, cache: TaggerCache): number | undefined {
  if (i < 0 || i >= length) return undefined;
  const second = tokens[4 * i + 1]!;
  return second > EXPANSION_ABOVE ? cache.nox(second) : cache.normal(tokens[4 * i]!);
}
