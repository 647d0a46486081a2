// Stage "notes": what the publisher says about its own reporting. Verification notes ("The
// information couldn't be independently verified by Bloomberg News", "did not provide evidence",
// "without evidence") become Note{kind: 'unverified'} with the statements they apply to; update
// and correction notices ("(Updates with … in the last paragraph)", "An earlier version of this
// story …") become 'update' and 'correction' notes; "did not respond to a request for comment"
// becomes 'other'. A phrase inside a statement's content is the speaker's, not the publisher's,
// and is left alone. Phrases and scope words are data in lexicons/notes.json.

import type { Doc, Token } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import { type Note, type NoteKind, NOTE_KINDS, type Statement } from '../../core/model.js';
import { type Span, contains, overlaps, trimSpan, trimSpanBy } from '../../core/span.js';
import { loadLexicon } from '../../nlp/lexicon.js';
import { classifyParagraphs, paragraphReference } from '../../nlp/newsroom.js';
import { PhraseSet } from '../../nlp/phrases.js';

interface NotesLexicon {
  phrases: Record<string, string>;
  scope: Record<string, 'one' | 'paragraph' | 'two'>;
}

const lexicon = loadLexicon<NotesLexicon>('notes');
const KINDS = new Set<string>(NOTE_KINDS);
const PHRASES = PhraseSet.of<NoteKind>(Object.entries(lexicon.phrases).map(([p, k]) => [p, (KINDS.has(k) ? k : 'other') as NoteKind] as [string, NoteKind]));
const SCOPE = new Map(Object.entries(lexicon.scope));
/** A note's span ends before its full stop, as a reader quotes it. */
const TRAILING = /[\s.;,:]/u;

function tokenSpan(tokens: readonly Token[], first: number, end: number): Span {
  return { start: tokens[first]!.start, end: tokens[end - 1]!.end };
}

/** Where a statement is: from its earliest to its latest span. */
function extent(s: Statement): Span {
  let start = s.cue.start;
  let end = s.cue.end;
  for (const x of s.content) {
    if (x.start < start) start = x.start;
    if (x.end > end) end = x.end;
  }
  if (s.source) {
    if (s.source.start < start) start = s.source.start;
    if (s.source.end > end) end = s.source.end;
  }
  return { start, end };
}

/** The entity a note names as its author ("by Bloomberg News", "Reuters could not verify"). */
function noteAuthor(doc: Doc, note: Span): string | null {
  let best: { id: string; organization: boolean } | null = null;
  for (const e of doc.entities) {
    if (!e.mentions.some((m) => contains(note, m))) continue;
    const organization = e.type === 'organization';
    if (!best || (organization && !best.organization)) best = { id: e.id, organization };
  }
  return best?.id ?? null;
}

/** The statements a stand-alone verification note covers, read from the words of its sentence. */
function targetsOf(doc: Doc, noteSentence: Span, phrase: Span, before: Statement[]): Statement[] {
  if (before.length === 0) return [];
  const noteParagraph = doc.paragraphs.find((p) => p.start <= noteSentence.start && noteSentence.start < p.end);
  let scope: 'one' | 'paragraph' | 'two' = 'one';
  const first = doc.tokenFrom(noteSentence.start);
  for (let i = first; i < doc.tokens.length && doc.tokens[i]!.start < noteSentence.end; i++) {
    const t = doc.tokens[i]!;
    if (t.start >= phrase.start && t.end <= phrase.end) continue;
    const s = SCOPE.get(t.lower);
    if (s) {
      scope = s;
      break;
    }
  }
  const last = before[before.length - 1]!;
  if (scope === 'one') return [last];
  if (scope === 'two') return before.slice(-2);
  // Paragraph scope: the statements before the note in its own paragraph, or else those of the
  // nearest earlier paragraph that has any.
  const paragraphOf = (s: Statement): number => doc.paragraphs.findIndex((p) => p.start <= s.cue.start && s.cue.start < p.end);
  const here = noteParagraph ? noteParagraph.index : -1;
  const same = before.filter((s) => paragraphOf(s) === here);
  if (same.length) return same;
  const previous = paragraphOf(last);
  return before.filter((s) => paragraphOf(s) === previous);
}


