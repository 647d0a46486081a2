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

export function contentKind(text: string, content: readonly Span[], quotations: readonly Quotation[]): StatementKind {
  let inside = 0;
  let outside = 0;
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
    for (let i = span.start; i < span.end; i++) {
      if (!isLetterAt(text, i)) continue;
      while (q < quotations.length && quotations[q]!.end <= i) q++;
      const quotation = quotations[q];
      if (quotation && quotation.inner.start <= i && i < quotation.inner.end) inside++;
      else outside++;
      // Letters on both sides of the marks: mixed, whatever the rest holds.
      if (inside > 0 && outside > 0) return 'mixed';
    }
  }
  if (inside === 0) return 'indirect';
  return outside === 0 ? 'direct' : 'mixed';
}
