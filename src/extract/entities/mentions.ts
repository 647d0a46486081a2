// Mention finding: a noun-phrase chunker over the tokens layer and the reading of each chunk as
// names ("Vladimir Putin"), descriptions ("the Russian leader", "the intelligence service",
// "Ukraine’s military intelligence") and pronouns (first and second person too, never names),
// with premodifier titles split off names as descriptors ("US Defense Secretary" | "Lloyd Austin").
// wink-nlp gives POS tags but no chunker or named-entity recogniser for people and organisations,
// so this reading is written here, from the role, organisation, place and pronoun vocabularies.

import type { Doc, Token } from '../../core/doc.js';
import type { EntityType } from '../../core/model.js';
import type { Span } from '../../core/span.js';
import { speechPronoun } from './first-person.js';
import { hasLetter, isAllUpper, startsLower, startsUpper } from './letters.js';
import { CLOSING_PARENTHESIS, OF, OPENING_PARENTHESIS, THE } from '../../nlp/token-words.js';
import {
  COLLECTIVES,
  DOCUMENT_HEADS,
  COLLECTIVE,
  DOCUMENT_HEAD,
  HONORIFICS,
  KNOWN_ORGANIZATIONS,
  KNOWN_ORGANIZATION_OPENERS,
  ORGANIZATION_HEAD,
  ROLE_WORD,
  CALENDAR,
  NON_NAMES,
  ORGANIZATION_HEADS,
  ORGANIZATION_SUFFIXES,
  PLACES,
  PLACE_HEADS,
  PRONOUNS,
  ROLES,
  ROLE_MODIFIERS,
  countryOf,
  countryOfPair,
  countryOfWord,
  firstNameGender,
  headKinds,
  opensLongNameWord,
  type Gender,
  type PronounInfo,
} from './vocabulary.js';

export type MentionKind = 'name' | 'nominal' | 'pronoun';

export interface Mention {
  index: number;
  kind: MentionKind;
  /** The words that refer: the name without its titles, the whole description, or the pronoun. */
  span: Span;
  /** The whole noun phrase: determiner, premodifier titles, possessor. */
  extent: Span;
  /** Token range of the extent (first inclusive, end exclusive). */
  firstToken: number;
  endToken: number;
  sentence: number;
  /** Paragraph of the mention (set when all mentions are found). */
  paragraph: number;
  /** The entity type the words suggest, or null when they do not say. */
  type: EntityType | null;
  /** Lower-cased words of `span` (apostrophes folded). */
  words: string[];
  /** Lower-cased head word (last word of a name or description). */
  head: string;
  gender: Gender;
  /** The gender comes only from the usual gender of a first name (weak evidence). */
  genderFromName: boolean;
  plural: boolean;
  /** Country named by a demonym, place or possessor inside the phrase ("the Russian leader" → Russia). */
  nationality: string | null;
  /** Titles and roles, as spans, kept apart from the name. */
  descriptors: Span[];
  /** Role nouns the phrase gives the referent ("secretary", "leader"). */
  roles: string[];
  pronoun: PronounInfo | null;
  /** Subject position: the phrase opens its sentence or a verb follows it. */
  subject: boolean;
  /** A description with "the" ("the Russian leader"): it may refer back; a bare one ("mayor") does not. */
  definite: boolean;
  /** A description with "a" or "an" ("a government official"): it introduces a new referent. */
  indefinite: boolean;
  /** A description anchored to a place ("Ukraine’s military intelligence") that may found an entity. */
  anchored: boolean;
  /** A bracketed short form right after a name ("Federal Security Service (FSB)"): that name's mention. */
  aliasOf: Mention | null;
  /** Index of the entity it was linked to, or -1. */
  entity: number;
}

const OPENERS = /^[“"‘'(\[«—–-]+$/u;
/** A name that starts with a lower-case particle and a hyphen ("al-Assad", "el-Sisi"). */
const PARTICLE_NAME = /^(?:al|el|ad|as|ash|at|az|bin|ibn|abu|de|di|da|van|von|le|la|du|ul)[-‐]\p{Lu}/u;
/** Particles that open a surname on their own ("al-Eryani", "el-Sisi"). */
const ARABIC_ARTICLES = new Set(['al', 'el', 'ad', 'as', 'ash', 'at', 'az', 'ar', 'an', 'bin', 'ibn', 'abu']);
const NAME_PARTICLES = new Set(['bin', 'bint', 'al', 'el', 'de', 'del', 'dela', 'della', 'delos', 'di', 'da', 'dos', 'das', 'du', 'van', 'von', 'der', 'den', 'ter', 'la', 'le', 'ibn', 'abu', 'y', 'zu', 'st.']);
const POSSESSIVE = new Set(["'s", "'", 's']);
const DETERMINERS = new Set(['the', 'a', 'an']);

/**
 * The tags a chunk's body is made of: nouns, proper nouns, adjectives. Compared, not looked up in
 * a Set: the tags are a handful of shared strings, so the comparisons are cheaper than hashing.
 */
function isChunkPos(pos: string): boolean {
  return pos === 'NOUN' || pos === 'PROPN' || pos === 'ADJ';
}

/**
 * "the", "a" or "an" tagged as a determiner. The tag is tested first: it is one of a few shared
 * strings, where the lower-case word is a string of its own to load and hash, for every token.
 */
function isArticle(t: Token): boolean {
  return t.pos === 'DET' && DETERMINERS.has(t.lower);
}

/** First word of a sentence, or of a quotation, bracket or clause after a colon or dash. */
function isInitial(tokens: Token[], k: number, sentenceStart: number): boolean {
  if (k <= sentenceStart) return true;
  const prev = tokens[k - 1]!;
  // Most words follow a word or a number, which neither opens nor is punctuation: answered from
  // the first character without the two regular expressions.
  const c = prev.text.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return false;
  return OPENERS.test(prev.text) || (!/[\p{L}\p{N},]/u.test(prev.text) && prev.text !== '&');
}

/** Per-document memo of isNameToken (1 yes, 2 no, 0 not yet known): it is asked many times per token. */
let memoTokens: Token[] | null = null;
let memo = new Uint8Array(0);
let titleMemo = new Uint8Array(0);

/**
 * Starts the memos afresh for the tokens of a document. Their arrays are kept from document to
 * document, grown when a document has more tokens and cleared as far as it needs: two typed arrays
 * allocated per document (each with a backing store of its own) cost more than the clearing.
 */
function resetMemos(tokens: Token[]): void {
  memoTokens = tokens;
  if (memo.length < tokens.length) {
    memo = new Uint8Array(tokens.length);
    titleMemo = new Uint8Array(tokens.length);
  } else {
    memo.fill(0, 0, tokens.length);
    titleMemo.fill(0, 0, tokens.length);
  }
}

/** A token that may be part of a proper name here. */
function isNameToken(tokens: Token[], k: number, sentenceStart: number): boolean {
  if (memoTokens !== tokens) resetMemos(tokens);
  const known = memo[k];
  if (known) return known === 1;
  const yes = computeIsNameToken(tokens, k, sentenceStart);
  memo[k] = yes ? 1 : 2;
  return yes;
}

function computeIsNameToken(tokens: Token[], k: number, sentenceStart: number): boolean {
  const t = tokens[k]!;
  // Most tokens are lower-case words: only a name particle ("bin", "al-Assad") among them can be
  // part of a name.
  const c0 = t.text.charCodeAt(0);
  if (c0 >= 97 && c0 <= 122 && !mayBeNameParticle(t.text)) return false;
  // "the WHO": an acronym the tagger took for a pronoun or a function word.
  if (t.text.length >= 2 && isAllUpper(t.text) && KNOWN_ORGANIZATIONS.has(t.lower)) return true;
  // The particle names start with a lower-case ASCII letter (c0 is tested first: most tokens are not).
  if (c0 >= 97 && c0 <= 122 && PARTICLE_NAME.test(t.text)) return true;
  if (NAME_PARTICLES.has(t.text) && particleInName(tokens, k, sentenceStart)) return true;
  if (!startsUpper(t.text) || t.text.length === 0) return false;
  if (t.pos === 'PUNCT' || t.pos === 'SYM' || t.pos === 'NUM' || t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'CCONJ' || t.pos === 'SCONJ') return false;
  if (t.pos === 'ADP' || t.pos === 'AUX' || t.pos === 'PART') return false;
  if (speechPronoun(t)) return false;
  // The rarer readings below are helpers of their own: reached for the first time after
  // computeIsNameToken was optimised, each deoptimised it ('Insufficient type feedback').
  if (isInitial(tokens, k, sentenceStart)) return isNameAtStart(tokens, k);
  if (CALENDAR.has(t.lower)) return isCalendarWordInName(tokens, k);
  return true;
}

/** The longest name particle ("della", "delos"). */
const MAX_PARTICLE_LENGTH = Math.max(...[...NAME_PARTICLES].map((p) => p.length));

/**
 * A word starting with a lower-case ASCII letter that may be part of a name: one of the particles
 * ("bin", "van") or a particle name ("al-Assad"), whose hyphen follows a particle of two or three
 * letters (PARTICLE_NAME). Every rule of computeIsNameToken for such a word needs one or the
 * other, so the hyphen is looked for only where a particle name has it, not along the whole word,
 * and the particle list is asked only about words short enough to be in it.
 */
function mayBeNameParticle(text: string): boolean {
  // The lengths are tested first: a character read past the end deoptimised the caller ('out of bounds').
  const n = text.length;
  return (n > 3 && (isHyphen(text.charCodeAt(2)) || isHyphen(text.charCodeAt(3)))) || (n === 3 && isHyphen(text.charCodeAt(2))) || (n <= MAX_PARTICLE_LENGTH && NAME_PARTICLES.has(text));
}

/** "-" or "‐". */
function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010;
}

