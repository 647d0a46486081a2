// Feature hashing: the split form (mixHead / mixThird / mixFourth + finish) gives mix3 / mix4 bit
// for bit, on fast-check's arbitrary 32-bit inputs; hashSuffix equals hashString of the slice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { finish, hashString, hashSuffix, mix, mix3, mix4, mixFourth, mixHead, mixThird } from './hashing.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const anyInt = fc.oneof(u32, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -9, max: 99 }));

test('hashing: the split form equals mix, mix3 and mix4', () => {
  fc.assert(
    fc.property(anyInt, anyInt, anyInt, anyInt, (a, b, c, d) => {
      assert.equal(finish(mixHead(a, b)), mix(a, b));
      assert.equal(finish(mixHead(a, b) ^ mixThird(c)), mix3(a, b, c));
      assert.equal(finish(mixHead(a, b) ^ mixThird(c) ^ mixFourth(d)), mix4(a, b, c, d));
    }),
    { numRuns: 2000 },
  );
});

test('hashing: hashSuffix equals hashString of the slice, surrogate pairs included', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer({ min: 1, max: 5 }), (s, k) => {
      assert.equal(hashSuffix(s, k), hashString(s.slice(-k)));
    }),
    { numRuns: 2000 },
  );
  assert.equal(hashSuffix('said', 3), hashString('aid'));
  assert.equal(hashSuffix('\u{1F600}x', 3), hashString('\u{1F600}x'.slice(-3)));
});
