// Noun phrases around a cue, found from part-of-speech tags alone (no parser): the source before a
// cue ("US Defense Secretary Lloyd Austin said"), with an appositive ("Andrii Kovaliov, military
// spokesman for the General Staff in Kyiv, said"), after it ("said Putin", "according to the
// intelligence service"), and the hearer after a cue ("told reporters that"). Token ranges are
// [first, end) indices into doc.tokens. Written by hand: wink-nlp has no noun-phrase chunker.

import type { Token } from '../../core/doc.js';
import { AND, CLOSING_PARENTHESIS, OPENING_PARENTHESIS } from '../../nlp/token-words.js';

export interface TokenRange {
  first: number;
  end: number;
}

/** Tokens that can stand inside a noun phrase. */
const NP_POS = new Set(['PROPN', 'NOUN', 'PRON', 'DET', 'ADJ', 'NUM']);
/** Tokens that can end a noun phrase (its head). */
const HEAD_POS = new Set(['PROPN', 'NOUN', 'PRON', 'NUM']);
/** Punctuation that stays inside names and titles: "Gov.", "(R-OH)", "AT&T", "Sen. Bernie Sanders". */
const NP_PUNCT = new Set(['-', '(', ')', '.', '&', "'s", '’s', "'", '’']);
/** Prepositions that join the parts of a title or role: "Secretary of State", "spokesman for the General Staff in Kyiv". */
const NP_ADP = new Set(['of', 'for', 'at', 'in', 'from', 'to']);
/** Words that look like noun-phrase material but start a clause or a quote frame instead. */
const NOT_IN_NP = new Set(['that', 'which', 'who', 'whom', 'whose', 'what', 'when', 'where', 'why', 'how', 'whether', 'if', 'there', 'here', 'this', 'these', 'those', 'it']);
/** Pronouns that are sources on their own (and only on their own). */
const PERSONAL = new Set(['he', 'she', 'they', 'i', 'we', 'you', 'it', 'who']);
/** Time words that may stand between a subject and its verb ("Putin on Thursday said"). */
const TIME_WORDS = new Set(['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'earlier', 'later', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend']);

const MAX_NP = 14;
const DEMONSTRATIVES = new Set(['this', 'these', 'those', 'that']);
/** Adverbs that open a quantified phrase: "only about 4 in 10 voters", "nearly half". */
const QUANTIFYING_ADVERBS = new Set(['only', 'nearly', 'almost', 'about', 'just', 'roughly', 'some', 'more', 'most', 'fewer', 'less', 'even', 'approximately', 'around']);
/** What a quantifying adverb quantifies besides a number or determiner: another such adverb, or "half" (one look-up: a comparison with 'half' deoptimised nounPhraseBefore on a non-internalized string). */
const QUANTIFIED_WORDS = new Set([...QUANTIFYING_ADVERBS, 'half']);
const CONJUNCTIONS = new Set(['and', '&']);
/** The prepositions of NP_ADP and "and", which join the parts of a phrase after its head. */
const NP_JOINERS = new Set([...NP_ADP, 'and']);
/** What may follow "and" after a personal pronoun ("he and Mr. Allen") and "of" after a quantifier ("some of her followers"). */
const AFTER_PERSONAL_AND = new Set(['PROPN', 'DET', 'PRON']);
const AFTER_QUANTIFIER_OF = new Set(['DET', 'PRON', 'NOUN', 'PROPN', 'ADJ']);
const QUANTIFIERS = new Set(['some', 'many', 'most', 'all', 'none', 'one', 'each', 'both', 'several', 'few', 'half', 'two', 'three', 'any', 'majority', 'number', 'members', 'dozens', 'hundreds', 'thousands', 'millions']);

export function isTimeWord(t: Token): boolean {
  return TIME_WORDS.has(t.lower);
}

function isPossessive(t: Token): boolean {
  return t.lower === "'s" || t.lower === "'" || t.pos === 'PART';
}

/** Title abbreviations before a name ("Mr. Hedge", "Sen. Ted Cruz"), after which a capitalised word is a name. */
const TITLES = new Set(['mr.', 'mrs.', 'ms.', 'dr.', 'sen.', 'rep.', 'gov.', 'gen.', 'prof.', 'rev.', 'lt.', 'col.', 'sgt.', 'capt.', 'mr', 'mrs', 'ms', 'dr']);

/** A capitalised word the tagger did not take for a name, right after a title or a name ("Mr. Hedge/VERB"). */
export function isNameWord(t: Token, previous: Token | undefined): boolean {
  return previous !== undefined && /^\p{Lu}/u.test(t.text) && (TITLES.has(previous.lower) || (previous.pos === 'PROPN' && /^\p{Lu}/u.test(previous.text)));
}