/**
 * A name particle (tokens[k]) inside a name: "al-Assad" written "al - Assad" by the tokenizer, or
 * a particle between name words ("Bashar al-Assad", "Osama bin Laden").
 */
function particleInName(tokens: Token[], k: number, sentenceStart: number): boolean {
  const t = tokens[k]!;
  const next = k + 1 < tokens.length ? tokens[k + 1]! : null;
  const after = k + 2 < tokens.length ? tokens[k + 2]! : null;
  const hyphenated = next !== null && next.text === '-' && next.start === t.end && after !== null && after.start === next.end && startsUpper(after.text);
  if (hyphenated && ARABIC_ARTICLES.has(t.text)) return true;
  return k > sentenceStart && startsUpper(tokens[k - 1]!.text) && next !== null && (startsUpper(next.text) || hyphenated);
}

/**
 * A capitalised first word is a name only if the tagger says so and it is no common word, or if
 * it is a known first name before another name ("Emily Spanton, 39, …").
 */
function isNameAtStart(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.pos !== 'PROPN') {
    const next = k + 1 < tokens.length ? tokens[k + 1]! : null;
    return next !== null && next.start > t.end && startsUpper(next.text) && next.pos === 'PROPN' && firstNameGender(t.text) !== '' && !NON_NAMES.has(t.lower);
  }
  return !(NON_NAMES.has(t.lower) || (t.lower.endsWith('ly') && t.lower.length > 4 && firstNameGender(t.text) === ''));
}

/** "Wednesday Greek Foreign Minister …" is no name; "Theresa May" is (tokens[k] not sentence-initial). */
function isCalendarWordInName(tokens: Token[], k: number): boolean {
  const prev = tokens[k - 1]!;
  return startsUpper(prev.text) && prev.pos === 'PROPN' && !CALENDAR.has(prev.lower);
}

/**
 * A word or mark that may join two capitalised words into one name: "of" ("Bank of England"),
 * "for" and "on" after an organisation head ("Commission on International Religious Freedom"),
 * "&", name particles ("bin", "van") and a hyphen with no space around it ("Al-Aqsa").
 */
function isConnector(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  if (!prev || !next) return false;
  // "of" joins a head to its complement ("Bank of England", "Gulf of Oman", "Archbishop of
  // Canterbury"), never a person's name to a place ("Hassan Rouhani of Iran").
  if (OF.has(t.lower)) {
    if (ORGANIZATION_HEADS.has(prev.lower) || ORGANIZATION_HEADS.has(prev.lemma) || PLACE_HEADS.has(prev.lower) || isTitleRole(prev)) return true;
    return false;
  }
  // "International Federation of the Phonographic Industry", "Ministry of the Interior": "the"
  // after an organisation head's "of", before a capitalised word.
  if (THE.has(t.lower) && OF.has(prev.lower) && startsUpper(next.text)) {
    const head = tokens[k - 2];
    return !!head && startsUpper(head.text) && (ORGANIZATION_HEADS.has(head.lower) || ORGANIZATION_HEADS.has(head.lemma));
  }
  if (t.lower === '&') return true;
  if (NAME_PARTICLES.has(t.lower)) return true;
  if ((t.lower === 'for' || t.lower === 'on') && ORGANIZATION_HEADS.has(prev.lower)) return true;
  return (t.text === '-' || t.text === '‐' || t.text === '–') && prev.end === t.start && t.end === next.start && (startsUpper(prev.text) || NAME_PARTICLES.has(prev.lower));
}

/**
 * A noun the tagger called a verb: a role word before a name ("eyewitness Vinnie DeVita") or the
 * word after "according to" ("according to police").
 */
function isMistaggedNoun(tokens: Token[], k: number, end: number, first: number): boolean {
  const t = tokens[k]!;
  if (t.pos !== 'VERB' || !startsLower(t.text)) return false;
  // Every test is made for every lower-case verb, not only after the rare ones before it: first
  // reached after chunkSentence was optimised, each deoptimised it (isNameToken is memoised, and
  // chunkSentence asks it about the next token anyway). The verb's own word is looked up only
  // when a name or "according to" is beside it: either way, both branches are taken from the start.
  const nameAfter = k + 1 < end && isNameToken(tokens, k + 1, first);
  const afterAccordingTo = k >= 2 && tokens[k - 1]!.lower === 'to' && tokens[k - 2]!.lower === 'according';
  const kinds = nameAfter || afterAccordingTo ? headKinds(t.lower) : 0;
  const role = (kinds & ROLE_WORD) !== 0;
  const headNoun = (kinds & (COLLECTIVE | ORGANIZATION_HEAD | ROLE_WORD | DOCUMENT_HEAD)) !== 0;
  return (role && nameAfter) || (afterAccordingTo && headNoun);
}

