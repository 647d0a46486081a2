// Doc: the one object that flows through the extraction pipeline (after spaCy's Doc). It holds the
// article text, which never changes, and the layers the stages add: tokens, sentences, paragraphs,
// quotations, cue candidates, statements, entities, notes, relations, metadata, diagnostics.
// Stages communicate only through these layers, never by importing each other.

import type { Span } from './span.js';
import type { ArticleMeta, Entity, Note, Relation, Statement } from './model.js';
import { emptyMeta } from './model.js';

export interface Token extends Span {
  /** Index in doc.tokens. */
  index: number;
  text: string;
  /** Lower-cased text, with curly apostrophes folded to straight ones. */
  lower: string;
  lemma: string;
  /** Universal POS tag (PROPN, VERB, PUNCT, ...). */
  pos: string;
  sentence: number;
  paragraph: number;
}

export interface Sentence extends Span {
  index: number;
  /** First token index (inclusive) and last token index (exclusive). */
  firstToken: number;
  endToken: number;
  paragraph: number;
}

export interface Paragraph extends Span {
  index: number;
}

/** A quotation: from its opening mark to its closing mark (or where an unclosed quote stops). */
export interface Quotation extends Span {
  /** The quoted words, without the marks. */
  inner: Span;
  /** False when the quote was opened and not closed (it ran to the end of a paragraph). */
  closed: boolean;
  /** Index of the quotation this one continues (a quote running over paragraphs), or -1. */
  continues: number;
}

/** A place where an attribution cue may stand: a reporting verb or phrase found by lexicon or model. */
export interface Cue extends Span {
  /** The lexicon entry or lemma that matched ("say", "according to"). */
  lemma: string;
  /** Token indices covered (first inclusive, last exclusive). */
  firstToken: number;
  endToken: number;
  /** Lexicon class: speech, belief, evidential (according to), ... */
  cls: string;
  score: number;
}

export interface Diagnostic {
  stage: string;
  message: string;
  span?: Span;
}

export type Layer =
  | 'text'
  | 'tokens'
  | 'sentences'
  | 'paragraphs'
  | 'quotations'
  | 'cues'
  | 'statements'
  | 'entities'
  | 'speakers'
  | 'descriptors'
  | 'channels'
  | 'acts'
  | 'notes'
  | 'relations'
  | 'meta';

export class Doc {
  readonly text: string;
  readonly id: string | undefined;
  tokens: Token[] = [];
  sentences: Sentence[] = [];
  paragraphs: Paragraph[] = [];
  quotations: Quotation[] = [];
  cues: Cue[] = [];
  statements: Statement[] = [];
  entities: Entity[] = [];
  notes: Note[] = [];
  relations: Relation[] = [];
  meta: ArticleMeta = emptyMeta();
  diagnostics: Diagnostic[] = [];
  /** Layers provided so far, in order. */
  readonly layers = new Set<Layer>(['text']);

  constructor(text: string, id?: string) {
    this.text = text;
    this.id = id;
  }

  slice(s: Span): string {
    return this.text.slice(s.start, s.end);
  }

  diagnose(stage: string, message: string, span?: Span): void {
    this.diagnostics.push(span ? { stage, message, span } : { stage, message });
  }

  /** Index of the token that contains offset, or -1 (binary search). */
  tokenAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tokens[mid]!;
      if (offset < t.start) hi = mid - 1;
      else if (offset >= t.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }

  /** Index of the first token that starts at or after offset (tokens.length if none). */
  tokenFrom(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the sentence that contains offset, or -1. */
  sentenceAt(offset: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid]!;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
}
