// The letter-class tests answer exactly as the Unicode regular expressions they stand for, on
// ASCII text (their fast path), on other scripts and marks, and on the edge cases ('' and lone
// surrogates).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasLetter, isAllUpper, startsLower, startsUpper } from './letters.js';

const SAMPLES = [
  '', 'a', 'Z', 'aB', 'Ab', 'AB', 'A1', '1A', '-', '--a', "'s", '&', 'U.S.', 'NATO', 'NATO-led', 'al-Assad',
  'Érdoğan', 'érdoğan', 'ÉÉ', 'AÉ', 'Aé', 'ß', 'Straße', 'Москва', 'москва', 'МВД', '北京', '“Hello', '“hello',
  '’s', '\u0301a', '1é', '...', '12', 'ǅ', '𝐀', '𝑎', '\ud835', '\udc00x', 'x\ud835',
];

test('letter tests agree with their regular expressions', () => {
  for (const s of SAMPLES) {
    assert.equal(startsUpper(s), /^\p{Lu}/u.test(s), `startsUpper ${JSON.stringify(s)}`);
    assert.equal(startsLower(s), /^\p{Ll}/u.test(s), `startsLower ${JSON.stringify(s)}`);
    assert.equal(hasLetter(s), /\p{L}/u.test(s), `hasLetter ${JSON.stringify(s)}`);
    assert.equal(isAllUpper(s), /^\p{Lu}+$/u.test(s), `isAllUpper ${JSON.stringify(s)}`);
  }
});