function isPossessive(t: Token): boolean {
  return (t.pos === 'PART' || t.pos === 'PUNCT' || t.pos === 'X') && POSSESSIVE.has(t.lower);
}

interface Chunk {
  first: number;
  end: number;
}

/**
 * Noun-phrase chunks of one sentence: an optional determiner, then adjectives, nouns, proper
 * nouns, numbers inside, possessive markers and name particles ("bin", "of" between capitals).
 */
function chunkSentence(tokens: Token[], first: number, end: number): Chunk[] {
  const chunks: Chunk[] = [];
  let k = first;
  while (k < end) {
    let start = k;
    if (isArticle(tokens[k]!)) k++;
    const bodyStart = k;
    while (k < end) {
      const t = tokens[k]!;
      // "I'm" after a quotation mark is tagged a proper noun: a first- or second-person word is no
      // part of a noun phrase here (findMentions reads it as a pronoun).
      if (speechPronoun(t)) break;
      if (isChunkPos(t.pos) || isNameToken(tokens, k, first) || isMistaggedNoun(tokens, k, end, first)) {
        k++;
        continue;
      }
      const joined = k > bodyStart && k + 1 < end ? joinerLength(tokens, k, end, first) : 0;
      if (joined === 0) break;
      k += joined;
    }
    if (k > bodyStart) chunks.push({ first: start, end: k });
    else if (k === start) k++;
    // A determiner with nothing after it is skipped.
  }
  return chunks;
}

/**
 * How many tokens from tokens[k] (not a noun, adjective or name; inside a chunk body, with a token
 * after it) keep the chunk going: a hyphen in a compound, a possessive marker, a connector between
 * names, "of the" before a name, a number before a noun; 0 when none. (Apart from chunkSentence's
 * loop so that its rare rules, first reached after it was optimised, do not deoptimise it.)
 */
function joinerLength(tokens: Token[], k: number, end: number, first: number): number {
  const t = tokens[k]!;
  const prev = tokens[k - 1]!;
  const next = tokens[k + 1]!;
  // A hyphen inside a compound ("director-general", "anti-gang") keeps the phrase whole.
  if ((t.text === '-' || t.text === '–') && prev.end === t.start && t.end === next.start && hasLetter(next.text)) return 1;
  if (isPossessive(t) && (isChunkPos(next.pos) || isNameToken(tokens, k + 1, first))) return 1;
  if (isConnector(tokens, k) && (startsUpper(prev.text) || NAME_PARTICLES.has(prev.lower)) && isNameToken(tokens, k + 1, first)) return 1;
  // "Federation of the Phonographic Industry": "of the" between an organisation head and a name.
  if (OF.has(t.lower) && k + 2 < end && startsUpper(prev.text) && isConnector(tokens, k) && isConnector(tokens, k + 1) && isNameToken(tokens, k + 2, first)) return 2;
  if (t.pos === 'NUM' && (isChunkPos(next.pos) || next.pos === 'NUM')) return 1;
  return 0;
}

/**
 * The texts of tokens [a, b) joined by single spaces. Written as a loop rather than
 * `slice().map().join(' ')`: besides the two arrays per call, the arrays Array.prototype.map
 * returns change elements kind once map is optimised, which deoptimised the join in readPart,
 * emitInnerNames, pushName and isOrganizationName ('wrong map').
 */
function tokenText(tokens: Token[], a: number, b: number): string {
  if (a >= b) return '';
  let text = tokens[a]!.text;
  for (let k = a + 1; k < b; k++) text += ' ' + tokens[k]!.text;
  return text;
}

/**
 * countryOf(tokenText(tokens, a, b)): the phrase of two or more tokens is built (and hashed) only
 * when its first word may open a place or demonym of several words.
 */
function countryOfTokens(tokens: Token[], a: number, b: number): string | null {
  if (b - a === 1) return countryOfWord(tokens[a]!.text, tokens[a]!.lower);
  if (b - a >= 2 && !opensLongNameWord(tokens[a]!.text, tokens[a]!.lower)) return null;
  return countryOf(tokenText(tokens, a, b));
}

/** Lower-cased words of tokens [a, b), optionally only those with a letter; one elements kind (see tokenText). */
export function lowerWords(tokens: Token[], a: number, b: number, lettersOnly: boolean): string[] {
  const words: string[] = [];
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (!lettersOnly || hasLetter(t.text)) words.push(t.lower);
  }
  return words;
}


/** A capitalised word with a demonym's ending before a common noun ("Korean friends") is an adjective. */
const ADJECTIVAL_NAME = /(?:ean|ian|ese|ish|can|ic|i)$/u;

const fold = (s: string): string => s.toLowerCase().replace(/[’‘]/g, "'");

/** Finds every name, description and pronoun mention in the document, in text order. */
export function findMentions(doc: Doc): Mention[] {
  const tokens = doc.tokens;
  resetMemos(tokens);
  const mentions: Mention[] = [];
  for (const sentence of doc.sentences) {
    const sStart = sentence.firstToken;
    const sEnd = sentence.endToken;
    const chunks = chunkSentence(tokens, sStart, sEnd);
    let chunkIndex = 0;
    for (let k = sStart; k < sEnd; k++) {
      const t = tokens[k]!;
      const chunk = chunks[chunkIndex];
      if (chunk && chunk.first === k) {
        readChunk(doc, chunk, sStart, sEnd, mentions, chunkIndex === 0);
        k = chunk.end - 1;
        chunkIndex++;
        continue;
      }
      // The tag first, as in isArticle: most tokens are no pronoun or determiner.
      const info = (t.pos === 'PRON' || t.pos === 'DET' ? PRONOUNS.get(t.lower) : undefined) ?? speechPronoun(t);
      if (info) {
        mentions.push(makeMention(mentions.length, 'pronoun', t, t, k, k + 1, sentence.index, {
          type: null,
          words: [t.lower],
          head: t.lower,
          gender: info.gender,
          plural: info.number === 'pl',
          pronoun: info,
          subject: info.case === 'subject',
        }));
      }
    }
  }
  markAliases(doc, mentions);
  for (const m of mentions) m.paragraph = tokens[m.firstToken]?.paragraph ?? 0;
  memoTokens = null;
  return mentions;
}

/** "the Federal Security Service (FSB)", "Organisation of Islamic Cooperation (OIC)": the short form is an alias. */
function markAliases(doc: Doc, mentions: Mention[]): void {
  const tokens = doc.tokens;
  for (let i = 1; i < mentions.length; i++) {
    const m = mentions[i]!;
    const open = m.firstToken - 1;
    if (m.kind !== 'name' || m.words.length !== 1 || open < 1 || m.endToken >= tokens.length || !OPENING_PARENTHESIS.has(tokens[open]!.text) || !CLOSING_PARENTHESIS.has(tokens[m.endToken]!.text)) continue;
    markAlias(mentions, i, open);
  }
}

