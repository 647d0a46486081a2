// The kind of a statement from its content: direct when every letter of it is inside quotation
// marks, indirect when none is, mixed otherwise (PolNeAR's derived quote type uses the same test).

import type { Quotation } from '../../core/doc.js';
import type { StatementKind } from '../../core/model.js';
import type { Span } from '../../core/span.js';

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Whether the code unit at i is a letter or digit. ASCII is tested by its code (the regex on a
 * one-character string was most of contentKind's time, and ASCII letters and digits are exactly
 * [A-Za-z0-9] under \p{L} and \p{N}); other characters go to the regex.
 */
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER.test(text[i]!);
}

/** Whether text[from, to) holds a letter or digit. */
function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLetterAt(text, i)) return true;
  return false;
}

/**
 * A letter at offset i is inside when the first quotation ending after i holds it between its
 * marks. The content is read in stretches over which that quotation stays the same (up to its end),
 * each cut into the part before its marks' inside, the inside and the part after; only the first
 * letter of each side matters, so a side already seen is not read again (an indirect content is
 * settled by its first letter, not read to its end letter by letter).
 */
export function contentKind(text: string, content: readonly Span[], quotations: readonly Quotation[]): StatementKind {
  let inside = false;
  let outside = false;
  for (const span of content) {
    // First quotation that ends after the span starts (binary search: quotations are in text order).
    let lo = 0;
    let hi = quotations.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (quotations[mid]!.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    let q = lo;
    for (let i = span.start; i < span.end; ) {
      while (q < quotations.length && quotations[q]!.end <= i) q++;
      const quotation = quotations[q];
      const stop = quotation && quotation.end < span.end ? quotation.end : span.end;
      // The inside of the marks within [i, stop), empty when the stretch has no quotation.
      const innerFrom = quotation ? Math.max(i, quotation.inner.start) : stop;
      const innerTo = quotation ? Math.min(stop, quotation.inner.end) : stop;
      if (innerFrom < innerTo) {
        if (!outside) outside = hasLetter(text, i, innerFrom) || hasLetter(text, innerTo, stop);
        if (!inside) inside = hasLetter(text, innerFrom, innerTo);
      } else if (!outside) outside = hasLetter(text, i, stop);
      // Letters on both sides of the marks: mixed, whatever the rest holds.
      if (inside && outside) return 'mixed';
      i = stop;
    }
  }
  if (!inside) return 'indirect';
  return outside ? 'mixed' : 'direct';
}
