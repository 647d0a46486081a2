// Case folding for matching words: lower case with curly apostrophes (’ ‘ ʼ) folded to the straight
// one, so "didn’t" and "didn't" match. Token.lower and Token.lemma hold words folded this way.

const APOSTROPHES = /[\u2019\u2018\u02bc]/g;
const HAS_APOSTROPHE = /[\u2019\u2018\u02bc]/;

/** Lower case, with curly apostrophes folded to straight ones. */
export function foldCase(word: string): string {
  const lower = word.toLowerCase();
  return HAS_APOSTROPHE.test(lower) ? lower.replace(APOSTROPHES, "'") : lower;
}