function canEndNp(t: Token, previous?: Token): boolean {
  return (HEAD_POS.has(t.pos) && !NOT_IN_NP.has(t.lower)) || CLOSING_PARENTHESIS.has(t.text) || (PERSONAL.has(t.lower) && t.pos === 'PRON') || isNameWord(t, previous);
}

function inNp(t: Token, next?: Token): boolean {
  // "these voters", "this group": a demonstrative before a noun is its determiner.
  if (DEMONSTRATIVES.has(t.lower) && next !== undefined && (next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'NUM')) return true;
  if (NOT_IN_NP.has(t.lower)) return false;
  return NP_POS.has(t.pos) || NP_PUNCT.has(t.text) || isPossessive(t);
}

/**
 * The noun phrase that ends just before token `end` (exclusive), not reaching before `limit`.
 * Returns null when the token before `end` cannot end a noun phrase.
 */
export function nounPhraseBefore(tokens: readonly Token[], end: number, limit: number, blocked?: (i: number) => boolean): TokenRange | null {
  const last = end - 1;
  if (last < limit) return null;
  const head = tokens[last]!;
  if (!canEndNp(head, last > limit ? tokens[last - 1] : undefined) || blocked?.(last)) return null;
  // A personal pronoun is a phrase on its own ("he said"), except a possessive phrase's head.
  if (head.pos === 'PRON' && PERSONAL.has(head.lower)) return { first: last, end };
  if (CLOSING_PARENTHESIS.has(head.text)) {
    let open = last - 1;
    while (open > limit && last - open < 10 && !OPENING_PARENTHESIS.has(tokens[open]!.text)) open--;
    if (!OPENING_PARENTHESIS.has(tokens[open]!.text) || open <= limit) return null;
    const before = nounPhraseBefore(tokens, open, limit, blocked);
    return before ? { first: before.first, end } : null;
  }
  let first = last;
  for (let i = last - 1; i >= limit && last - i < MAX_NP; i--) {
    const t = tokens[i]!;
    if (blocked?.(i)) break;
    if (QUANTIFYING_ADVERBS.has(t.lower) && (t.pos === 'ADV' || t.pos === 'ADP' || t.pos === 'ADJ') && (tokens[i + 1]!.pos === 'NUM' || tokens[i + 1]!.pos === 'DET' || QUANTIFIED_WORDS.has(tokens[i + 1]!.lower))) {
      first = i;
      continue;
    }
    // "(I-Vt.)", "(R-OH)": a parenthesis after a name belongs to it, whatever is inside.
    if (CLOSING_PARENTHESIS.has(t.text) || (i === last - 1 && CLOSING_PARENTHESIS.has(head.text))) {
      let open = CLOSING_PARENTHESIS.has(t.text) ? i - 1 : i;
      while (open > limit && last - open < 10 && !OPENING_PARENTHESIS.has(tokens[open]!.text)) open--;
      if (OPENING_PARENTHESIS.has(tokens[open]!.text) && open > limit) {
        first = open;
        i = open;
        continue;
      }
    }
    const next = tokens[i + 1]!;
    // Looked up for every token, not only after a personal pronoun (see personalBefore below).
    const nextIsAnd = AND.has(next.lower);
    if (inNp(t, next)) {
      if (t.pos === 'PRON' && PERSONAL.has(t.lower) && !nextIsAnd) break; // "he Putin" is two phrases
      first = i;
      continue;
    }
    const previous = i > limit ? tokens[i - 1]! : null;
    // "The US and South Korea", "Secretary of State John Kerry", "spokesman for the General Staff".
    const joins =
      previous !== null &&
      (previous.pos === 'PROPN' || previous.pos === 'NOUN') &&
      (next.pos === 'PROPN' || next.pos === 'DET' || next.pos === 'NOUN' || next.pos === 'ADJ');
    // The look-ups of the two rare joins below are made for every token that gets here, not only
    // after an "and" or an "of": a call or comparison first reached in optimised code deoptimised
    // nounPhraseBefore (over the BBC set it was compiled four times).
    const previousLower = previous === null ? '' : previous.lower;
    const personalBefore = PERSONAL.has(previousLower);
    const quantifierBefore = QUANTIFIERS.has(previousLower);
    const nextPos = next.pos;
    const opensAfterPersonal = AFTER_PERSONAL_AND.has(nextPos);
    const opensAfterQuantifier = AFTER_QUANTIFIER_OF.has(nextPos);
    // "she and another reporter", "he and Mr. Allen"
    if (t.lower === 'and' && previous !== null && previous.pos === 'PRON' && personalBefore && opensAfterPersonal) {
      first = i;
      continue;
    }
    // Conjuncts of a kind: names with names ("The US and South Korea"), nouns with nouns ("teachers
    // and union officials"); not "a photo and Clinton", where "and" joins two clauses.
    const sameKind = (previous?.pos === 'PROPN' && (next.pos === 'PROPN' || next.pos === 'DET')) || (previous?.pos === 'NOUN' && (next.pos === 'NOUN' || next.pos === 'DET' || next.pos === 'ADJ'));
    if (joins && CONJUNCTIONS.has(t.lower) && sameKind) {
      first = i;
      continue;
    }
    // "some of her followers", "many of the voters"
    if (t.lower === 'of' && quantifierBefore && opensAfterQuantifier) {
      first = i;
      continue;
    }
    if (joins && NP_ADP.has(t.lower) && !TIME_WORDS.has(next.lower) && !isTimeWord(tokens[end - 1]!)) {
      first = i;
      continue;
    }
    break;
  }
  // Leading punctuation or a dangling possessive marker is not part of the phrase.
  while (first < last && (NP_PUNCT.has(tokens[first]!.text) || isPossessive(tokens[first]!)) && tokens[first]!.text !== '(') first++;
  return { first, end };
}

