import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Quotation } from '../../core/doc.js';
import type { StatementKind } from '../../core/model.js';
import type { Span } from '../../core/span.js';
import { contentKind } from './kind.js';

/** The definition, letter by letter: the kind contentKind must give. */
function kindByLetters(text: string, content: readonly Span[], quotations: readonly Quotation[]): StatementKind {
  let inside = 0;
  let outside = 0;
  for (const span of content) {
    for (let i = span.start; i < span.end; i++) {
      if (!/[\p{L}\p{N}]/u.test(text[i]!)) continue;
      const quotation = quotations.find((q) => q.end > i);
      if (quotation && quotation.inner.start <= i && i < quotation.inner.end) inside++;
      else outside++;
    }
  }
  if (inside === 0) return 'indirect';
  return outside === 0 ? 'direct' : 'mixed';
}

const piece = fc.constantFrom('a', 'Z', '7', ' ', ',', '“', '”', '"', 'é', 'Ж', '😀', '𝐀', '—', '.');

test('contentKind agrees with the letter-by-letter definition', () => {
  fc.assert(
    fc.property(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 4 }),
      fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
      fc.boolean(),
      (text, marks, spans, wide) => {
        const n = text.length + 1;
        // Quotations in text order, apart, their inside within their marks (or, when `wide`, an
        // inside that runs past the marks, which contentKind must read as the definition does).
        const quotations: Quotation[] = [];
        let at = 0;
        for (const [a, b, c, d] of marks) {
          const offsets = [a % n, b % n, c % n, d % n].map((x) => at + x).sort((x, y) => x - y);
          const [start, innerStart, innerEnd, end] = offsets as [number, number, number, number];
          if (end <= start) continue;
          quotations.push({ start, end, inner: { start: innerStart, end: wide ? innerEnd + 2 : innerEnd }, closed: true, continues: -1 });
          at = end;
        }
        const content = spans.map(([a, b]) => ({ start: Math.min(a % n, b % n), end: Math.max(a % n, b % n) }));
        assert.equal(contentKind(text, content, quotations), kindByLetters(text, content, quotations));
      },
    ),
    { numRuns: 3000 },
  );
});

test('contentKind: quoted, unquoted and mixed contents', () => {
  const text = 'He said “we will win” and left.';
  const quotations: Quotation[] = [{ start: 8, end: 21, inner: { start: 9, end: 20 }, closed: true, continues: -1 }];
  assert.equal(contentKind(text, [{ start: 8, end: 21 }], quotations), 'direct');
  assert.equal(contentKind(text, [{ start: 0, end: 7 }], quotations), 'indirect');
  assert.equal(contentKind(text, [{ start: 0, end: 31 }], quotations), 'mixed');
  assert.equal(contentKind(text, [{ start: 22, end: 31 }, { start: 9, end: 20 }], quotations), 'mixed');
});