/** The bracketed short form mentions[i] (after the bracket at `open`) is an alias of the name just before, if one fits. */
function markAlias(mentions: Mention[], i: number, open: number): void {
  const m = mentions[i]!;
  for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
    const named = mentions[j]!;
    // The short form starts with the name's first letter ("UNESCO" is no alias of "Cultural Organization").
    if (named.kind === 'name' && named.endToken === open && named.words.length >= 2 && named.words[0]![0] === m.words[0]![0]) {
      m.aliasOf = named;
      if (named.type && !m.type) m.type = named.type;
      return;
    }
  }
}

/** What a reading says of a mention beyond where it stands; fields left out take their defaults. */
export interface MentionReading {
  type: EntityType | null;
  words: string[];
  head: string;
  gender?: Gender;
  genderFromName?: boolean;
  plural?: boolean;
  nationality?: string | null;
  descriptors?: Span[];
  roles?: string[];
  pronoun?: PronounInfo | null;
  subject?: boolean;
  definite?: boolean;
  indefinite?: boolean;
  anchored?: boolean;
}

/**
 * The one constructor of Mention objects (speakers.ts makes its source mentions here too): every
 * mention gets the same fields in the same order, so the coreference and stage code that reads
 * them sees one hidden class. Mentions built with a spread of the reading's fields had others
 * (fields appended after `entity`, or in the reading's own order), which deoptimised linkNominal,
 * linkPronoun, nameKey and the stage's readers with 'wrong map'.
 */
export function mentionOf(
  index: number,
  kind: MentionKind,
  span: Span,
  extent: Span,
  firstToken: number,
  endToken: number,
  sentence: number,
  paragraph: number,
  reading: MentionReading,
): Mention {
  return {
    index,
    kind,
    span,
    extent,
    firstToken,
    endToken,
    sentence,
    paragraph,
    type: reading.type,
    words: reading.words,
    head: reading.head,
    gender: reading.gender ?? '',
    genderFromName: reading.genderFromName ?? false,
    plural: reading.plural ?? false,
    nationality: reading.nationality ?? null,
    descriptors: reading.descriptors ?? [],
    roles: reading.roles ?? [],
    pronoun: reading.pronoun ?? null,
    subject: reading.subject ?? false,
    definite: reading.definite ?? false,
    indefinite: reading.indefinite ?? false,
    anchored: reading.anchored ?? false,
    aliasOf: null,
    entity: -1,
  };
}

function makeMention(
  index: number,
  kind: MentionKind,
  spanFirst: Span,
  spanLast: Span,
  firstToken: number,
  endToken: number,
  sentence: number,
  reading: MentionReading,
  extent?: Span,
): Mention {
  const span = { start: spanFirst.start, end: spanLast.end };
  return mentionOf(index, kind, span, extent ?? span, firstToken, endToken, sentence, 0, reading);
}

function isRole(t: Token): boolean {
  return ROLES.has(t.lower) || ROLES.has(t.lemma);
}

/** A role word in the singular, as titles before names are ("spokesman", not "journalists"). */
function isTitleRole(t: Token): boolean {
  // Memoised per token of the document being read (see isNameToken).
  if (memoTokens !== null && memoTokens[t.index] === t) {
    const known = titleMemo[t.index];
    if (known) return known === 1;
    const yes = computeIsTitleRole(t);
    titleMemo[t.index] = yes ? 1 : 2;
    return yes;
  }
  return computeIsTitleRole(t);
}

function computeIsTitleRole(t: Token): boolean {
  const lower = t.lower.endsWith('.') ? t.lower.slice(0, -1) : t.lower;
  return ROLES.has(lower) || (lower.length > 5 && ROLE_SUFFIX.test(lower));
}

/** Nouns for people by trade end so ("photojournalist", "criminologist", "pediatrician"). */
const ROLE_SUFFIX = /^\p{Ll}{3,}(?:ist|ician)$/u;

function roleOf(t: Token): string {
  return ROLES.has(t.lower) ? t.lower : t.lemma;
}

/** Words that make a role another one: a deputy governor is not the governor. */
const ROLE_QUALIFIERS = new Set(['deputy', 'vice', 'assistant', 'associate', 'former', 'ex', 'acting', 'interim', 'under', 'sub', 'co']);

/** The role at tokens[k], with a qualifier before it ("deputy governor"). */
export function qualifiedRole(tokens: Token[], k: number): string {
  const role = roleOf(tokens[k]!);
  const before = tokens[k - 1];
  return before && ROLE_QUALIFIERS.has(before.lower.replace(/-$/, '')) ? `${before.lower.replace(/-$/, '')} ${role}` : role;
}

/** Country named by tokens [a, b) taken as one phrase, trying two-word phrases first. */
function nationalityIn(tokens: Token[], a: number, b: number): string | null {
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (!startsUpper(t.text)) continue;
    if (k + 1 < b && startsUpper(tokens[k + 1]!.text)) {
      const two = countryOfPair(t.text, t.lower, tokens[k + 1]!.text);
      if (two) return two;
    }
    {
      const one = countryOfWord(t.text, t.lower);
      if (one) return one;
    }
  }
  return null;
}

function isAcronymOrKnown(t: Token): boolean {
  return (/^\p{Lu}[\p{Lu}\d&]{1,6}$/u.test(t.text) && !PLACES.has(t.lower)) || KNOWN_ORGANIZATIONS.has(t.lower);
}

/**
 * fold(t.text): the token's lower case (foldCase), unless its text holds a ʼ, which foldCase folds
 * and fold does not. A memo of fold by text cost a look-up in a table of every word asked.
 */
function foldedText(t: Token): string {
  return t.text.includes('\u02bc') ? fold(t.text) : t.lower;
}

/**
 * KNOWN_ORGANIZATIONS.has(fold(tokenText(tokens, a, b))), with the phrase of two or more tokens
 * built, lower-cased and hashed only when its first word opens a known name of several words
 * (lower-casing is letter by letter, so the folded phrase starts with the folded first word).
 */
function isKnownOrganization(tokens: Token[], a: number, b: number): boolean {
  if (b - a === 1) return KNOWN_ORGANIZATIONS.has(foldedText(tokens[a]!));
  if (b - a >= 2 && !tokens[a]!.text.includes(' ') && !KNOWN_ORGANIZATION_OPENERS.has(foldedText(tokens[a]!))) return false;
  return KNOWN_ORGANIZATIONS.has(fold(tokenText(tokens, a, b)));
}

/** First words (folded as `fold` folds) of the place names of two or more words ("united", "new"). */
const PLACE_OPENERS: ReadonlySet<string> = new Set([...PLACES.keys()].filter((n) => n.includes(' ')).map((n) => fold(n.slice(0, n.indexOf(' ')))));

/**
 * PLACES.has(fold(tokenText(tokens, a, b))), with the phrase of two or more tokens built,
 * lower-cased and hashed only when its first word opens a place name of several words
 * (lower-casing is letter by letter, so the folded phrase starts with the folded first word).
 */
