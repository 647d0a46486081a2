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
