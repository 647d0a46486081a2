// Stage "tokens": paragraphs (one per line of text; blank lines separate nothing more), tokens with
// POS and lemma, and sentences that never cross a paragraph boundary. Everything later reads these.

import type { Doc, Paragraph, Sentence, Token } from '../../core/doc.js';
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

const apostrophes = /[\u2019\u2018\u02bc]/g;

export const tokensStage: Stage = {
  name: 'tokens',
  requires: ['text'],
  provides: ['tokens', 'sentences', 'paragraphs'],
  run(doc: Doc) {
    const text = doc.text;
    const paragraphs = findParagraphs(text);
    const tokens: Token[] = [];
    const sentences: Sentence[] = [];
    for (const paragraph of paragraphs) {
      const passage = text.slice(paragraph.start, paragraph.end);
      const { tokens: raw, sentences: rawSentences } = analyseText(passage);
      const base = tokens.length;
      for (const r of raw) {
        tokens.push({
          index: tokens.length,
          start: paragraph.start + r.start,
          end: paragraph.start + r.end,
          text: r.text,
          lower: r.text.toLowerCase().replace(apostrophes, "'"),
          lemma: r.lemma.toLowerCase().replace(apostrophes, "'"),
          pos: r.pos,
          sentence: -1,
          paragraph: paragraph.index,
        });
      }
      let covered = base;
      const addSentence = (first: number, end: number): void => {
        if (end <= first) return;
        const index = sentences.length;
        for (let i = first; i < end; i++) tokens[i]!.sentence = index;
        sentences.push({ index, firstToken: first, endToken: end, start: tokens[first]!.start, end: tokens[end - 1]!.end, paragraph: paragraph.index });
      };
      for (const s of rawSentences) {
        const first = Math.max(covered, base + s.firstToken);
        const end = Math.min(tokens.length, base + s.endToken);
        if (first > covered) addSentence(covered, first);
        addSentence(first, end);
        covered = Math.max(covered, end);
      }
      addSentence(covered, tokens.length);
    }
    doc.paragraphs = paragraphs;
    doc.tokens = tokens;
    doc.sentences = sentences;
  },
};
