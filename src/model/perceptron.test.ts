// The perceptron's decoders: the spelled-out Viterbi for the cue and role taggers' tag sets must give the
// general loop's tags and score to the last bit, ties and impossible positions included.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bioForbidden, StructuredPerceptron } from './perceptron.js';
import { seededRandom } from '../core/random.js';

for (const roles of [1, 2]) {
  test(`viterbiBio${roles} equals the general Viterbi on random scores, ties, -Infinity and constraints`, () => {
    const T = 1 + 2 * roles;
    const random = seededRandom(7);
    const p = new StructuredPerceptron(T, 4, bioForbidden(roles));
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      // Small integers make ties common; some rounds use fractions, some -Infinity emissions.
      const value = (): number => (round % 3 === 0 ? Math.floor(random() * 5) - 2 : (random() - 0.5) * 40);
      for (let i = 0; i < p.transitions.length; i++) p.transitions[i] = value();
      const n = 1 + Math.floor(random() * 30);
      const e = new Float64Array(n * T).map(() => (round % 5 === 0 && random() < 0.1 ? -Infinity : value()));
      const allowed = round % 2 === 0 ? undefined : new Uint8Array(n * T).map(() => (random() < 0.85 ? 1 : 0));
      const a = new Int32Array(n), b = new Int32Array(n);
      const sa = p.decodeEmissions(e, n, a, allowed);
      const sb = p.viterbiAny(e, n, b, allowed);
      assert.ok(Object.is(sa, sb), `round ${round}: score ${sa} against ${sb}`);
      assert.deepEqual([...a], [...b], `round ${round}`);
      checked++;
    }
    assert.equal(checked, 400);
  });
}

test('max-marginals equal the best sequence through each (position, tag), found by enumeration', () => {
  const random = seededRandom(7);
  const T = 3;
  const p = new StructuredPerceptron(T, 4, bioForbidden(1));
  for (let q = 0; q < p.transitions.length; q++) p.transitions[q] = (random() - 0.5) * 10;
  for (const n of [1, 2, 5]) {
    const e = Float64Array.from({ length: n * T }, () => (random() - 0.5) * 20);
    const mm = new Float64Array(n * T);
    p.maxMarginals(e, n, mm);
    // Every tag sequence the constraints allow, scored as Viterbi scores it.
    const best = new Float64Array(n * T).fill(-Infinity);
    let top = -Infinity;
    const seq = new Array<number>(n).fill(0);
    for (let code = 0; code < T ** n; code++) {
      for (let i = 0, c = code; i < n; i++, c = Math.floor(c / T)) seq[i] = c % T;
      let score = 0, ok = true;
      for (let i = 0; i < n && ok; i++) {
        const from = i === 0 ? T : seq[i - 1]!;
        if (p.forbidden[from * T + seq[i]!]) ok = false;
        else score += p.transitions[from * T + seq[i]!]! + e[i * T + seq[i]!]!;
      }
      if (!ok) continue;
      top = Math.max(top, score);
      for (let i = 0; i < n; i++) best[i * T + seq[i]!] = Math.max(best[i * T + seq[i]!]!, score);
    }
    for (let k = 0; k < n * T; k++) {
      if (best[k] === -Infinity) assert.equal(mm[k], -Infinity, `n ${n}, cell ${k}`);
      else assert.ok(Math.abs(mm[k]! - (best[k]! - top)) < 1e-9, `n ${n}, cell ${k}: ${mm[k]} against ${best[k]! - top}`);
    }
    // The Viterbi path has max-marginal 0 at every position.
    const path = new Int32Array(n);
    p.decodeEmissions(e, n, path);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(mm[i * T + path[i]!]!) < 1e-9);
  }
});

test('max-marginals: the spelled-out cue-tag variant equals the generic loops to the bit', () => {
  const random = seededRandom(11);
  const p = new StructuredPerceptron(3, 4, bioForbidden(1));
  for (let q = 0; q < p.transitions.length; q++) p.transitions[q] = (random() - 0.5) * 40;
  for (const n of [1, 2, 3, 17, 200]) {
    const e = Float64Array.from({ length: n * 3 }, () => (random() < 0.2 ? -Infinity : (random() - 0.5) * 300));
    for (let i = 0; i < n; i++) if (e[i * 3] === -Infinity) e[i * 3] = 0; // O always allowed, as for a pruned token
    const fast = new Float64Array(n * 3), slow = new Float64Array(n * 3);
    p.maxMarginals(e, n, fast);
    p.maxMarginalsAny(e, n, slow);
    assert.deepEqual(fast, slow, `n ${n}`);
  }
});
