// Stage "entities": who and what the article talks about, and who speaks. It finds mentions
// (names, descriptions, pronouns), keeps titles and appositives as descriptors apart from names,
// links mentions into entities across the article (coreference), and sets every statement's
// `speaker` to the entity its source refers to ("I" and "we" in quoted words: the quoted speaker).
//
// Descriptors are found here rather than in a stage of their own: a premodifier title and the
// name it precedes are two halves of one noun phrase ("US Defense Secretary | Lloyd Austin"), so
// the parse that finds the name is the one that finds the title, and coreference needs the titles
// (roles, nationality, gender) as evidence. So this stage provides 'descriptors' too.

import type { Doc } from '../../core/doc.js';
import type { Entity, EntityType } from '../../core/model.js';
import type { Stage } from '../../core/pipeline.js';
import { compareSpans, type Span } from '../../core/span.js';
import { attachAppositives } from './appositives.js';
import { Coreference, type Cluster } from './coreference.js';
import { findMentions, type Mention } from './mentions.js';
import { isQuoted, linkFirstPerson } from './first-person.js';
import { chooseSourceMentions } from './speakers.js';
import { lowerBound } from './lower-bound.js';

export const entitiesStage: Stage = {
  name: 'entities',
  requires: ['tokens', 'sentences', 'paragraphs', 'statements'],
  provides: ['entities', 'speakers', 'descriptors'],
  run(doc: Doc) {
    resolveEntities(doc);
  },
};

/** Finds entities and sets statement speakers on a Doc that has tokens and (maybe) statements. */
export function resolveEntities(doc: Doc): void {
  let mentions = findMentions(doc);
  mentions = attachAppositives(doc, mentions);
  const chosen = chooseSourceMentions(doc, mentions);
  const sourceMentions = new Set(chosen.values());
  mentions.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const coreference = new Coreference((m) => sourceMentions.has(m), ownWordsOf(doc, chosen, mentions), previousSourceOf(doc, chosen));
  coreference.run(mentions);
  linkFirstPerson(doc, mentions, chosen, coreference);
  // A source nothing else resolved still names a referent of its own (a pronoun does not).
  for (const m of sourceMentions) if (m.entity < 0 && m.kind !== 'pronoun') coreference.found(m);

  const clusters = coreference.clusters.filter((c) => c.mentions.length > 0);
  clusters.sort((a, b) => firstStart(a) - firstStart(b));
  const ids = new Map<Cluster, string>();
  const entities: Entity[] = clusters.map((c, i) => {
    const id = `e${i + 1}`;
    ids.set(c, id);
    return {
      id,
      name: nameOf(doc, c),
      type: typeOf(doc, c),
      mentions: uniqueSorted(spansOf(c.mentions)),
      descriptors: uniqueSorted(c.descriptors),
    };
  });
  doc.entities = entities;
  doc.statements.forEach((s, index) => {
    const m = chosen.get(index);
    const c = m ? coreference.cluster(m) : null;
    s.speaker = c ? ids.get(c) ?? null : null;
  });
}

/** Per pronoun source, the names its statements' quoted words hold: none of them is the speaker
 * ("'… as much as Ray Charles did,' he said"). Pronouns inside quotes are left out: resolved
 * before their quote's speaker is known, they are too often wrong to rule anyone out. */
function ownWordsOf(doc: Doc, chosen: Map<number, Mention>, mentions: Mention[]): (m: Mention) => readonly Mention[] | undefined {
  const own = new Map<Mention, Mention[]>();
  const starts: number[] = [];
  for (const m of mentions) starts.push(m.span.start);
  chosen.forEach((source, index) => {
    // Only "he" and "she": a company speaks of itself by name ("'Multiplex believes …,' it said").
    if (source.kind !== 'pronoun' || source.pronoun?.kind !== 'person' || source.pronoun.person !== 'third') return;
    const statement = doc.statements[index]!;
    for (const part of statement.content) {
      // Only quoted words: a reporter's paraphrase may name the speaker ("He claimed to have
      // obtained his weapon with money Rittenhouse received").
      if (!isQuoted(doc, statement, part)) continue;
      const lo = lowerBound(starts, part.start);
      for (let i = lo; i < mentions.length && mentions[i]!.span.start < part.end; i++) {
        const m = mentions[i]!;
        if (m.span.end > part.end) continue;
        if (m.kind !== 'name') continue;
        const list = own.get(source);
        if (list) list.push(m);
        else own.set(source, [m]);
      }
    }
  });
  return (m) => own.get(m);
}

