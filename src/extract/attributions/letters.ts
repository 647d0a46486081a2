// Whether a stretch of text holds a letter or digit, as /[\p{L}\p{N}]/u finds one (by code
// point): the test behind isPunct (is a token no word?) and the dropping of content spans that
// hold no word.

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Whether text[from, to) holds a letter or digit. ASCII is tested by its code, with no string
 * made: the regex on a token's text or on a slice of the content was run for nearly every token
 * and span, and ASCII letters and digits are exactly [A-Za-z0-9] under \p{L} and \p{N}. From the
 * first other code unit on, the regex reads the rest (a letter beyond the BMP is two code units).
 */
export function hasLetterOrDigit(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return LETTER.test(text.slice(i, to));
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  }
  return false;
}