function isPlaceName(tokens: Token[], a: number, b: number): boolean {
  if (b - a === 1) return PLACES.has(foldedText(tokens[a]!));
  if (b - a >= 2 && !tokens[a]!.text.includes(' ') && !PLACE_OPENERS.has(foldedText(tokens[a]!))) return false;
  return PLACES.has(fold(tokenText(tokens, a, b)));
}

function isOrganizationName(tokens: Token[], a: number, b: number): boolean {
  if (isKnownOrganization(tokens, a, b)) return true;
  const last = tokens[b - 1]!;
  if (ORGANIZATION_HEADS.has(last.lower) || ORGANIZATION_SUFFIXES.has(last.lower)) return true;
  for (let k = a; k < b - 1; k++) {
    const nextLower = tokens[k + 1]!.lower;
    if (ORGANIZATION_HEADS.has(tokens[k]!.lower) && (nextLower === 'of' || nextLower === 'for' || nextLower === 'on' || nextLower === '&')) return true;
  }
  // An acronym that names no place ("FSB", "BRICS", "NATO").
  if (b - a === 1 && /^\p{Lu}[\p{Lu}\d&.]+$/u.test(last.text) && !PLACES.has(last.lower)) return true;
  return false;
}

/** "Alachua Sheriff's Office": a possessive between capitals that end in an organisation head. */
function insideOrganizationName(tokens: Token[], k: number, end: number, sStart: number): boolean {
  if (k === 0 || !startsUpper(tokens[k - 1]!.text)) return false;
  let j = k + 1;
  while (j < end && isNameToken(tokens, j, sStart)) j++;
  return j > k + 1 && ORGANIZATION_HEADS.has(tokens[j - 1]!.lower);
}

/**
 * What stays the same across the readings of one phrase (a chunk) and of its parts: made once
 * per chunk in readChunk, always with these fields in this order (one hidden class), and passed
 * to each reading alongside the values that change from call to call (the part, where the phrase
 * starts, whether it is the head part, subject position, a determiner).
 */
interface PhraseContext {
  tokens: Token[];
  /** The chunk's parts split at possessive markers: possessors first, the head part last. */
  parts: Chunk[];
  /** First token of the sentence. */
  sStart: number;
  /** Index of the sentence. */
  sentence: number;
  /** The mentions found so far in the document; the readings push to it (and may drop its last). */
  out: Mention[];
}

function readChunk(doc: Doc, chunk: Chunk, sStart: number, sEnd: number, out: Mention[], firstInSentence: boolean): void {
  const tokens = doc.tokens;
  const sentence = tokens[chunk.first]!.sentence;
  let a = chunk.first;
  const hasDeterminer = isArticle(tokens[a]!);
  if (hasDeterminer) a++;
  const b = chunk.end;
  const next = b < sEnd ? tokens[b]! : null;
  const subject = firstInSentence || (next !== null && (next.pos === 'VERB' || next.pos === 'AUX'));

  // Possessors: the chunk is split at each possessive marker; every part before is a possessor.
  const parts: Chunk[] = [];
  let partStart = a;
  for (let k = a; k < b; k++) {
    if (isPossessive(tokens[k]!) && k > partStart && !insideOrganizationName(tokens, k, b, sStart)) {
      parts.push({ first: partStart, end: k });
      partStart = k + 1;
    }
  }
  if (partStart < b) parts.push({ first: partStart, end: b });
  if (parts.length === 0) return;

  const phrase: PhraseContext = { tokens, parts, sStart, sentence, out };
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    const isHeadPart = p === parts.length - 1;
    const phraseStart = p === 0 ? chunk.first : part.first;
    readPart(phrase, part, phraseStart, isHeadPart, isHeadPart ? subject : false, hasDeterminer && p === 0);
  }
}

/**
 * Reads one part of a chunk (a possessor, or the head part): a name at its end, with the titles
 * before it split off as descriptors, or else a description. Each reading is a helper of its own:
 * as one function of 220 lines readPart cost ~120 ms of TurboFan time per compile and was
 * recompiled 7 times over the BBC set, once each time a rare branch was first taken.
 */
function readPart(phrase: PhraseContext, part: Chunk, phraseStart: number, isHeadPart: boolean, subject: boolean, determined: boolean): void {
  const tail = nameTailStart(phrase.tokens, part.first, part.end, phrase.sStart);
  if (tail < part.end) readNamedPart(phrase, part, tail, phraseStart, isHeadPart, subject, determined);
  else readUnnamedPart(phrase, part, phraseStart, isHeadPart, subject, determined);
}

/**
 * Where the name tail of tokens [first, end) starts: the longest run of name tokens (and
 * particles between them) ending the part; `end` when there is none, or when the run is made
 * only of titles ("President", "Defense Secretary"), which is a description.
 */
function nameTailStart(tokens: Token[], first: number, end: number, sStart: number): number {
  let tail = end;
  while (tail > first) {
    const k = tail - 1;
    if (isNameToken(tokens, k, sStart)) {
      tail--;
      continue;
    }
    if (tail < end && k > first && isConnector(tokens, k) && (isNameToken(tokens, k - 1, sStart) || THE.has(tokens[k]!.lower))) {
      tail--;
      continue;
    }
    if (tail < end && k > first && isPossessive(tokens[k]!) && insideOrganizationName(tokens, k, end, sStart)) {
      tail--;
      continue;
    }
    break;
  }
  while (tail < end && !hasLetter(tokens[tail]!.text)) tail++;
  if (tail < end && isRole(tokens[end - 1]!) && onlyTitleWords(tokens, tail, end)) return end;
  return tail;
}

/** Every token of [a, b) is a role, a role modifier, an honorific or a country word. */
function onlyTitleWords(tokens: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const t = tokens[k]!;
    if (!(isRole(t) || ROLE_MODIFIERS.has(t.lower) || HONORIFICS.has(t.lower.replace(/\.$/, '')) || countryOfWord(t.text, t.lower) !== null)) return false;
  }
  return true;
}

/** A part that ends in a name (tokens [tail, end)): an organisation's, or a person's with titles before it. */
function readNamedPart(phrase: PhraseContext, part: Chunk, tail: number, phraseStart: number, isHeadPart: boolean, subject: boolean, determined: boolean): void {
  const tokens = phrase.tokens;
  const end = part.end;
  // "told NPR Hamza bin Laden had": an acronym or known organisation before a first name is a name of its own.
  if (end - tail >= 3 && isAcronymOrKnown(tokens[tail]!) && firstNameGender(tokens[tail + 1]!.text) !== '' && !isTitleRole(tokens[tail + 1]!)) {
    pushName(phrase, tail, tail + 1, tail, 'organization', false, [], [], null);
    readPart(phrase, { first: tail + 1, end }, tail + 1, isHeadPart, subject, false);
    return;
  }
  if (!hasPersonTitle(tokens, tail, end) && isOrganizationName(tokens, tail, end)) {
    readOrganizationName(phrase, part, tail, phraseStart, isHeadPart, subject);
    return;
  }
  readPersonName(phrase, part, tail, phraseStart, isHeadPart, subject, determined);
}