/**
 * The noun phrase that starts at token `first`, not reaching `limit` (exclusive): "Putin",
 * "the intelligence service", "John Smith, a spokesman for X" (with `appositive`).
 */
export function nounPhraseAfter(
  tokens: readonly Token[],
  first: number,
  limit: number,
  blocked?: (i: number) => boolean,
  /** The token after a short quoted title that opens at i ("ABC’s “Good Morning America”"), or -1. */
  quotedTitleEnd?: (i: number) => number,
): TokenRange | null {
  let end = first;
  let sawHead = false;
  for (let i = first; i < limit && i - first < MAX_NP; i++) {
    const t = tokens[i]!;
    const titleEnd = i > first && quotedTitleEnd ? quotedTitleEnd(i) : -1;
    if (titleEnd > i && titleEnd <= limit) {
      end = titleEnd;
      sawHead = true;
      i = titleEnd - 1;
      continue;
    }
    if (blocked?.(i)) break;
    if (t.pos === 'PRON' && PERSONAL.has(t.lower)) {
      if (i === first) return { first, end: i + 1 };
      break;
    }
    // "a Planned/VERB Parenthood gathering": a capitalised word inside a name is part of it.
    if (inNp(t) || (i > first && /^\p{Lu}/u.test(t.text) && (tokens[i - 1]!.pos === 'DET' || tokens[i - 1]!.pos === 'PROPN') && i + 1 < limit && (tokens[i + 1]!.pos === 'PROPN' || tokens[i + 1]!.pos === 'NOUN'))) {
      end = i + 1;
      if (HEAD_POS.has(t.pos)) sawHead = true;
      continue;
    }
    const next = i + 1 < limit ? tokens[i + 1]! : null;
    const previous = i > first ? tokens[i - 1]! : null;
    // Both look-ups made for every token that gets here, not only after an "of" (see nounPhraseBefore).
    const quantifierBefore = previous !== null && QUANTIFIERS.has(previous.lower);
    const nominalAfter = next !== null && NP_POS.has(next.pos);
    if (t.lower === 'of' && quantifierBefore && nominalAfter) {
      end = i + 1;
      continue;
    }
    const joins =
      previous !== null &&
      next !== null &&
      (previous.pos === 'PROPN' || previous.pos === 'NOUN') &&
      (next.pos === 'PROPN' || next.pos === 'DET' || next.pos === 'NOUN' || next.pos === 'ADJ');
    if (joins && NP_JOINERS.has(t.lower) && !TIME_WORDS.has(next.lower)) {
      end = i + 1;
      continue;
    }
    break;
  }
  // Do not end on punctuation or a joining word.
  while (end > first && !canEndNp(tokens[end - 1]!)) end--;
  if (!sawHead || end <= first) return null;
  return { first, end };
}

/**
 * A short, name-like phrase: what stands before an appositive ("Andrii Kovaliov, spokesman, said").
 */
export function isNameLike(tokens: readonly Token[], range: TokenRange): boolean {
  const last = tokens[range.end - 1]!;
  return range.end - range.first <= 8 && (last.pos === 'PROPN' || (last.pos === 'PRON' && PERSONAL.has(last.lower)));
}

/**
 * The subject at the start of a sentence when a reduced relative clause follows it: "The defense
 * accord [Putin signed with …] states" gives "The defense accord". Null when there is none.
 */
export function subjectAtStart(tokens: readonly Token[], first: number, limit: number, blocked?: (i: number) => boolean): TokenRange | null {
  const np = nounPhraseAfter(tokens, first, limit, blocked);
  if (!np) return null;
  for (let i = np.first + 1; i < np.end; i++) {
    const t = tokens[i]!;
    const previous = tokens[i - 1]!;
    if ((t.pos === 'PROPN' || t.pos === 'PRON') && previous.pos === 'NOUN') {
      let k = i;
      while (k < np.end && tokens[k]!.pos === t.pos) k++;
      const after = tokens[k];
      if (k === np.end && after && after.pos === 'VERB') return { first: np.first, end: i };
    }
  }
  return null;
}
