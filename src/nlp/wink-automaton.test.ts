import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { compileMachine, END_OF_INPUT, SKIP } from './wink-automaton.js';

const require = createRequire(import.meta.url);
type WinkMachine = { importJSON(json: string): void; recognize(tokens: number[]): [number, number, string | undefined][] };
const winkAutomaton = require('wink-nlp/src/automaton.js') as (cache: unknown, ignore?: string) => WinkMachine;
const posMachines = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-pos-model.json') as string[];
const sentenceMachines = require('wink-eng-lite-web-model/dist/languages/cur/models/eng-sbd-model.json') as string[];

/** The token wink-nlp's machine skips, as its cache would give it. */
const IGNORED = 3;

type Fsm = Record<string, Record<string, number>>;

/** The numbers a machine reads anywhere (its symbols). */
function symbolsOf(fsm: Fsm): number[] {
  const symbols = new Set<number>();
  for (const state in fsm) for (const key in fsm[state]) if (key === String(Number(key)) && Number(key) !== 2_070_003) symbols.add(Number(key));
  return [...symbols];
}

/**
 * Tokens that walk the machine: each choice picks a transition of the state reached (so long
 * patterns, marks and "otherwise" fallbacks are met), a symbol at random, or the token to skip.
 */
function walk(fsm: Fsm, symbols: number[], choices: number[]): number[] {
  const tokens: number[] = [];
  let state = '0';
  for (const choice of choices) {
    const row = fsm[state];
    const keys = row ? Object.keys(row).filter((k) => k === String(Number(k)) && Number(k) !== 2_070_003) : [];
    let token: number;
    if (choice % 10 === 0) token = IGNORED;
    else if (choice % 10 < 3 || keys.length === 0) token = symbols[choice % symbols.length]!;
    else token = Number(keys[choice % keys.length]);
    tokens.push(token);
    const target = row?.[String(token)];
    state = target !== undefined && fsm[String(target)] ? String(target) : '0';
  }
  return tokens;
}

function checkMachine(json: string, names: (name: string) => number): void {
  const wink = winkAutomaton({ lookup: () => [IGNORED] });
  wink.importJSON(json);
  const compiled = compileMachine(json, names);
  const fsm = (JSON.parse(json) as [number, number, Fsm])[2];
  const symbols = [...symbolsOf(fsm), END_OF_INPUT, 7_777_777];
  let matches = 0;
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: 40 }), (choices) => {
      const tokens = walk(fsm, symbols, choices);
      const expected = wink.recognize(tokens).map(([first, last, name]) => [first, last, name === undefined ? NaN : names(name)]);
      const columns = Int16Array.from(tokens, (t) => (t === IGNORED ? SKIP : compiled.columnOf(t)));
      const found: number[][] = [];
      compiled.recognize(columns, tokens.length, (first, last, name) => found.push([first, last, name]));
      assert.deepEqual(found, expected);
      matches += found.length;
    }),
    { numRuns: 3000, seed: 20261128 },
  );
  // The walks reach the machine's patterns (its "otherwise" fallbacks among them).
  assert.ok(matches > 3000, `${matches} matches`);
}

test("each of the model's POS machines finds what wink-nlp's automaton finds, match for match", () => {
  for (const json of posMachines) checkMachine(json, Number);
});

test("the model's sentence machine finds what wink-nlp's automaton finds, the end of input included", () => {
  for (const json of sentenceMachines) checkMachine(json, (name) => (name === 'SBD' ? 1 : Number(name)));
});
