import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasAtMostWords } from './word-count.js';

const piece = fc.constantFrom('a', 'Z', '7', ' ', '  ', '\t', '\n', '\u00a0', '\u2009', '\u3000', '\ufeff', '\u200b', ',', '“', 'é', '😀');

test('hasAtMostWords agrees with split(/\\s+/u).length', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 16 }).map((p) => p.join('')), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 }), (text, a, b, most) => {
      const n = text.length + 1;
      const from = Math.min(a % n, b % n);
      const to = Math.max(a % n, b % n);
      assert.equal(hasAtMostWords(text, from, to, most), text.slice(from, to).split(/\s+/u).length <= most);
    }),
    { numRuns: 3000 },
  );
});

test('hasAtMostWords: a title is short, a sentence is not', () => {
  const text = 'the “Good Morning America” host said it was a very long programme';
  assert.equal(hasAtMostWords(text, 5, 24, 4), true);
  assert.equal(hasAtMostWords(text, 0, text.length, 4), false);
  assert.equal(hasAtMostWords('', 0, 0, 1), true);
});
