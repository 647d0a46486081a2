// Gold labels for training: PolNeAR's character spans mapped onto the runtime tokens. A token
// belongs to a span when one of its letters or digits lies inside it (the scorer's own notion of
// coverage), or, for a token with none (punctuation, quotation marks), when it lies wholly inside.

import type { Doc } from '../core/doc.js';
import type { Span } from '../core/span.js';

const ALNUM = /[\p{L}\p{N}]/u;

export function tokenCovered(text: string, tok: Span, spans: readonly Span[]): boolean {
  for (const s of spans) {
    if (tok.end <= s.start || tok.start >= s.end) continue;
    if (tok.start >= s.start && tok.end <= s.end) return true;
    const a = Math.max(tok.start, s.start), b = Math.min(tok.end, s.end);
    for (let i = a; i < b; i++) if (ALNUM.test(text[i]!)) return true;
  }
  return false;
}

/** Token index range [first, end) covered by spans, or null when no token is covered. */
export function tokenRange(doc: Doc, spans: readonly Span[]): { first: number; end: number } | null {
  if (!spans.length) return null;
  let lo = Infinity, hi = -Infinity;
  for (const s of spans) {
    lo = Math.min(lo, s.start);
    hi = Math.max(hi, s.end);
  }
  let first = -1, end = -1;
  for (let i = Math.max(0, doc.tokenFrom(lo) - 1); i < doc.tokens.length && doc.tokens[i]!.start < hi; i++) {
    if (tokenCovered(doc.text, doc.tokens[i]!, spans)) {
      if (first < 0) first = i;
      end = i + 1;
    }
  }
  return first < 0 ? null : { first, end };
}

/** Writes BIO tags for one role into `tags` (indexed from token `from`): `begin` for the first token
 * of each covered run, `begin + 1` for the rest. Tokens already tagged are left alone. */
export function tagRole(doc: Doc, spans: readonly Span[], from: number, to: number, tags: Int32Array, begin: number): void {
  if (!spans.length) return;
  let prev = false;
  for (let i = from; i < to; i++) {
    const inside = tokenCovered(doc.text, doc.tokens[i]!, spans);
    if (inside && tags[i - from] === 0) tags[i - from] = prev ? begin + 1 : begin;
    prev = inside && (tags[i - from] === begin || tags[i - from] === begin + 1);
  }
}
