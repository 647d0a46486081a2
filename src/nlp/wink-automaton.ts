// A state machine of wink's English model (one of the JSON machines its POS tagger and sentence
// splitter run) compiled to tables, recognising patterns as wink-nlp's automaton.js `recognize`
// does. wink-nlp keeps a machine as JSON-parsed objects keyed by token number and looks up every
// step there (a dictionary look-up per transition, per terminal test and per "otherwise" test, and
// a transformer call per step); here a token is turned into the machine's column once, and a step
// is a read from a typed array. The algorithm, with its restarts and its "otherwise" fallback, is
// wink-nlp's, step for step (wink-automaton.test.ts holds it to wink-nlp's on the model's machines).

/** wink-nlp's numbers for the end of the input and for the "otherwise" event (automaton.js). */
export const END_OF_INPUT = 2_070_000;
const OTHERWISE = 2_070_003;
/** The model's transformers give a hint as this plus the hint's number (below SMALL). */
export const HINT_BASE = 1_080_000;
/** Values below this (POS numbers, hint numbers) have their columns in arrays. */
const SMALL = 256;
/** A column number meaning "this token has no transition anywhere in the machine". */
export const NO_COLUMN = -1;
/** A column number meaning "skip this token" (wink-nlp's token to ignore). */
export const SKIP = -2;

/** Called for each pattern found: its first and last token (after the state's marks), its name. */
export type OnMatch = (first: number, last: number, name: number) => void;

export interface CompiledMachine {
  /** The column of token value `value` (a number, as wink-nlp's tokens and transformers give). */
  columnOf(value: number): number;
  /** wink-nlp's recognize over `length` tokens whose columns are `columns` (SKIP, NO_COLUMN or a column). */
  recognize(columns: Int16Array, length: number, onMatch: OnMatch): void;
}

type MachineJson = [number, number, Record<string, Record<string, number>>, Record<string, string>, Record<string, [number, number]>, Record<string, unknown>];

/**
 * Compiles a machine as wink-nlp's `importJSON` reads it; `names` turns a terminal state's name
 * (a POS number in the tagger's machines, "SBD" in the sentence machine) into the number onMatch
 * receives. A match named '0' is dropped, as wink-nlp drops it. The custom properties wink-nlp
 * passes to a detection callback are not read: it sets no callback on these machines.
 */
export function compileMachine(json: string, names: (name: string) => number): CompiledMachine {
  const [, lastUsedState, fsm, terminalStates, markedStates] = JSON.parse(json) as MachineJson;
  const stateCount = lastUsedState + 1;
  const columns = new Map<number, number>();
  for (const state in fsm) {
    for (const key in fsm[state]) {
      const value = Number(key);
      // A key that is no number ("$of" in the tagger) never equals a token number.
      if (key !== String(value) || value === OTHERWISE || columns.has(value)) continue;
      columns.set(value, columns.size);
    }
  }
  const width = columns.size;
  const next = new Int16Array(stateCount * width);
  const otherwise = new Int16Array(stateCount);
  for (const state in fsm) {
    const row = fsm[state]!;
    const s = Number(state);
    for (const key in row) {
      const target = row[key]!;
      if (Number(key) === OTHERWISE) otherwise[s] = target;
      else if (columns.has(Number(key)) && key === String(Number(key))) next[s * width + columns.get(Number(key))!] = target;
    }
  }
  const terminal = new Uint8Array(stateCount);
  /** Per state: 1 when its name is '0' (wink-nlp drops such a match), else 0. */
  const ignored = new Uint8Array(stateCount);
  const nameOf = new Float64Array(stateCount).fill(NaN);
  const markFirst = new Int16Array(stateCount);
  const markLast = new Int16Array(stateCount);
  for (const state in terminalStates) {
    const s = Number(state);
    terminal[s] = 1;
    const name = terminalStates[state]!;
    if (name === '0') ignored[s] = 1;
    else nameOf[s] = names(name);
  }
  for (const state in markedStates) {
    markFirst[Number(state)] = markedStates[state]![0];
    markLast[Number(state)] = markedStates[state]![1];
  }
  // wink-nlp would fail on a step from a state without a row; the model's machines have none.
  const reachable = [...next, ...otherwise].filter((target) => target !== 0);
  if (reachable.some((target) => target >= stateCount || (terminal[target] === 0 && fsm[String(target)] === undefined))) {
    throw new Error('wink-nlp machine: a transition to a state it does not describe (has the model changed?)');
  }
  const endColumn = columns.get(END_OF_INPUT) ?? NO_COLUMN;

  /**
   * pushMatch2Patterns: the match of state `s` from `first` to `last`. A state that is not
   * terminal (an "otherwise" fallback's) has no name (NaN here, undefined in wink-nlp).
   */
  const found = (onMatch: OnMatch, first: number, last: number, s: number): void => {
    if (ignored[s] === 1) return;
    onMatch(first + markFirst[s]!, last - markLast[s]!, nameOf[s]!);
  };

  // Columns of the tags and hints by array; other numbers (word ids, the end of input) by the map.
  const smallColumns = new Int16Array(SMALL).fill(NO_COLUMN);
  const hintColumns = new Int16Array(SMALL).fill(NO_COLUMN);
  for (const [value, column] of columns) {
    if (value >= 0 && value < SMALL) smallColumns[value] = column;
    else if (value >= HINT_BASE && value < HINT_BASE + SMALL) hintColumns[value - HINT_BASE] = column;
  }
  return {
    columnOf(value) {
      if (value >= 0 && value < SMALL) return smallColumns[value]!;
      if (value >= HINT_BASE && value < HINT_BASE + SMALL) return hintColumns[value - HINT_BASE]!;
      return columns.get(value) ?? NO_COLUMN;
    },
    recognize(tokenColumns, length, onMatch) {
      let first = 0;
      let state = 0;
      let ns = 0;
      let lastOtherwiseIndex = 0;
      let lastOtherwiseState = 0;
      for (let i = 0; i <= length; i++) {
        for (let j = i; j <= length; j++) {
          const column = j === length ? endColumn : tokenColumns[j]!;
          if (column === SKIP) continue;
          ns = column === NO_COLUMN ? 0 : next[state * width + column]!;
          if (state === 0 && ns !== 0) first = j;
          if (terminal[ns] === 1) {
            found(onMatch, first, j, ns);
            i = j;
            j = length + 100;
            ns = 0;
            lastOtherwiseState = 0;
          } else if (ns === 0) {
            if (lastOtherwiseState !== 0) {
              found(onMatch, first, lastOtherwiseIndex, lastOtherwiseState);
              i = lastOtherwiseIndex;
              j = length + 100;
              ns = 0;
              lastOtherwiseState = 0;
            } else {
              j = length + 100;
            }
          }
          state = ns;
          if (otherwise[state] !== 0) {
            lastOtherwiseIndex = j;
            lastOtherwiseState = otherwise[state]!;
          }
        }
      }
    },
  };
}
