// Speakers: which mention each statement's source is, so that the statement's `speaker` can point
// at that mention's entity. A source that coordinates names ("The US and South Korea") becomes a
// group; a source with no mention found in it ("a senior official familiar with the talks") becomes
// a mention of its own, typed by its head word.

import type { Doc, Token } from '../../core/doc.js';
import type { EntityType, Statement } from '../../core/model.js';
import type { Span } from '../../core/span.js';
import { lowerWords, mentionOf, type Mention } from './mentions.js';
import { COLLECTIVES, DOCUMENT_HEADS, GENERIC_ORGANIZATION_HEADS, NON_NAMES, ORGANIZATION_HEADS, ROLE_MODIFIERS, ROLES } from './vocabulary.js';
import { lowerBound } from './lower-bound.js';
import { AND, COMMA, COMMA_OR_AMPERSAND } from '../../nlp/token-words.js';

const LEADING_DETERMINER = /^\s*(?:the|The|both|Both|a|A|an|An|this|This|that|That|these|These|those|Those)\s+/u;
const RELATIVE_PRONOUNS = new Set(['who', 'which', 'that', 'whom']);
const COORDINATORS = /^\s*(?:\([^()]{1,20}\)\s*)?(?:,\s*)?(?:and|&)\s+(?:(?:the|his|her|its|their)\s+)?$|^\s*,\s*(?:the\s+)?$/u;
/** Words that end the noun phrase at the start of a source ("X, who…", "X that…"). */
const PHRASE_STOPS = new Set([',', 'who', 'which', 'that', '(', '—', '–', '-', ';', ':']);

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * Chooses the mention each statement's source refers through, creating group and fallback
 * mentions where needed (they are added to `mentions`, which stays sorted). Returns, per statement
 * index, the chosen mention (or nothing when the statement has no source).
 */
export function chooseSourceMentions(doc: Doc, mentions: Mention[]): Map<number, Mention> {
  const chosen = new Map<number, Mention>();
  const added: Mention[] = [];
  // Mentions sorted by extent start; a pointer walks them as sources advance (sources come
  // sorted by cue, which is close to sorted by source, so a binary search finds the start).
  const order = mentions.slice().sort((a, b) => a.extent.start - b.extent.start || b.extent.end - a.extent.end);
  // A loop, not order.map(): the arrays map returns change elements kind once it is optimised,
  // which deoptimised lowerBound's callers ('wrong map').
  const starts: number[] = [];
  for (const m of order) starts.push(m.extent.start);
  // Keyed by the source's offsets as one number (start and end below text.length + 1 each, so
  // distinct spans get distinct keys, exact as doubles): no string built and hashed per statement.
  const sameSourceMention = new Map<number, Mention>();
  const stride = doc.text.length + 1;
  doc.statements.forEach((s: Statement, index: number) => {
    const source = s.source;
    if (!source || source.end <= source.start) return;
    const key = source.start * stride + source.end;
    const seen = sameSourceMention.get(key);
    if (seen) {
      chosen.set(index, seen);
      return;
    }
    // No source longer than "which" is a relative pronoun (lower-casing never shortens a text).
    if (source.end - source.start <= 5 && RELATIVE_PRONOUNS.has(doc.text.slice(source.start, source.end).toLowerCase())) {
      // "… UNESCO, who questioned": the relative pronoun's antecedent is the phrase before it.
      const antecedent = mentionBefore(doc, order, starts, source.start);
      if (antecedent) {
        chosen.set(index, antecedent);
        return;
      }
    }
    // "According to the El Paso mayor, Dee Margo, …": the source is a name's title.
    const titled = mentionTitledBy(order, starts, source);
    if (titled) {
      chosen.set(index, titled);
      sameSourceMention.set(key, titled);
      return;
    }
    // "the Trade and Industry Secretary" is one titled person, not a group of "Trade" and "Industry
    // Secretary": the source becomes a description of its own.
    if (isCompoundTitle(doc, source)) {
      const own = fallbackMention(doc, source, mentions.length + added.length, added);
      if (own) {
        chosen.set(index, own);
        sameSourceMention.set(key, own);
        return;
      }
    }
    const within = mentionsWithin(order, starts, source);
    const inside = headCandidates(doc, source, within);
    let pick: Mention | null = groupOf(doc, source, inside, added);
    if (!pick) {
      for (const m of inside) {
        if (!pick || m.extent.start < pick.extent.start || (m.extent.start === pick.extent.start && m.extent.end > pick.extent.end)) pick = m;
      }
    }
    // The source opens with words no mention or title covers ("reports, criticism within
    // Serbia"): they are its head, whatever the tagger made of them.
    if (pick && pick.kind !== 'pronoun') {
      let covered = pick.extent.start;
      for (const m of within) {
        covered = Math.min(covered, m.extent.start);
        for (const d of m.descriptors) covered = Math.min(covered, d.start);
      }
      if (uncoveredLead(doc, source.start, covered)) pick = null;
    }
    // "Another 'contentious' film, Mr Dams said": a person's name closing the source after a
    // comma, right before the cue, is the speaker.
    const closing = closingName(doc, source, within);
    if (closing && pick !== closing && pick?.type !== 'group') pick = closing;
    // "Research conducted by the EOC": a capitalised document word at a sentence start is no name.
    if (pick && (pick.type === 'document' || (pick.kind === 'name' && pick.type === null && pick.words.length === 1 && DOCUMENT_HEADS.has(pick.head)))) pick = authorOf(doc, pick, within, order, starts) ?? pick;
    if (!pick) pick = fallbackMention(doc, source, mentions.length + added.length, added);
    if (pick) {
      chosen.set(index, pick);
      sameSourceMention.set(key, pick);
    }
  });
  if (added.length) {
    mentions.push(...added);
    mentions.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    mentions.forEach((m, i) => (m.index = i));
  }
  return chosen;
}

