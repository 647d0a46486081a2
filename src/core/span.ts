// Spans: stand-off positions into an article's text.
// A span is {start, end} in UTF-16 code units, end exclusive, so text.slice(start, end) is its text.
// This module owns the span helpers every stage uses; it does no I/O and imports nothing.

export interface Span {
  start: number;
  end: number;
}

/** A span as it appears in output: its position and the text it covers. */
export interface TextSpan extends Span {
  text: string;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function withText(text: string, s: Span): TextSpan {
  return { start: s.start, end: s.end, text: text.slice(s.start, s.end) };
}

export function spanLength(s: Span): number {
  return s.end - s.start;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

/** Unicode White_Space, which includes no-break and other typographic spaces. */
const SPACE = /\s/u;

/** Shrinks a span so that it neither starts nor ends with white space (CR, LF, NBSP included). */
export function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && SPACE.test(text[start]!)) start++;
  while (end > start && SPACE.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Shrinks a span past leading and trailing characters matched by `strip` (one code unit at a time). */
export function trimSpanBy(text: string, s: Span, strip: RegExp): Span {
  let { start, end } = s;
  while (start < end && strip.test(text[start]!)) start++;
  while (end > start && strip.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Clamps a span into [0, length] and makes it well-ordered; a bad span becomes empty, never throws. */
export function clampSpan(s: Span, length: number): Span {
  const start = Math.max(0, Math.min(length, Math.trunc(Number.isFinite(s.start) ? s.start : 0)));
  const end = Math.max(start, Math.min(length, Math.trunc(Number.isFinite(s.end) ? s.end : start)));
  return { start, end };
}

/**
 * Keeps a span off the inside of a surrogate pair, so that slicing never leaves half an emoji.
 * A start inside a pair moves back to the pair's start; an end inside a pair moves forward.
 */
export function snapToCodePoints(text: string, s: Span): Span {
  let { start, end } = s;
  if (start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
  if (end > 0 && end < text.length && isLowSurrogate(text.charCodeAt(end)) && isHighSurrogate(text.charCodeAt(end - 1))) end++;
  return { start, end };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Converts a UTF-16 offset to a code-point offset, for edges that ask for code points. */
export function utf16ToCodePointOffset(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    points++;
  }
  return points;
}

/** Converts a code-point offset to a UTF-16 offset. */
export function codePointToUtf16Offset(text: string, points: number): number {
  let i = 0;
  for (let p = 0; p < points && i < text.length; p++) {
    const code = text.charCodeAt(i);
    i += isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}