/** A title in [tail, end - 1) with no organisation's name after it: the name is a titled person's. */
function hasPersonTitle(tokens: Token[], tail: number, end: number): boolean {
  for (let k = tail; k < end - 1; k++) if (isTitleRole(tokens[k]!) && !isOrganizationName(tokens, k + 1, end)) return true;
  return false;
}

/**
 * "Federal Security Service", "Bloomberg News", "General Staff": the whole run [tail, end) is the
 * name. Lower-case words before it describe it ("television broadcaster PBS", "news site Znak.com").
 */
function readOrganizationName(phrase: PhraseContext, part: Chunk, tail: number, phraseStart: number, isHeadPart: boolean, subject: boolean): void {
  const { tokens, parts } = phrase;
  const { first, end } = part;
  const possessorCountry = parts.length > 1 && isHeadPart ? nationalityIn(tokens, parts[0]!.first, parts[parts.length - 2]!.end) : null;
  let d = tail;
  while (d > first && tokens[d - 1]!.pos !== 'DET' && startsLower(tokens[d - 1]!.text) && (tokens[d - 1]!.pos === 'NOUN' || tokens[d - 1]!.pos === 'ADJ')) d--;
  const orgDescriptors: Span[] = d < tail && (tokens[tail - 1]!.pos === 'NOUN') ? [{ start: tokens[d]!.start, end: tokens[tail - 1]!.end }] : [];
  emitInnerNames(phrase, first, orgDescriptors.length ? d : tail);
  const extentFirst = orgDescriptors.length ? d : phraseStart < tail && isHeadPart && parts.length > 1 ? phraseStart : tail;
  pushName(phrase, tail, end, extentFirst, 'organization', subject, orgDescriptors, [], possessorCountry ?? nationalityIn(tokens, tail, end));
}


/** A person's (or a place's) name in [tail, end), with the titles before or inside the run split off as descriptors. */
function readPersonName(phrase: PhraseContext, part: Chunk, tail: number, phraseStart: number, isHeadPart: boolean, subject: boolean, determined: boolean): void {
  const { tokens, parts, sStart, out } = phrase;
  const { first, end } = part;
  let nameStart = tail;
  // Split premodifier titles: the last role word (or honorific) with a name after it.
  let lastRole = -1;
  for (let k = tail; k < end - 1; k++) if (isTitleRole(tokens[k]!)) lastRole = k;
  let descriptorEnd = -1;
  if (lastRole >= 0) {
    nameStart = lastRole + 1;
    descriptorEnd = lastRole + 1;
    // "Secretary of State Mike Pompeo", "Mayor of London Sadiq Khan": the of-phrase is title.
    if (OF.has(tokens[nameStart]?.lower ?? '')) {
      const complementEnd = titleComplementEnd(tokens, nameStart, end);
      if (complementEnd > nameStart + 1) {
        nameStart = complementEnd;
        descriptorEnd = complementEnd;
      }
      // "the Archbishop of Gdańsk": no name after the title's complement, so a description.
      if (OF.has(tokens[nameStart]?.lower ?? '')) {
        readDescription(phrase, part, isHeadPart, phraseStart, lastRole, subject, determined);
        return;
      }
    }
  }
  // Titles before the capitalised run, in lower case: "military spokesman Andrii Kovaliov".
  let descriptorStart = lastRole >= 0 ? tail : -1;
  const k = lowerTitlesStart(tokens, first, tail, sStart, lastRole >= 0);
  // The lower-case run must end in a role ("defense accord Putin" has none: two phrases).
  const sawRole = lastRole >= 0 || hasTitleRole(tokens, k + 1, tail);
  if (sawRole && k + 1 < tail && (lastRole >= 0 || isTitleRole(tokens[tail - 1]!))) {
    descriptorStart = k + 1;
    if (descriptorEnd < 0) descriptorEnd = tail;
  }
  if (descriptorStart === first && first >= 2 && tokens[first - 1]!.lower === 'and') {
    const coordinated = coordinatedTitleStart(tokens, first, sStart, out);
    if (coordinated >= 0) descriptorStart = coordinated;
  }
  // A possessor before the title belongs to it ("Turkey's President Erdogan").
  if (descriptorStart >= 0 && descriptorStart === first && isHeadPart && parts.length > 1) descriptorStart = parts[0]!.first;
  if (descriptorStart >= 0 && descriptorStart > first) emitInnerNames(phrase, first, descriptorStart);
  else if (descriptorStart < 0 && tail > first) readWordsBeforeName(phrase, first, tail, phraseStart, subject, determined);
  const descriptors: Span[] = [];
  const roles: string[] = [];
  let gender: Gender = '';
  if (descriptorStart >= 0 && descriptorEnd > descriptorStart) {
    descriptors.push({ start: tokens[descriptorStart]!.start, end: tokens[descriptorEnd - 1]!.end });
    gender = titleRoles(tokens, descriptorStart, descriptorEnd, roles);
  }
  if (nameStart >= end) return;
  // A country or an organisation before a person's name is a descriptor: "(the President of)
  // the United States | Donald Trump", "(Ambassador to) the United Nations | Nikki Haley".
  if (lastRole < 0 && end - nameStart >= 3 && !isOrganizationName(tokens, nameStart, end)) {
    const title = countryTitleBefore(tokens, nameStart, end, phraseStart, sStart, out, roles);
    if (title !== null) {
      descriptors.push({ start: tokens[title.first]!.start, end: tokens[title.end - 1]!.end });
      descriptorStart = title.first;
      descriptorEnd = title.end;
      nameStart = title.end;
    }
  }
  const nameCountry = countryOfTokens(tokens, nameStart, end);
  if (nameCountry && descriptors.length === 0) {
    // A demonym in a name slot ("the Russians") is no entity; a place name is one.
    if (isPlaceName(tokens, nameStart, end)) pushName(phrase, nameStart, end, nameStart, 'place', subject, [], [], nameCountry);
    return;
  }
  const nationality = descriptorStart >= 0 ? nationalityIn(tokens, descriptorStart, descriptorEnd) : null;
  const type: EntityType | null = descriptors.length || roles.length ? 'person' : null;
  const extentStart = descriptorStart >= 0 ? Math.min(descriptorStart, phraseStart) : nameStart === first ? phraseStart : nameStart;
  pushName(phrase, nameStart, end, extentStart, type, subject, descriptors, roles, nationality, gender);
}

/**
 * End of a title's of-complement starting at tokens[of]: modifiers, places, organisation heads and
 * at most one other word ("Minister of Foreign Affairs | Sergei Lavrov", "Minister of Information
 * | Moammar al-Eryani"). `of + 1` when there is none.
 */
function titleComplementEnd(tokens: Token[], of: number, end: number): number {
  let k = of + 1;
  let others = 0;
  while (k < end - 1) {
    const w = tokens[k]!;
    if (ROLE_MODIFIERS.has(w.lower) || PLACES.has(w.lower) || ORGANIZATION_HEADS.has(w.lower)) k++;
    else if (others === 0 && firstNameGender(w.text) === '' && !NAME_PARTICLES.has(w.lower)) {
      others++;
      k++;
    } else break;
  }
  return k;
}

