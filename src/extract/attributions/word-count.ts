// Counting the words of a stretch of text as `split(/\s+/u)` counts its pieces, without making the
// pieces: the attributions stage asks of every quotation whether it is short (a title, a scare
// quote), and splitting each one was most of what that stage allocated.

const SPACE = /\s/u;

/**
 * Whether the code unit at i is white space under /\s/u. Every such character is one code unit;
 * ASCII is tested by its code, the rest by the regex.
 */
function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return SPACE.test(text[i]!);
}

/**
 * Whether text.slice(from, to).split(/\s+/u) has at most `most` pieces: one more piece than there
 * are runs of white space (a leading or trailing run makes an empty piece, as split does).
 */
export function hasAtMostWords(text: string, from: number, to: number, most: number): boolean {
  let runs = 0;
  let inRun = false;
  for (let i = from; i < to; i++) {
    const space = isSpaceAt(text, i);
    if (space && !inRun && ++runs >= most) return false;
    inRun = space;
  }
  return true;
}
