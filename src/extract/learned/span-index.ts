// Spans sorted by start with running maxima of their ends, so that "does some span (of another
// owner) contain / overlap this one" is a binary search rather than a scan: the model-statement
// filter's readings ask it for every model statement, and a scan over all statements per statement
// is quadratic on giant documents (1 MB of prose on one line: tens of thousands of statements).

import type { Span } from '../../core/span.js';

export class SpanIndex<Owner> {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Over spans 0..i: the largest end and its owner, and the largest end of any other owner. */
  private readonly maxEnd: number[] = [];
  private readonly maxOwner: (Owner | undefined)[] = [];
  private readonly otherEnd: number[] = [];

  constructor(entries: readonly { span: Span; owner: Owner }[]) {
    const sorted = entries.slice().sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    let best = -Infinity, owner: Owner | undefined, other = -Infinity;
    for (const e of sorted) {
      if (e.span.end > best) {
        if (e.owner !== owner) other = best;
        best = e.span.end;
        owner = e.owner;
      } else if (e.owner !== owner && e.span.end > other) other = e.span.end;
      this.starts.push(e.span.start);
      this.ends.push(e.span.end);
      this.maxEnd.push(best);
      this.maxOwner.push(owner);
      this.otherEnd.push(other);
    }
  }

  /** The number of spans whose start is below x (or at most x when inclusive). */
  private countStarting(x: number, inclusive: boolean): number {
    let lo = 0, hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inclusive ? this.starts[mid]! <= x : this.starts[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The largest end among spans of the prefix [0, n) whose owner is not `except`. */
  private endExcept(n: number, except: Owner | undefined): number {
    if (n === 0) return -Infinity;
    return except !== undefined && this.maxOwner[n - 1] === except ? this.otherEnd[n - 1]! : this.maxEnd[n - 1]!;
  }

  /** Whether a span of an owner other than `except` contains s. */
  contains(s: Span, except?: Owner): boolean {
    return this.endExcept(this.countStarting(s.start, true), except) >= s.end;
  }

  /** Whether a span of an owner other than `except` overlaps s. */
  overlaps(s: Span, except?: Owner): boolean {
    return this.endExcept(this.countStarting(s.end, false), except) > s.start;
  }

  /** The position (in start order) of the first span overlapping s, or -1. */
  firstOverlapping(s: Span): number {
    let lo = 0, hi = this.maxEnd.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.maxEnd[mid]! > s.start) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.starts.length && this.starts[lo]! < s.end ? lo : -1;
  }
}
