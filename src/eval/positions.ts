// Scoring positions: the set of text offsets a group of spans covers that decide a match. Only
// letters and digits count, so a stray space, quotation mark or full stop never decides whether two
// spans are equal; a group with no letter or digit (a transcript's "WALLACE:" cue is all letters,
// but a lone "—" cue is not) falls back to its visible (non-space) characters.
// Offsets are UTF-16 code units and each code unit is tested on its own, exactly as the reference
// scorer (../shared/tools/score-attributions.mjs) does, so the two always agree.

import type { Span } from '../core/span.js';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const VISIBLE = /\S/u;

/** A span as found in gold or prediction files: possibly malformed, so every field is checked. */
export type LooseSpan = Partial<Span> | null | undefined;

function bounds(text: string, s: LooseSpan): [number, number] | null {
  if (!s || typeof s.start !== 'number' || typeof s.end !== 'number') return null;
  return [Math.max(0, s.start), Math.min(text.length, s.end)];
}

/** The offsets of `spans` that take part in scoring (see the module comment). */
export function scoringPositions(text: string, spans: readonly LooseSpan[]): Set<number> {
  const out = new Set<number>();
  for (const s of spans) {
    const b = bounds(text, s);
    if (!b) continue;
    for (let i = b[0]; i < b[1]; i++) if (LETTER_OR_DIGIT.test(text[i]!)) out.add(i);
  }
  if (out.size === 0) {
    for (const s of spans) {
      const b = bounds(text, s);
      if (!b) continue;
      for (let i = b[0]; i < b[1]; i++) if (VISIBLE.test(text[i]!)) out.add(i);
    }
  }
  return out;
}

/** How many positions two sets share. */
export function sharedCount(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let n = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** Whether two position sets are equal. */
export function samePositions(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  return a.size === b.size && sharedCount(a, b) === a.size;
}
