import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasLetterOrDigit } from './letters.js';

const piece = fc.constantFrom('a', 'Z', '7', ' ', ',', '-', '“', '”', 'é', 'Ж', '٣', '😀', '𝐀', '—', '.', '\u00a0');

test('hasLetterOrDigit agrees with /[\\p{L}\\p{N}]/u on the slice', () => {
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.nat(), fc.nat(), (text, a, b) => {
      const n = text.length + 1;
      const from = Math.min(a % n, b % n);
      const to = Math.max(a % n, b % n);
      assert.equal(hasLetterOrDigit(text, from, to), /[\p{L}\p{N}]/u.test(text.slice(from, to)));
    }),
    { numRuns: 3000 },
  );
});

test('hasLetterOrDigit: a letter beyond the BMP counts, punctuation does not', () => {
  assert.equal(hasLetterOrDigit('𝐀', 0, 2), true);
  assert.equal(hasLetterOrDigit('“—,', 0, 3), false);
  assert.equal(hasLetterOrDigit('--9', 0, 3), true);
  assert.equal(hasLetterOrDigit('ab', 1, 1), false);
});