/**
 * Walks left from the name tail over lower-case titles and what may stand in them ("military
 * spokesman", "FBI agent and terrorism specialist"); returns the index just before the run.
 */
function lowerTitlesStart(tokens: Token[], first: number, tail: number, sStart: number, titled: boolean): number {
  let k = tail - 1;
  let sawRole = titled;
  while (k >= first) {
    const t = tokens[k]!;
    // After a title, nouns and "and" may stand in it too ("FBI agent and terrorism specialist").
    const right = tokens[k + 1]!;
    const glued = (t.text === '-' || t.text === '–') && k > first && tokens[k - 1]!.end === t.start && t.end === right.start;
    const joinsNames = sawRole && isConnector(tokens, k) && k > first && isNameToken(tokens, k - 1, sStart);
    const lowerOrFirst = startsLower(t.text) || isInitial(tokens, k, sStart);
    const compound = t.pos === 'NOUN' && lowerOrFirst && (isTitleRole(right) || (right.pos === 'NOUN' && startsLower(right.text)));
    if (isTitleRole(t) || (ROLE_MODIFIERS.has(t.lower) && t.pos !== 'NOUN') || t.pos === 'ADJ' || glued || joinsNames || compound || (sawRole && (isNameToken(tokens, k, sStart) || isPossessive(t)))) {
      if (isTitleRole(t)) sawRole = true;
      k--;
      continue;
    }
    break;
  }
  return k;
}

function hasTitleRole(tokens: Token[], a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (isTitleRole(tokens[k]!)) return true;
  return false;
}

/**
 * "Retired FBI agent and terrorism specialist Ali Soufan": a title coordinated before the chunk
 * starting at `first` (after "and"). Returns where it starts, dropping the mention read from it as
 * a phrase of its own, or -1 when the words before "and" are no title.
 */
function coordinatedTitleStart(tokens: Token[], first: number, sStart: number, out: Mention[]): number {
  const leftConjunct = tokens[first - 2]!;
  const leftInitial = first - 2 >= sStart && isInitial(tokens, first - 2, sStart);
  const leftIsModifier = (startsLower(leftConjunct.text) || leftInitial) && (leftConjunct.pos === 'NOUN' || leftConjunct.pos === 'ADJ' || (leftInitial && leftConjunct.pos === 'PROPN'));
  if (!(isTitleRole(leftConjunct) || (leftIsModifier && !isTitleRole(tokens[first]!)))) return -1;
  let k2 = first - 2;
  while (k2 > sStart && (isTitleRole(tokens[k2 - 1]!) || tokens[k2 - 1]!.pos === 'ADJ' || isNameToken(tokens, k2 - 1, sStart) || (tokens[k2 - 1]!.pos === 'NOUN' && (startsLower(tokens[k2 - 1]!.text) || isInitial(tokens, k2 - 1, sStart))))) k2--;
  const previous = out[out.length - 1];
  if (previous && previous.endToken === first - 1 && (previous.kind === 'nominal' || previous.firstToken === first - 2)) out.pop();
  return k2;
}

/**
 * "The defense accord | Putin": the words before a name with no title are a phrase of their own.
 * Its description is read as no head part, so the chunk's possessors do not anchor it.
 */
function readWordsBeforeName(phrase: PhraseContext, first: number, tail: number, phraseStart: number, subject: boolean, determined: boolean): void {
  emitInnerNames(phrase, first, tail);
  if (/\p{Ll}/u.test(phrase.tokens[tail - 1]!.text[0] ?? '')) readDescription(phrase, { first, end: tail }, false, phraseStart, tail - 1, subject, determined);
}

/** The roles a title [a, b) gives (pushed to `roles`) and the gender its roles and honorifics say. */
function titleRoles(tokens: Token[], a: number, b: number, roles: string[]): Gender {
  let gender: Gender = '';
  for (let r = a; r < b; r++) {
    const t = tokens[r]!;
    if (isRole(t)) {
      roles.push(qualifiedRole(tokens, r));
      gender = ROLES.get(roleOf(t)) || gender;
    }
    if (HONORIFICS.has(t.lower.replace(/\.$/, ''))) gender = ROLES.get(t.lower.replace(/\.$/, '')) || gender;
  }
  return gender;
}

/**
 * A country or an organisation opening the run [nameStart, end) before a person's first name:
 * "(the President of) the United States | Donald Trump". Returns the descriptor's tokens (taking a
 * role phrase before "of" in, whose own mention is dropped and whose role is pushed to `roles`),
 * or null when the run opens with none.
 */
function countryTitleBefore(tokens: Token[], nameStart: number, end: number, phraseStart: number, sStart: number, out: Mention[], roles: string[]): Chunk | null {
  for (let cut = Math.min(4, end - nameStart - 2); cut >= 1; cut--) {
    if (!countryOfTokens(tokens, nameStart, nameStart + cut) && !(isOrganizationName(tokens, nameStart, nameStart + cut) && firstNameGender(tokens[nameStart + cut]!.text) !== '')) continue;
    const rest = nameStart + cut;
    if (firstNameGender(tokens[rest]!.text) === '' && !descriptorStartsBefore(tokens, phraseStart)) return null;
    let from = nameStart;
    const of = phraseStart - 1;
    if (of > sStart && ROLE_COMPLEMENTS.has(tokens[of]!.lower) && isRole(tokens[of - 1]!)) {
      // Take the role phrase before "of" into the descriptor and drop its own mention.
      let roleStart = of - 1;
      while (roleStart > sStart && (isRole(tokens[roleStart - 1]!) || ROLE_MODIFIERS.has(tokens[roleStart - 1]!.lower) || tokens[roleStart - 1]!.pos === 'ADJ' || isNameToken(tokens, roleStart - 1, sStart))) roleStart--;
      from = roleStart;
      const previous = out[out.length - 1];
      if (previous && previous.kind === 'nominal' && previous.endToken === of) out.pop();
      roles.push(roleOf(tokens[of - 1]!));
    }
    return { first: from, end: rest };
  }
  return null;
}

/** A part with no name at its end: a description, if its head says what it refers to. */
function readUnnamedPart(phrase: PhraseContext, part: Chunk, phraseStart: number, isHeadPart: boolean, subject: boolean, determined: boolean): void {
  const { tokens, sStart } = phrase;
  const { first, end } = part;
  const last = tokens[end - 1]!;
  if (!(headKinds(last.lower) & (ROLE_WORD | ORGANIZATION_HEAD | DOCUMENT_HEAD | COLLECTIVE)) && !(headKinds(last.lemma) & ROLE_WORD)) {
    // The tagger took a verb for a noun ("Erdoğan spoke"): read the part up to its last name.
    let runEnd = end - 1;
    while (runEnd > first && !isNameToken(tokens, runEnd - 1, sStart)) runEnd--;
    if (runEnd > first && end - runEnd <= 2) {
      readPart(phrase, { first, end: runEnd }, phraseStart, isHeadPart, true, determined);
      return;
    }
  }
  emitInnerNames(phrase, first, end);
  // The head is the word before the first "of", or the last word. One subtraction for both: the
  // one for "of" alone, first reached after readUnnamedPart was optimised, deoptimised it.
  let headEnd = end;
  for (let k = first + 1; k < end; k++) if (tokens[k]!.lower === 'of') {
    headEnd = k;
    break;
  }
  readDescription(phrase, part, isHeadPart, phraseStart, headEnd - 1, subject, determined);
}