export const notesStage: Stage = {
  name: 'notes',
  requires: ['tokens', 'statements'],
  provides: ['notes'],
  run(doc: Doc) {
    const notes: Omit<Note, 'id'>[] = [];
    const statements = doc.statements;
    const extents = statements.map(extent);
    const quoted = doc.quotations.map((q) => q.inner);

    // Verification and non-response notes in the publisher's voice.
    for (const hit of PHRASES.findAll(doc.tokens)) {
      const phrase = tokenSpan(doc.tokens, hit.first, hit.end);
      // In a statement's content it is the speaker's; on its cue it is the statement itself ("X has not confirmed …").
      if (statements.some((s) => overlaps(s.cue, phrase) || s.content.some((c) => overlaps(c, phrase)))) continue;
      if (quoted.some((q) => overlaps(q, phrase))) continue;
      const sentence = doc.sentences[doc.tokens[hit.first]!.sentence];
      if (!sentence) continue;
      const inSentence = statements.filter((s) => s.cue.start >= sentence.start && s.cue.start < sentence.end);
      let span: Span;
      let targets: Statement[];
      if (inSentence.length) {
        // "Trump said, without evidence, that …": the phrase qualifies the statements of its sentence.
        span = phrase;
        targets = hit.phrase.value === 'other' ? [] : inSentence;
      } else {
        span = trimSpanBy(doc.text, trimSpan(doc.text, sentence), TRAILING);
        const before = statements.filter((_, i) => extents[i]!.end <= sentence.start);
        targets = hit.phrase.value === 'other' ? [] : targetsOf(doc, sentence, phrase, before);
        // A note about a statement several paragraphs back is more likely about something else.
        const lastTarget = targets[targets.length - 1];
        if (lastTarget) {
          const gap = doc.paragraphs.filter((p) => p.start > lastTarget.cue.start && p.start <= sentence.start).length;
          if (gap > 2) targets = [];
        }
      }
      if (notes.some((n) => overlaps(n.span, span))) continue;
      notes.push({ kind: hit.phrase.value, span, by: noteAuthor(doc, span), targets: targets.map((s) => s.id) });
    }

    // Update and correction notices among the newsroom lines.
    const furnitures = classifyParagraphs(doc.text, doc.paragraphs);
    // Body paragraphs: those that are not newsroom furniture (bylines, contributor, update, copyright lines).
    const body = doc.paragraphs.filter((_, i) => furnitures[i] === null);
    doc.paragraphs.forEach((p, i) => {
      const furniture = furnitures[i];
      if (!furniture || (furniture.kind !== 'update' && furniture.kind !== 'correction')) return;
      const span = furniture.note ? trimSpanBy(doc.text, { start: p.start + furniture.note.start, end: p.start + furniture.note.end }, TRAILING) : p;
      const reference = paragraphReference(doc.slice(span));
      let targets: Statement[] = [];
      if (reference !== null) {
        const target = body[reference < 0 ? body.length + reference : reference];
        if (target) targets = statements.filter((s) => s.cue.start >= target.start && s.cue.start < target.end);
      }
      notes.push({ kind: furniture.kind, span, by: null, targets: targets.map((s) => s.id) });
    });

    notes.sort((a, b) => a.span.start - b.span.start);
    // Each note built as one literal (not spread), so that every note has one shape, into an
    // array literal (not spread), so that every list of notes has one elements kind.
    const all: Note[] = [];
    for (const n of doc.notes) all.push(n);
    for (const n of notes) all.push({ id: `n${all.length + 1}`, kind: n.kind, span: n.span, by: n.by, targets: n.targets });
    doc.notes = all;
  },
};