/** Per pronoun source, the source of the statement whose cue comes just before its own (if any). */
function previousSourceOf(doc: Doc, chosen: Map<number, Mention>): (m: Mention) => Mention | undefined {
  const order = [...chosen.keys()].sort((a, b) => doc.statements[a]!.cue.start - doc.statements[b]!.cue.start);
  const previous = new Map<Mention, Mention>();
  for (let i = 1; i < order.length; i++) {
    const m = chosen.get(order[i]!)!;
    const before = chosen.get(order[i - 1]!)!;
    if (m.kind === 'pronoun' && before !== m && before.span.start < m.span.start && !previous.has(m)) previous.set(m, before);
  }
  return (m) => previous.get(m);
}

function firstStart(c: Cluster): number {
  let start = Infinity;
  for (const m of c.mentions) if (m.span.start < start) start = m.span.start;
  return start;
}

/** The fullest proper name seen, or the founding description as written. */
function nameOf(doc: Doc, c: Cluster): string {
  let best: Mention | null = null;
  for (const m of c.mentions) {
    if (m.kind !== 'name') continue;
    if (!best || m.words.length > best.words.length || (m.words.length === best.words.length && m.span.end - m.span.start > best.span.end - best.span.start)) best = m;
  }
  const m = best ?? c.nameMention;
  return collapseWhitespace(doc.slice(m.span));
}

/**
 * Runs of whitespace as one space, trimmed. Most names are ASCII words with single spaces between
 * them: those are returned as they are, without the regular expression.
 */
function collapseWhitespace(text: string): string {
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    // Control characters (tab, line breaks) and anything past ASCII may be whitespace (\u00a0, \u2009 …).
    if (c < 32 || c > 126 || (c === 32 && (i === 0 || i === last || text.charCodeAt(i + 1) === 32))) return text.replace(/\s+/gu, ' ').trim();
  }
  return text;
}

function typeOf(doc: Doc, c: Cluster): EntityType {
  if (c.type) return c.type;
  const name = c.nameMention;
  if (name.kind === 'name') {
    const acronym = /^[\p{Lu}\d.&]{2,}$/u.test(doc.slice(name.span));
    if (c.gender || c.roles.size || c.mentions.some((m) => m.kind === 'pronoun' && m.pronoun?.kind === 'person')) return 'person';
    if (acronym) return c.speaker ? 'organization' : 'other';
    if (c.speaker && !/^(?:eastern|western|northern|southern|central|upper|lower|greater) /u.test(name.words.join(' '))) return 'person';
  }
  return 'other';
}

/**
 * The spans of the mentions. The arrays here are built by loops, not Array.prototype.map: the
 * arrays map returns change elements kind once map is optimised, which deoptimised uniqueSorted
 * and lowerBound ('wrong map').
 */
function spansOf(mentions: readonly Mention[]): Span[] {
  const spans: Span[] = [];
  for (const m of mentions) spans.push(m.span);
  return spans;
}

/** The spans in a new array, sorted (a function of its own: rarely reached, it would deoptimise uniqueSorted). */
function sortedCopy(spans: readonly Span[]): Span[] {
  const copy: Span[] = [];
  for (const s of spans) copy.push(s);
  return copy.sort(compareSpans);
}

/**
 * Copies of the spans, sorted, without repeats. A cluster's mentions mostly arrive in text order
 * already: those are copied as they come, without the sort (and its comparator calls).
 */
function uniqueSorted(spans: readonly Span[]): Span[] {
  let sorted = spans;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i - 1]!.start > spans[i]!.start || (spans[i - 1]!.start === spans[i]!.start && spans[i - 1]!.end > spans[i]!.end)) {
      sorted = sortedCopy(spans);
      break;
    }
  }
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (!last || last.start !== s.start || last.end !== s.end) out.push({ start: s.start, end: s.end });
  }
  return out;
}