/** A description headed by tokens[head]: a person by role, an organisation, a document, a group. */
function readDescription(phrase: PhraseContext, part: Chunk, isHeadPart: boolean, phraseStart: number, headIndex: number, subject: boolean, determined: boolean): void {
  const { tokens, parts, sentence, out } = phrase;
  const { first, end } = part;
  const head = tokens[headIndex]!;
  const headLower = head.lower;
  const lemma = head.lemma;
  let type: EntityType | null = null;
  let plural = false;
  const lowerKinds = headKinds(headLower);
  const kinds = lowerKinds | headKinds(lemma);
  if (kinds & ROLE_WORD) {
    plural = !(lowerKinds & ROLE_WORD) && lemma !== headLower;
    type = plural ? 'group' : 'person';
  } else if (startsLower(head.text) && (kinds & DOCUMENT_HEAD) !== 0) type = 'document';
  else if (kinds & ORGANIZATION_HEAD) type = 'organization';
  else if (kinds & DOCUMENT_HEAD) type = 'document';
  if ((lowerKinds & COLLECTIVE) !== 0 && (lemma !== headLower || headLower.endsWith('s'))) {
    type = type === 'organization' ? 'organization' : 'group';
    plural = true;
  }
  if (!type) {
    // The tagger took a verb for a noun ("The United States government claims"): try the word before.
    if (headIndex === end - 1 && headIndex - 1 > first && startsLower(head.text)) {
      readDescription(phrase, { first, end: headIndex }, isHeadPart, phraseStart, headIndex - 1, subject, determined);
    }
    return;
  }
  // Possessors and demonyms anchor the description to a country.
  const anchorFrom = parts.length > 1 && isHeadPart ? parts[0]!.first : first;
  const nationality = nationalityIn(tokens, anchorFrom, end);
  const anchoredByPossessor = parts.length > 1 && isHeadPart && nationality !== null && tokens[parts[0]!.first]!.pos !== 'DET';
  // "Erdogan's office", "Trump's statement": a named possessor is part of the description.
  const namedPossessor = parts.length > 1 && isHeadPart && startsUpper(tokens[parts[0]!.first]!.text) && tokens[parts[0]!.first]!.pos !== 'DET';
  const spanStart = anchoredByPossessor || namedPossessor ? anchorFrom : determined ? phraseStart : first;
  const words: string[] = [];
  for (let k = anchorFrom; k < end; k++) if (hasLetter(tokens[k]!.text) && !isPossessive(tokens[k]!)) words.push(tokens[k]!.lower);
  const roleName = type === 'person' ? qualifiedRole(tokens, headIndex) : '';
  out.push(
    makeMention(out.length, 'nominal', tokens[spanStart]!, tokens[end - 1]!, phraseStart, end, sentence, {
      type,
      words,
      head: lemma || headLower,
      gender: type === 'person' ? ROLES.get(roleOf(head)) || '' : '',
      plural,
      nationality,
      roles: roleName ? [roleName] : [],
      subject,
      definite: determined && tokens[phraseStart]!.lower === 'the',
      indefinite: determined && tokens[phraseStart]!.lower !== 'the',
      anchored: type === 'organization' && anchoredByPossessor,
    }, { start: tokens[Math.min(phraseStart, spanStart)]!.start, end: tokens[end - 1]!.end }),
  );
}

/** Prepositions that join a role to its complement ("Ambassador to Germany", "leader of Zimbabwe"). */
const ROLE_COMPLEMENTS = new Set(['of', 'to', 'for', 'at']);

/** The phrase follows "ROLE of (the)": "the leader of Zimbabwe Robert Mugabe". */
function descriptorStartsBefore(tokens: Token[], phraseStart: number): boolean {
  const of = phraseStart - 1;
  return of > 0 && ROLE_COMPLEMENTS.has(tokens[of]!.lower) && isRole(tokens[of - 1]!);
}

/** Names inside a description or before a title ("BRICS summit", "Kremlin spokesman"). */
function emitInnerNames(phrase: PhraseContext, first: number, end: number): number {
  const { tokens, sStart } = phrase;
  let count = 0;
  let k = first;
  while (k < end) {
    if (!isNameToken(tokens, k, sStart) || isRole(tokens[k]!)) {
      k++;
      continue;
    }
    let j = k + 1;
    while (j < end && ((isNameToken(tokens, j, sStart) && !isRole(tokens[j]!)) || (j + 1 < end && isConnector(tokens, j) && (isNameToken(tokens, j + 1, sStart) || (j + 2 < end && isConnector(tokens, j + 1) && isNameToken(tokens, j + 2, sStart)))))) j++;
    const text = tokenText(tokens, k, j);
    const place = isPlaceName(tokens, k, j);
    const adjectival = j < end && ADJECTIVAL_NAME.test(text) && !isNameToken(tokens, j, sStart);
    const demonym = !place && (countryOf(text) !== null || adjectival);
    if (!demonym && !(j - k === 1 && NON_NAMES.has(tokens[k]!.lower))) {
      const org = isOrganizationName(tokens, k, j);
      pushName(phrase, k, j, k, place ? 'place' : org ? 'organization' : null, false, [], [], place ? countryOf(text) : null);
      count++;
    }
    k = j;
  }
  return count;
}

function pushName(
  phrase: PhraseContext,
  first: number,
  end: number,
  extentFirst: number,
  type: EntityType | null,
  subject: boolean,
  descriptors: Span[],
  roles: string[],
  nationality: string | null,
  gender: Gender = '',
): void {
  const { tokens, sentence, out } = phrase;
  // Drop a lone calendar word or a capitalised common word the tagger took for a name.
  if (end - first === 1 && NON_NAMES.has(tokens[first]!.lower) && !(isAllUpper(tokens[first]!.text) && KNOWN_ORGANIZATIONS.has(tokens[first]!.lower))) return;
  // "Article 4", "Section 2": a numbered part of a document, not an entity.
  if (DOCUMENT_HEADS.has(tokens[end - 1]!.lower) && tokens[end]?.pos === 'NUM') return;
  if (end - first === 1 && tokens[first]!.text.length === 1) return;
  const words = lowerWords(tokens, first, end, false);
  let g = gender;
  const fromName = !g && type !== 'organization' && type !== 'place' && end - first >= 2;
  if (fromName) g = firstNameGender(tokens[first]!.text);
  const place = type === 'place' || (type === null && isPlaceName(tokens, first, end));
  out.push(
    makeMention(out.length, 'name', tokens[first]!, tokens[end - 1]!, extentFirst, end, sentence, {
      type: place ? 'place' : type,
      words,
      head: words[words.length - 1]!,
      gender: g,
      genderFromName: fromName && g !== '',
      nationality,
      descriptors,
      roles,
      subject,
    }, { start: tokens[extentFirst]!.start, end: tokens[end - 1]!.end }),
  );
}
