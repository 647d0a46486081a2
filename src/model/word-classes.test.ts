// packedWordClasses: each packed number unpacks to what the token table's typed arrays (Uint8 verb,
// Uint16 mask, Uint8 noun) would store for the entry's three values, whatever those numbers are.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packedWordClasses, type WordClassTable } from './word-classes.js';

test('packed word classes unpack to the values typed arrays store', () => {
  const odd = [0, 1, 44, 255, 256, 0xffff, 0x10000, -1, -300, 3.7, -2.5, 2 ** 40 + 3, NaN, Infinity, -Infinity];
  const table: WordClassTable = {};
  odd.forEach((a, i) => odd.forEach((b, j) => (table[`w${i}_${j}`] = [a, b, odd[(i + j) % odd.length]!])));
  const packed = packedWordClasses(table);
  const verb = new Uint8Array(1), mask = new Uint16Array(1), noun = new Uint8Array(1);
  for (const [lemma, [v, m, n]] of Object.entries(table)) {
    verb[0] = v;
    mask[0] = m;
    noun[0] = n;
    const p = packed[lemma]!;
    assert.deepEqual([Math.floor(p / 0x10000) & 0xff, p & 0xffff, Math.floor(p / 0x1000000)], [verb[0], mask[0], noun[0]], `${lemma}: ${v}, ${m}, ${n}`);
  }
});
