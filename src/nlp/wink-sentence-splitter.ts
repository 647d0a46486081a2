// The sentence-boundary step of wink's English model run on a compiled machine (wink-automaton.ts).
// wink-nlp's readDoc runs the model's sentence machine over each token's normal form, through the
// model's transformer, and hands the boundaries found to the model's setter. Here the model part
// given to wink-nlp has no machine, and its setter runs the machine first: the same machine,
// transformer and token to skip, so the setter writes the same sentences (wink-nlp's running of
// the machine was about a tenth of readDoc's time).

import { compileMachine, SKIP } from './wink-automaton.js';
import { normalWordOf } from './wink-raw-doc.js';

/** The cache functions the splitter calls (wink-nlp's cache.js). */
interface SplitterCache {
  lookup(text: string): number[] | null;
  normal(id: number): number;
  nox(binaryWord: number): number;
}

/** wink-nlp's raw document data as the sentence setter receives it. */
interface SplitDocData {
  cache: SplitterCache;
  tokens: number[];
  numOfTokens: number;
}

/** A boundary as wink-nlp's automata report one: first token, last token, name. */
type Match = [number, number, number];
type SbdTransformer = (token: number, cache: never, rawTokens: number[], i: number) => number;
type SbdSetter = (px: Match[], rdd: SplitDocData) => void;

/** The machine's one pattern name besides '0' (which wink-nlp drops); the setter reads no name. */
const BOUNDARY = 1;

function boundaryName(name: string): number {
  if (name !== 'SBD') throw new Error(`wink-nlp sentence machine: a pattern named "${name}" (has the model changed?)`);
  return BOUNDARY;
}

/**
 * The setter to give wink-nlp in the sentence part: runs `machineJson` (the model's one sentence
 * machine) over the document's tokens, then the model's own `setter` with what it found.
 */
export function sentenceSplittingSetter(machineJson: string, setter: SbdSetter, transform: SbdTransformer): SbdSetter {
  const machine = compileMachine(machineJson, boundaryName);
  let columns = new Int16Array(1 << 12);
  /** wink-nlp's token its sentence machine skips (a line feed): known on the first call. */
  let ignored: number | null = null;

  return (_none, rdd) => {
    const cache = rdd.cache;
    const tokens = rdd.tokens;
    const length = rdd.numOfTokens;
    ignored ??= cache.lookup('\n')![0]!;
    if (columns.length < length) columns = new Int16Array(Math.max(2 * columns.length, length));
    for (let j = 0; j < length; j++) {
      const normal = normalWordOf(tokens, j, cache);
      columns[j] = normal === ignored ? SKIP : machine.columnOf(transform(normal, cache as never, tokens, j));
    }
    const boundaries: Match[] = [];
    // The setter reads each boundary's first token only, so the match's name is given as the one
    // name there is: the machine's names come from a Float64Array, and a boundary holding one held
    // doubles; the setter copied its first token into the document's sentences, which then held
    // doubles in some documents and small integers in others, and analyseOrdinaryText, reading
    // them, deoptimised at each change ('wrong map', up to 60 times over the BBC set).
    machine.recognize(columns, length, (first, last) => boundaries.push([first, last, BOUNDARY]));
    setter(boundaries, rdd);
  };
}
