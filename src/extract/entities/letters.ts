// Letter-class tests on token texts (an upper- or lower-case first letter, any letter, all
// capitals) for the entities stage, which asks them several times per token. Each answers ASCII
// text from its character codes and leaves the rest to the Unicode regular expression it stands
// for, with the same answer: a regular expression call costs far more than a comparison of
// character codes, and almost all news text is ASCII.

const UPPER_INITIAL = /^\p{Lu}/u;
const LOWER_INITIAL = /^\p{Ll}/u;
const LETTER = /\p{L}/u;
const ALL_UPPER = /^\p{Lu}+$/u;

function isAsciiUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

/** The text starts with an upper-case letter (`/^\p{Lu}/u`). */
export function startsUpper(text: string): boolean {
  const c = text.charCodeAt(0);
  // Among ASCII characters only A-Z are \p{Lu}. An empty text (NaN) goes to the expression.
  if (c < 128) return isAsciiUpper(c);
  return UPPER_INITIAL.test(text);
}

/** The text starts with a lower-case letter (`/^\p{Ll}/u`). */
export function startsLower(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c < 128) return isAsciiLower(c);
  return LOWER_INITIAL.test(text);
}

/** The text has a letter somewhere (`/\p{L}/u`). */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Past the ASCII prefix (which had no letter) the expression decides for the whole text.
    if (c >= 128) return LETTER.test(text);
    if (isAsciiUpper(c) || isAsciiLower(c)) return true;
  }
  return false;
}

/** The text is upper-case letters only, at least one (`/^\p{Lu}+$/u`). */
export function isAllUpper(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return ALL_UPPER.test(text);
    if (!isAsciiUpper(c)) return false;
  }
  return true;
}
