// The part-of-speech step of wink's English model run on compiled machines (wink-automaton.ts).
// wink-nlp's readDoc tags in three steps: each token's default tag (its lexicon's), then each of
// the model's POS machines over the tags, with the model's updater applying what a machine found,
// then the model's setter writing the tags into the document. Here the model part given to wink-nlp
// has no machines, and its setter runs them first: the same default tags (from the word-fact
// table, wink-transformers.ts), machines, transformer and updater rule, so the document is tagged
// as before (about a quarter of readDoc's time went to wink-nlp's running of the two machines).

import { compileMachine, SKIP, type CompiledMachine } from './wink-automaton.js';
import type { TokenTransformers } from './wink-transformers.js';
import { normalWordOf } from './wink-raw-doc.js';

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
  numOfTokens: number;
}

type PosSetter = (rdd: TaggedDocData, posTags: ArrayLike<number>, tkSize: number, bits4lemma: number) => void;

/** A machine's terminal state names are POS numbers, negative for "set this tag whatever the word". */
function posNumber(name: string): number {
  const value = Number(name);
  if (String(value) !== name) throw new Error(`wink-nlp POS machine: a target named "${name}" (has the model changed?)`);
  return value;
}

/**
 * The setter to give wink-nlp in the POS part: runs `machinesJson` (the model's POS machines, in
 * order) over the default tags wink-nlp hands it, then the model's own `setter`.
 */
export function posTaggingSetter(machinesJson: string[], setter: PosSetter, transformers: Pick<TokenTransformers, 'pos' | 'defaultTag'>): PosSetter {
  const machines: CompiledMachine[] = machinesJson.map((json) => compileMachine(json, posNumber));
  let columns = new Int16Array(1 << 12);
  let tags = new Int32Array(1 << 12);
  /** wink-nlp's token its POS machines skip (the lexicon's first word): known on the first call. */
  let ignored: number | null = null;

  // The default tags wink-nlp's readDoc hands over are not read: they are taken again from the
  // word-fact table by the same rule, so that wink-raw-doc.ts need not map them.
  return (rdd, _defaultTags, tkSize, bits4lemma) => {
    const cache = rdd.cache;
    const tokens = rdd.tokens;
    const length = rdd.numOfTokens;
    ignored ??= cache.lookup(cache.value(0))![0]!;
    if (columns.length < length) {
      columns = new Int16Array(Math.max(2 * columns.length, length));
      tags = new Int32Array(columns.length);
    }
    for (let j = 0; j < length; j++) tags[j] = transformers.defaultTag(cache as never, tokens, j);
    // pos-updater.js: a negative target sets its tag; a positive one only a word that can have it.
    const update = (first: number, _last: number, target: number): void => {
      if (target < 0) tags[first] = Math.abs(target);
      else if (first >= 0 && first < length && cache.isMemberPOS(normalWordOf(tokens, first, cache), target)) tags[first] = target;
    };
    for (const machine of machines) {
      for (let j = 0; j < length; j++) {
        const tag = tags[j]!;
        columns[j] = tag === ignored ? SKIP : machine.columnOf(transformers.pos(tag, cache as never, tokens, j));
      }
      machine.recognize(columns, length, update);
    }
    setter(rdd, tags, tkSize, bits4lemma);
  };
}
