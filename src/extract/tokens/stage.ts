// Stage "tokens": paragraphs (one per line of text; blank lines separate nothing more), tokens with
// POS and lemma, and sentences that never cross a paragraph boundary. Everything later reads these.

import type { Doc, Paragraph, Sentence } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import { analyseText } from '../../nlp/wink.js';

/** Paragraphs are the non-blank lines of the text (news puts one paragraph on a line). */
export function findParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const lineBreak = /\r\n|\n|\r|\u2028|\u2029/g;
  let lineStart = 0;
  const push = (start: number, end: number): void => {
    while (start < end && /\s/u.test(text[start]!)) start++;
    while (end > start && /\s/u.test(text[end - 1]!)) end--;
    if (end > start) paragraphs.push({ start, end, index: paragraphs.length });
  };
  for (let m = lineBreak.exec(text); m; m = lineBreak.exec(text)) {
    push(lineStart, m.index);
    lineStart = m.index + m[0].length;
  }
  push(lineStart, text.length);
  return paragraphs;
}

export const tokensStage: Stage = {
  name: 'tokens',
  requires: ['text'],
  provides: ['tokens', 'sentences', 'paragraphs'],
  run(doc: Doc) {
    const text = doc.text;
    const paragraphs = findParagraphs(text);
    // One wink-nlp pass over the whole text (a pass per paragraph cost 70% more in wink's
    // per-document overhead); tokens are then assigned to paragraphs, and sentences are cut where
    // a paragraph ends, so no sentence crosses a line break.
    // The adapter's tokens are the document's (indexed, sentence and paragraph still -1).
    const { tokens, sentences: rawSentences } = analyseText(text);
    let p = 0;
    for (const t of tokens) {
      while (p < paragraphs.length - 1 && t.start >= paragraphs[p]!.end) p++;
      t.paragraph = p;
    }
    const sentences: Sentence[] = [];
    const addSentence = (first: number, end: number): void => {
      if (end <= first) return;
      const index = sentences.length;
      for (let i = first; i < end; i++) tokens[i]!.sentence = index;
      sentences.push({ index, firstToken: first, endToken: end, start: tokens[first]!.start, end: tokens[end - 1]!.end, paragraph: tokens[first]!.paragraph });
    };
    /** Adds [first, end), cut wherever the paragraph changes. */
    const addCut = (first: number, end: number): void => {
      let from = first;
      for (let i = first + 1; i < end; i++) {
        if (tokens[i]!.paragraph !== tokens[i - 1]!.paragraph) {
          addSentence(from, i);
          from = i;
        }
      }
      addSentence(from, end);
    };
    let covered = 0;
    for (const s of rawSentences) {
      const first = Math.max(covered, s.firstToken);
      const end = Math.min(tokens.length, s.endToken);
      if (first > covered) addCut(covered, first);
      if (end > first) addCut(first, end);
      covered = Math.max(covered, end);
    }
    addCut(covered, tokens.length);
    doc.paragraphs = paragraphs;
    doc.tokens = tokens;
    doc.sentences = sentences;
  },
};