/**
 * The mentions that may head a source: not a possessor ("Chelyabinsk's governor", "his lawyers"),
 * not a word inside another mention's title ("The mayor of London, Sadiq Khan"), and inside the
 * source when any is.
 */
function headCandidates(doc: Doc, source: Span, mentions: Mention[]): Mention[] {
  const text = doc.text;
  const descriptors: Span[] = [];
  for (const m of mentions) for (const d of m.descriptors) descriptors.push(d);
  const kept = mentions.filter((m) => {
    const after = text.slice(m.extent.end, Math.min(source.end, m.extent.end + 3));
    if (/^['’](?:s\b|\s)/u.test(after) && m.extent.end + 2 < source.end) return false;
    if (m.kind === 'pronoun' && m.pronoun?.case === 'possessive' && /\p{L}/u.test(text.slice(m.span.end, source.end))) return false;
    if (descriptors.some((d) => d.start <= m.span.start && m.span.end <= d.end)) return false;
    return true;
  });
  // "the United Nations' Food and Agriculture Organization's chief veterinary officer": the head
  // comes after the last possessive of the source's first phrase.
  const phrase = text.slice(source.start, source.end).split(/,|\s(?:of|for|at|in|from|with)\s/u)[0]!;
  const possessive = /['’]s?\s(?=[^'’]*$)/u.exec(phrase);
  const afterPossessive = possessive ? kept.filter((m) => m.extent.start >= source.start + possessive.index + possessive[0].length) : [];
  const heads = afterPossessive.length ? afterPossessive : kept;
  const within = heads.filter((m) => m.span.start >= source.start && m.span.end <= source.end);
  return within.length ? within : heads;
}

/**
 * A person's name (or a name of unknown type) that ends the source, set off from what comes before
 * it by a comma ("His mother, Giselle,") or standing right after a description with no preposition
 * between ("Waterstone's fiction writer buyer Suzie Doore"); null otherwise ("the father of Jane
 * Doe" keeps its head).
 */
function closingName(doc: Doc, source: Span, inside: Mention[]): Mention | null {
  let end = source.end;
  while (end > source.start && /[\s,]/u.test(doc.text[end - 1]!)) end--;
  for (const m of inside) {
    if (m.kind !== 'name' || m.type === 'place' || m.type === 'document' || m.type === 'group' || m.span.end !== end || m.extent.start <= source.start) continue;
    // "Alex Lagakos, deputy director of the Greek Energy Forum,": a name inside another's title is not it.
    if (inside.some((o) => o !== m && o.descriptors.some((d) => d.start <= m.span.start && m.span.end <= d.end))) continue;
    const before = doc.text.slice(source.start, m.extent.start);
    if (!/\p{L}/u.test(before)) continue;
    if (/,\s*$/u.test(before)) {
      if (m.type === 'organization') continue;
      return m;
    }
    // No comma: a description of two or more words ending in a lower-case word, with no
    // preposition or verb in it, and a name of two words or more, or of one after a word for a
    // person or an organisation ("Greek daily Kathimerini").
    const words = before.trim().split(/\s+/u);
    const last = words[words.length - 1]!;
    if (words.length < 2 || !/^\p{Ll}/u.test(last)) continue;
    const kindWord = ROLES.has(last) || GENERIC_ORGANIZATION_HEADS.has(last);
    if (m.words.length < 2 && !kindWord) continue;
    if (m.type === 'organization' && !GENERIC_ORGANIZATION_HEADS.has(last)) continue;
    const a = doc.tokenFrom(source.start);
    let plain = true;
    for (let k = a; k < doc.tokens.length && doc.tokens[k]!.end <= m.extent.start; k++) {
      const pos = doc.tokens[k]!.pos;
      if (pos === 'ADP' || pos === 'VERB' || pos === 'AUX' || pos === 'CCONJ' || pos === 'PRON' || COMMA.has(doc.tokens[k]!.text)) plain = false;
    }
    if (plain) return m;
  }
  return null;
}

/** Words before the first mention of a source that are more than determiners, dates and adverbs. */
function uncoveredLead(doc: Doc, start: number, covered: number): boolean {
  if (covered <= start) return false;
  for (let k = doc.tokenFrom(start); k < doc.tokens.length && doc.tokens[k]!.end <= covered; k++) {
    const t = doc.tokens[k]!;
    if (!/[\p{L}\p{N}]/u.test(t.text) || t.pos === 'DET' || t.pos === 'ADV' || NON_NAMES.has(t.lower)) continue;
    return true;
  }
  return false;
}

/** Verbs whose object is a document its subject issued ("X released a statement saying"). */
const ISSUING = new Set(['release', 'issue', 'publish', 'post', 'send', 'put', 'make', 'tweet', 'share', 'give', 'file']);

/**
 * The author of a document source: "a tweet … by Mike Pompeo", or the subject of "X released a
 * statement saying …". Null when the text does not say.
 */
function authorOf(doc: Doc, document: Mention, inside: Mention[], order: Mention[], starts: number[]): Mention | null {
  const text = doc.text;
  for (const m of inside) {
    if (m === document || m.kind === 'pronoun' || m.type === 'place' || m.type === 'document') continue;
    // "Trump's statement": the possessor wrote it.
    if (m.extent.end <= document.span.start && /^['’]s?\s/u.test(text.slice(m.extent.end, m.extent.end + 3)) && m.type !== 'group') return m;
    if (m.extent.start < document.extent.end) continue;
    if (/\b(?:by|from)\s/u.test(text.slice(document.extent.end, m.extent.start))) return m;
  }
  // "a BBC statement", "a White House statement": a name before the document word issued it.
  for (const m of inside) {
    if (m.kind === 'name' && document.kind === 'nominal' && m.type !== 'place' && m.type !== 'group' && m.span.start >= document.span.start && m.span.end < document.span.end) return m;
  }
  if (!document.indefinite) return null;
  const tokens = doc.tokens;
  // "In a statement issued on Monday, the RCMP confirmed …": the subject after the comma issued it.
  const lead = tokens[document.firstToken - 1];
  if (lead && lead.lower === 'in') {
    let comma = document.endToken;
    while (comma < tokens.length && tokens[comma]!.sentence === document.sentence && tokens[comma]!.text !== ',') comma++;
    const after = comma < tokens.length ? tokens[comma]!.end : Infinity;
    for (let i = 0; i < order.length; i++) {
      const m = order[i]!;
      if (starts[i]! < after) continue;
      if (m.sentence !== document.sentence) break;
      if (m.kind !== 'pronoun' && m.type !== 'document' && m.type !== 'place') return m;
    }
  }
  let k = document.firstToken - 1;
  if (k < 0 || !ISSUING.has(tokens[k]!.lemma) || tokens[k]!.sentence !== document.sentence) return null;
  const verbStart = tokens[k]!.start;
  // The subject: the first mention in subject position in the clause before the verb.
  let subject: Mention | null = null;
  const sentenceStart = doc.sentences[document.sentence]?.start ?? 0;
  const from = lowerBound(starts, sentenceStart);
  for (let i = from; i < order.length && starts[i]! < verbStart; i++) {
    const m = order[i]!;
    if (m.sentence !== document.sentence || m.extent.end > verbStart || m.type === 'place' || m.type === 'document') continue;
    if (m.kind === 'pronoun' && m.pronoun?.case !== 'subject') continue;
    if (m.subject && subject === null) subject = m;
  }
  return subject;
}

/** A name one of whose descriptors is the whole source, or null. */
function mentionTitledBy(order: Mention[], starts: number[], source: Span): Mention | null {
  const lo = lowerBound(starts, source.start - 300);
  for (let i = lo; i < order.length && order[i]!.extent.start < source.end + 300; i++) {
    const m = order[i]!;
    if (m.kind !== 'name') continue;
    for (const d of m.descriptors) if (d.start <= source.start && source.end <= d.end + 1 && source.end - source.start >= (d.end - d.start) * 0.6 && !overlaps(m.span, source)) return m;
  }
  return null;
}

/** The name or description that ends right before `offset` (commas and brackets between). */
function mentionBefore(doc: Doc, order: Mention[], starts: number[], offset: number): Mention | null {
  let best: Mention | null = null;
  const lo = lowerBound(starts, offset);
  for (let i = lo - 1; i >= 0 && i >= lo - 12; i--) {
    const m = order[i]!;
    if (m.kind === 'pronoun' || m.extent.end > offset) continue;
    // Commas, brackets and an age may stand between ("Thomas Gray, 24, who").
    if (!/^[\s,()]*(?:\d{1,3}[\s,]*)?$/u.test(doc.text.slice(m.extent.end, offset))) continue;
    if (!best || m.extent.end > best.extent.end || (m.extent.end === best.extent.end && m.extent.start < best.extent.start)) best = m;
  }
  return best;
}

function mentionsWithin(order: Mention[], starts: number[], source: Span): Mention[] {
  // First mention whose extent could overlap: extents start before source.end.
  const lo = lowerBound(starts, source.start - 200);
  const out: Mention[] = [];
  for (let i = lo; i < order.length && order[i]!.extent.start < source.end; i++) {
    const m = order[i]!;
    if (overlaps(m.span, source)) out.push(m);
  }
  return out;
}

/** "The US and South Korea": two or more mentions joined by "and" at the start of the source. */
function groupOf(doc: Doc, source: Span, inside: Mention[], added: Mention[]): Mention | null {
  const heads = inside.filter((m) => m.kind !== 'pronoun' && m.extent.start >= source.start);
  if (heads.length < 2) return null;
  heads.sort((a, b) => a.extent.start - b.extent.start || b.extent.end - a.extent.end);
  const first = heads[0]!;
  const lead = doc.text.slice(source.start, first.extent.start);
  if (/\S/u.test(lead.replace(LEADING_DETERMINER, ''))) return null;
  let last = first;
  let joined = false;
  for (let i = 1; i < heads.length; i++) {
    const m = heads[i]!;
    if (m.extent.start < last.extent.end) continue;
    const between = doc.text.slice(last.extent.end, m.extent.start);
    // "A, B and C": commas, then "and" before the last; nothing joins after that.
    if (joined || !COORDINATORS.test(between)) break;
    if (/\b(?:and|&)\b/u.test(between) || between.includes('&')) joined = true;
    last = m;
  }
  if (!joined || last === first) return null;
  let groupEnd = last.extent.end;
  const bracket = /^\s*\([^()]{1,20}\)/u.exec(doc.text.slice(groupEnd, source.end));
  if (bracket) groupEnd += bracket[0].length;
  const a = doc.tokenAt(source.start);
  const b = doc.tokenAt(groupEnd - 1);
  if (a < 0 || b < 0) return null;
  const span = { start: source.start, end: groupEnd };
  const words = lowerWords(doc.tokens, a, b + 1, true);
  const m = sourceMention(doc, span, a, b + 1, -1, {
    type: 'group',
    words,
    head: words[words.length - 1] ?? '',
    gender: '',
    plural: true,
    roles: [],
  });
  added.push(m);
  return m;
}

/** A nominal mention made from a statement's source (a group, or a phrase no earlier reading found):
 * it is the source's own subject, anchored in the text, with no pronoun, nationality or descriptors. */
function sourceMention(
  doc: Doc,
  span: Span,
  firstToken: number,
  endToken: number,
  index: number,
  fields: Pick<Mention, 'type' | 'words' | 'head' | 'gender' | 'plural' | 'roles'> & { definite?: boolean },
): Mention {
  const token = doc.tokens[firstToken]!;
  return mentionOf(index, 'nominal', span, span, firstToken, endToken, token.sentence, token.paragraph, {
    type: fields.type,
    words: fields.words,
    head: fields.head,
    gender: fields.gender,
    plural: fields.plural,
    roles: fields.roles,
    subject: true,
    definite: fields.definite ?? false,
    anchored: true,
  });
}

/** A source that holds no mention: its leading noun phrase, typed by its head word. */
function fallbackMention(doc: Doc, source: Span, index: number, added: Mention[]): Mention | null {
  const a = doc.tokenFrom(source.start);
  let b = a;
  const tokens = doc.tokens;
  while (b < tokens.length && tokens[b]!.start < source.end && !PHRASE_STOPS.has(tokens[b]!.lower)) b++;
  while (b > a && !/[\p{L}\p{N}]/u.test(tokens[b - 1]!.text)) b--;
  if (b <= a) return null;
  const head = headOf(tokens, a, b);
  const type = typeOfHead(head);
  const words = lowerWords(tokens, a, b, true);
  if (!words.length) return null;
  const span = { start: tokens[a]!.start, end: tokens[b - 1]!.end };
  const m = sourceMention(doc, span, a, b, index, {
    definite: tokens[a]!.lower === 'the',
    type,
    words,
    head: head.lemma,
    gender: ROLES.get(head.lower) ?? '',
    plural: type === 'group',
    roles: ROLES.has(head.lower) ? [head.lower] : ROLES.has(head.lemma) ? [head.lemma] : [],
  });
  added.push(m);
  return m;
}

/** "the Trade and Industry Secretary", "the former Rangers and Liverpool boss": a determiner, a
 * role modifier maybe, capitalised words joined by commas and "and", and one singular role word
 * that ends the source. */
function isCompoundTitle(doc: Doc, source: Span): boolean {
  const text = doc.text;
  if (source.end - source.start < 12 || text.charCodeAt(source.start + 3) !== 32 || !/^[Tt]he$/u.test(text.slice(source.start, source.start + 3))) return false;
  const tokens = doc.tokens;
  const a = doc.tokenFrom(source.start);
  let b = a;
  while (b < tokens.length && tokens[b]!.end <= source.end) b++;
  if (b - a < 4 || tokens[a]!.lower !== 'the') return false;
  const last = tokens[b - 1]!;
  if (!ROLES.has(last.lower) || last.lemma !== last.lower) return false;
  let joined = false;
  for (let k = a + 1; k < b - 1; k++) {
    const t = tokens[k]!;
    if (AND.has(t.lower) || COMMA_OR_AMPERSAND.has(t.text)) joined = true;
    else if (k === a + 1 && ROLE_MODIFIERS.has(t.lower)) continue;
    else if (!/^\p{Lu}/u.test(t.text) || ROLES.has(t.lower)) return false;
  }
  return joined;
}

/** The head of a phrase: the last noun before a preposition, or else its last word. */
function headOf(tokens: Token[], a: number, b: number): Token {
  for (let k = a; k < b; k++) if (tokens[k]!.pos === 'ADP' && k > a) return tokens[k - 1]!;
  return tokens[b - 1]!;
}

function typeOfHead(head: Token): EntityType {
  const w = head.lower;
  const l = head.lemma;
  if (COLLECTIVES.has(w) && (l !== w || w.endsWith('s'))) return 'group';
  if (ROLES.has(w)) return 'person';
  if (ROLES.has(l)) return l !== w ? 'group' : 'person';
  if (ORGANIZATION_HEADS.has(w) || ORGANIZATION_HEADS.has(l)) return 'organization';
  if (DOCUMENT_HEADS.has(w) || DOCUMENT_HEADS.has(l)) return 'document';
  if (head.pos === 'PROPN') return 'person';
  return 'other';
}
