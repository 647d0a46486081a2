// Finding quotations in news text: “curly” and "straight" double quotes, ‘single’ quotes and
// «guillemets», closed or left open at the end of a paragraph, and the news convention that a
// paragraph which opens a quote without closing it continues into the next paragraph when that one
// opens with a quote mark. Apostrophes (didn’t, Putin’s, the ’90s, states’) are not quotes.
// Written by hand: no maintained library finds quotations with offsets and these conventions.
// Only top-level quotations are returned (a ‘quote’ inside a “quote” belongs to the outer one).
// Linear in the length of the text; never throws.

import type { Paragraph, Quotation } from '../../core/doc.js';

type Family = 'double' | 'single' | 'guillemet';

const OPENERS: Record<string, Family> = { '“': 'double', '„': 'double', '‟': 'double', '‘': 'single', '‚': 'single', '«': 'guillemet', '‹': 'guillemet' };
const CLOSERS: Record<string, Family> = { '”': 'double', '’': 'single', '»': 'guillemet', '›': 'guillemet' };

/** Characters after which a quote mark opens (start of text, space, opening brackets, dashes, slash). */
const BEFORE_OPENING = /[\s([{\u2014\u2013\-/:;,“‘«„"']/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
/** Every character that may open or close a quotation (the scan jumps from one to the next). */
const QUOTE_CHAR = /["'“”„‟‘’‚«»‹›]/g;

function isOpeningContext(text: string, i: number, start: number): boolean {
  const before = i > start ? text[i - 1]! : ' ';
  const after = i + 1 < text.length ? text[i + 1]! : ' ';
  return BEFORE_OPENING.test(before) && !SPACE.test(after);
}

function isClosingContext(text: string, i: number, end: number): boolean {
  const before = i > 0 ? text[i - 1]! : ' ';
  const after = i + 1 < end ? text[i + 1]! : ' ';
  return !SPACE.test(before) && !LETTER_OR_DIGIT.test(after);
}

/**
 * Looks for the closer of a single quote (‘ or ') opened at `from`, within the paragraph: a ’ or '
 * in closing context (not between letters, which makes it an apostrophe). Returns its index or -1.
 */
/** Single-quoted passages are short (headlines, nested words); looking further would make the scan quadratic. */
const MAX_SINGLE_QUOTE = 400;

function findSingleCloser(text: string, from: number, end: number, straight: boolean): number {
  const limit = Math.min(end, from + MAX_SINGLE_QUOTE);
  for (let i = from + 1; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === '“' || ch === '”') return -1; // a single quote does not span a double one's edge
    if ((straight ? ch === "'" : ch === '’' || ch === "'") && isClosingContext(text, i, end)) {
      // "the states’ rights": a plural possessive is followed by a letter after one space; a closing
      // mark is usually followed by punctuation or the end. Accept both; the pairing decides.
      return i;
    }
  }
  return -1;
}

function makeQuotation(text: string, open: number, close: number, closed: boolean, paragraphEnd: number, markLength = 1): Quotation {
  const end = closed ? close + markLength : paragraphEnd;
  let innerStart = open + markLength;
  let innerEnd = closed ? close : paragraphEnd;
  while (innerStart < innerEnd && SPACE.test(text[innerStart]!)) innerStart++;
  while (innerEnd > innerStart && SPACE.test(text[innerEnd - 1]!)) innerEnd--;
  return { start: open, end, inner: { start: innerStart, end: innerEnd }, closed, continues: -1 };
}

/** Finds the top-level quotations of each paragraph, in text order. */
export function findQuotations(text: string, paragraphs: readonly Paragraph[]): Quotation[] {
  const quotations: Quotation[] = [];
  let previousParagraphOpen = -1; // index of a quotation left open by the previous paragraph
  for (const paragraph of paragraphs) {
    const { start, end } = paragraph;
    let openAt = -1;
    let family: Family = 'double';
    let doubled = false;
    const firstOfParagraph = quotations.length;
    QUOTE_CHAR.lastIndex = start;
    // test, not exec: the mark is one code unit just before lastIndex, and no match array is made
    // for each of the text's marks and apostrophes.
    for (let found = QUOTE_CHAR.test(text); found && QUOTE_CHAR.lastIndex - 1 < end; found = QUOTE_CHAR.test(text)) {
      let i = QUOTE_CHAR.lastIndex - 1;
      const ch = text[i]!;
      // Two apostrophes stand for a double quote mark in some wire copy: ''Like this,'' he said.
      if (ch === "'" && text[i + 1] === "'") {
        const before = i > start ? text[i - 1]! : ' ';
        const after = i + 2 < end ? text[i + 2]! : ' ';
        if (openAt < 0 && BEFORE_OPENING.test(before) && !SPACE.test(after)) {
          openAt = i;
          family = 'double';
          doubled = true;
        } else if (openAt >= 0 && doubled && !SPACE.test(before) && !LETTER_OR_DIGIT.test(after)) {
          quotations.push(makeQuotation(text, openAt, i, true, end, 2));
          openAt = -1;
          doubled = false;
        }
        QUOTE_CHAR.lastIndex = i + 2;
        continue;
      }
      if (openAt < 0) {
        const opener = OPENERS[ch];
        if (opener === 'double' || opener === 'guillemet') {
          openAt = i;
          family = opener;
        } else if (ch === '"') {
          if (isOpeningContext(text, i, start)) {
            openAt = i;
            family = 'double';
          }
        } else if (ch === '»' && i + 1 < end && !SPACE.test(text[i + 1]!) && (i === start || SPACE.test(text[i - 1]!))) {
          openAt = i; // »German and Danish« guillemets
          family = 'guillemet';
        } else if ((opener === 'single' || ch === "'") && isOpeningContext(text, i, start)) {
          const close = findSingleCloser(text, i, end, ch === "'");
          if (close > i + 1) {
            quotations.push(makeQuotation(text, i, close, true, end));
            i = close;
            QUOTE_CHAR.lastIndex = close + 1;
          }
        }
        continue;
      }
      // Inside a quotation: look for its closer.
      if (doubled) continue;
      if (family === 'double') {
        if (ch === '”' || (ch === '"' && !isOpeningContext(text, i, start)) || (ch === '“' && isClosingContext(text, i, end) && i > openAt + 1)) {
          quotations.push(makeQuotation(text, openAt, i, true, end));
          openAt = -1;
        } else if (ch === '"' && text[openAt] === '"') {
          // A straight mark in opening context while a straight quote is open: the open one was a
          // stray mark; restart from here.
          openAt = i;
        }
      } else if (family === 'guillemet') {
        if (CLOSERS[ch] === 'guillemet' || (ch === '«' && text[openAt] === '»')) {
          quotations.push(makeQuotation(text, openAt, i, true, end));
          openAt = -1;
        }
      }
    }
    if (openAt >= 0) {
      quotations.push(makeQuotation(text, openAt, end, false, end, doubled ? 2 : 1));
    }
    // Continuation: this paragraph opens with a quote mark and the previous one left a quote open.
    if (previousParagraphOpen >= 0 && quotations.length > firstOfParagraph) {
      const first = quotations[firstOfParagraph]!;
      if (first.start === start && first.inner.end > first.inner.start) first.continues = previousParagraphOpen;
    }
    const last = quotations.length > firstOfParagraph ? quotations[quotations.length - 1]! : null;
    previousParagraphOpen = last && !last.closed ? quotations.length - 1 : -1;
  }
  // Drop empty quotations ("" or “ ”), keeping indices of continuations right.
  if (quotations.some((q) => q.inner.end <= q.inner.start)) {
    const remap = new Map<number, number>();
    const kept: Quotation[] = [];
    quotations.forEach((q, i) => {
      if (q.inner.end > q.inner.start) {
        remap.set(i, kept.length);
        kept.push(q);
      }
    });
    for (const q of kept) q.continues = q.continues >= 0 ? (remap.get(q.continues) ?? -1) : -1;
    return kept;
  }
  return quotations;
}
