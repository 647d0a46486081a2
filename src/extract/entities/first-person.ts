// First- and second-person pronouns ("I", "we", "our", "I'm", "you"): the words, read as pronoun
// mentions and never as names, and the one rule that gives a first-person pronoun its referent.
// Inside quoted words, "I" and "we" are the person whose words they are: the speaker of the
// innermost enclosing statement whose speaker is known ("'We have seen a 22% uplift,' he said").
// Nothing else resolves them: with no such speaker they stay unlinked, so no entity is named "I"
// or "We"; "you" is never resolved. The organisation reading of "we" (the speaker's company or
// party) is not attempted: the words are the speaker's, so "we" goes to the speaker.

import type { Doc, Token } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import type { Span } from '../../core/span.js';
import type { Coreference } from './coreference.js';
import type { Mention } from './mentions.js';
import { pronounInfo, type PronounInfo } from './vocabulary.js';

function pronoun(person: 'first' | 'second', number: PronounInfo['number'], kind: PronounInfo['kind'], grammaticalCase: PronounInfo['case']): PronounInfo {
  return pronounInfo('', number, kind, grammaticalCase, person);
}

const I = pronoun('first', 'sg', 'person', 'subject');
const WE = pronoun('first', 'pl', 'any', 'subject');
const YOU = pronoun('second', 'sg', 'person', 'subject');
/** "mine", also a noun ("the coal mine"): the pronoun only where the tagger says so. */
const MINE = pronoun('first', 'sg', 'person', 'possessive');

/** The words by their lower-case form, with the contractions wink leaves in one token ("I'm" after a quotation mark). */
const WORDS = new Map<string, PronounInfo>([
  ['i', I],
  ["i'm", I],
  ["i've", I],
  ["i'd", I],
  ["i'll", I],
  ['me', pronoun('first', 'sg', 'person', 'object')],
  ['my', pronoun('first', 'sg', 'person', 'possessive')],
  ['mine', MINE],
  ['myself', pronoun('first', 'sg', 'person', 'reflexive')],
  ['we', WE],
  ["we're", WE],
  ["we've", WE],
  ["we'd", WE],
  ["we'll", WE],
  ['us', pronoun('first', 'pl', 'any', 'object')],
  ['our', pronoun('first', 'pl', 'any', 'possessive')],
  ['ours', pronoun('first', 'pl', 'any', 'possessive')],
  ['ourselves', pronoun('first', 'pl', 'any', 'reflexive')],
  ['you', YOU],
  ["you're", YOU],
  ["you've", YOU],
  ["you'd", YOU],
  ["you'll", YOU],
  ['your', pronoun('second', 'sg', 'person', 'possessive')],
  ['yours', pronoun('second', 'sg', 'person', 'possessive')],
  ['yourself', pronoun('second', 'sg', 'person', 'reflexive')],
  ['yourselves', pronoun('second', 'pl', 'person', 'reflexive')],
]);
for (const [word, info] of [...WORDS]) if (word.includes("'")) WORDS.set(word.replace("'", '’'), info);

/**
 * The first- or second-person pronoun a token is, or undefined. The tag is tested first, as most
 * tokens are none of these words: the tagger tags them PRON, and a few after a quotation mark
 * PROPN ("I'm") or NOUN (over the BBC set: 10,639 PRON, 370 PROPN, 1 NOUN, no other tag). A test
 * of the first letter instead let a quarter of all tokens ("in", "of", "was") through to the map,
 * and cost the whole CLI about 4% (bench/ab-pairs.mjs).
 */
export function speechPronoun(t: Token): PronounInfo | undefined {
  const pos = t.pos;
  // Compared once, here, for every token: a comparison first reached with "mine" deoptimised this.
  const pron = pos === 'PRON';
  if (!pron) {
    if (pos !== 'PROPN' && pos !== 'NOUN') return undefined;
    // Nouns are many: only those that start as one of these words does ("I'm", "We", "You're",
    // "Me", "Our", "Us") go on to the map.
    const c = t.lower.charCodeAt(0);
    if (c !== 105 && c !== 119 && c !== 121 && c !== 109 && c !== 111 && c !== 117) return undefined;
  }
  const info = WORDS.get(t.lower);
  if (!info) return undefined;
  // "US", "ME": a word of two letters or more in capitals is an abbreviation, not the pronoun.
  if (t.text.length > 1 && t.text === t.text.toUpperCase()) return undefined;
  // "the coal mine". By the entry, not by comparing the word: a comparison with a string literal
  // deoptimised this and chunkSentence, which inlines it ('wrong instance type').
  if (info === MINE && !pron) return undefined;
  return info;
}

