// The span index answers as a scan over its spans would: containment and overlap with an owner
// left out, and the first span in start order overlapping a span; checked against the scan on
// random spans.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains, overlaps, type Span } from '../../core/span.js';
import { seededRandom } from '../../core/random.js';
import { SpanIndex } from './span-index.js';

test('span index: agrees with a scan on random spans and owners', () => {
  const random = seededRandom(7);
  const int = (n: number): number => Math.floor(random() * n);
  for (let round = 0; round < 200; round++) {
    const entries = Array.from({ length: int(12) }, () => {
      const start = int(60);
      return { span: { start, end: start + 1 + int(20) }, owner: int(4) };
    });
    const index = new SpanIndex(entries);
    const sorted = entries.slice().sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    for (let q = 0; q < 20; q++) {
      const start = int(70);
      const s: Span = { start, end: start + 1 + int(6) };
      const except = int(5);
      assert.equal(index.contains(s, except), entries.some((e) => e.owner !== except && contains(e.span, s)));
      assert.equal(index.overlaps(s, except), entries.some((e) => e.owner !== except && overlaps(e.span, s)));
      assert.equal(index.contains(s), entries.some((e) => contains(e.span, s)));
      assert.equal(index.firstOverlapping(s), sorted.findIndex((e) => overlaps(e.span, s)));
    }
  }
});