/**
 * Whether a part of a statement's content is quoted words: every part of a direct statement, and
 * a part of a mixed one that opens with a quotation mark (a reporter's paraphrase is not).
 */
export function isQuoted(doc: Doc, statement: Statement, part: Span): boolean {
  return statement.kind === 'direct' || (statement.kind !== 'indirect' && /^[“"‘']/u.test(doc.text.slice(part.start, part.start + 1)));
}

interface QuotedPart {
  start: number;
  end: number;
  statement: number;
}

/**
 * Links every first-person pronoun inside quoted words to the speaker of the innermost enclosing
 * statement whose source resolved to an entity. Runs after coreference, in text order, so that a
 * nested statement's own first-person source ("'… interactive TV,' he said. 'We have seen …'")
 * is linked before the pronouns inside its words. `mentions` are sorted by start.
 */
export function linkFirstPerson(doc: Doc, mentions: readonly Mention[], chosen: ReadonlyMap<number, Mention>, coreference: Coreference): void {
  const parts: QuotedPart[] = [];
  doc.statements.forEach((s, index) => {
    if (!chosen.has(index)) return;
    for (const part of s.content) if (isQuoted(doc, s, part)) parts.push({ start: part.start, end: part.end, statement: index });
  });
  if (!parts.length) return;
  for (const continued of continuedQuotations(doc, parts)) parts.push(continued);
  // Outer parts before the parts nested in them: by start, the longer first.
  parts.sort((a, b) => a.start - b.start || b.end - a.end);
  const open: QuotedPart[] = [];
  let next = 0;
  for (const m of mentions) {
    if (m.kind !== 'pronoun' || m.pronoun?.person !== 'first' || m.entity >= 0) continue;
    while (next < parts.length && parts[next]!.start <= m.span.start) open.push(parts[next++]!);
    while (open.length && open[open.length - 1]!.end < m.span.end) open.pop();
    // The innermost part holding the pronoun is the latest opened; outer ones lie below it.
    for (let i = open.length - 1; i >= 0; i--) {
      const part = open[i]!;
      if (part.end < m.span.end) continue;
      const source = chosen.get(part.statement)!;
      const speaker = source === m ? null : coreference.cluster(source);
      if (speaker) {
        coreference.attach(m, speaker);
        break;
      }
    }
  }
}

/**
 * Quotations no statement's quoted words hold, read as the words of the statement whose quoted
 * words end last before them, in the same paragraph or the one before, when no other statement's
 * cue stands between ("'… interactive TV,' he said. 'We have seen a 22% uplift …'"): a news
 * quote that goes on after its attribution goes on in the same voice. Linear: the parts, quotations and cues are walked in order.
 */
function continuedQuotations(doc: Doc, parts: readonly QuotedPart[]): QuotedPart[] {
  const byEnd = parts.slice().sort((a, b) => a.end - b.end);
  const byStart = parts.slice().sort((a, b) => a.start - b.start);
  // Pushed onto a literal rather than made by map(): map() makes an empty array of another elements
  // kind (map) than a filled one, and the sort below, compiled for the one, deoptimised on the other.
  const cues: { at: number; index: number }[] = [];
  doc.statements.forEach((s, index) => cues.push({ at: s.cue.start, index }));
  cues.sort((a, b) => a.at - b.at);
  const out: QuotedPart[] = [];
  let p = 0;
  let c = 0;
  let s = 0;
  // The furthest end of the parts that start before the quotation ends: past its start, some part overlaps it.
  let reach = -1;
  let last: QuotedPart | null = null;
  for (const q of doc.quotations) {
    const inner = q.inner;
    while (p < byEnd.length && byEnd[p]!.end <= inner.start) last = byEnd[p++]!;
    while (s < byStart.length && byStart[s]!.start < inner.end) reach = Math.max(reach, byStart[s++]!.end);
    if (!last || reach > inner.start) continue;
    const paragraph = doc.tokens[doc.tokenFrom(inner.start)]?.paragraph ?? 0;
    const lastParagraph = doc.tokens[doc.tokenFrom(Math.max(0, last.end - 1))]?.paragraph ?? 0;
    if (paragraph - lastParagraph > 1) continue;
    while (c < cues.length && cues[c]!.at < last.end) c++;
    let interrupted = false;
    for (let k = c; k < cues.length && cues[k]!.at < inner.start; k++) if (cues[k]!.index !== last.statement) interrupted = true;
    if (!interrupted) out.push({ start: inner.start, end: inner.end, statement: last.statement });
  }
  return out;
}
