// Token-sequence phrase patterns, written as data in lexicons ("in a|an statement", "decline to
// comment|say", "do|did not|n't say"). This module compiles them once and matches them against a
// Doc's tokens. Written by hand because the need is small and specific: patterns over our own
// tokens (lower-cased text or lemma), with alternatives, optional and wildcard slots, and no
// library for token patterns over wink-nlp output offers those on our offsets.
//
// Syntax: words separated by spaces; each word is a slot.
//   a|an|the   alternatives: a token whose lower-cased text or lemma is one of them
//   word?      an optional slot
//   *          any one token (not punctuation that ends a clause);  *? an optional one
//   <NOUN>     a token with that POS tag (alternatives allowed: <NOUN|PROPN>)

import type { Token } from '../core/doc.js';

interface Slot {
  words: Set<string> | null;
  pos: Set<string> | null;
  optional: boolean;
}

export interface Phrase<T = unknown> {
  /** The pattern as written in the lexicon. */
  source: string;
  slots: Slot[];
  /** Whatever the lexicon attaches to the pattern (an act, a note kind, ...). */
  value: T;
}

const CLAUSE_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '"', '“', '”', '(', ')']);

/** Compiles one pattern. */
export function compilePhrase<T>(source: string, value: T): Phrase<T> {
  const slots: Slot[] = [];
  for (let raw of source.trim().toLowerCase().replace(/[’‘]/g, "'").split(/\s+/)) {
    if (!raw) continue;
    let optional = false;
    if (raw.length > 1 && raw.endsWith('?')) {
      optional = true;
      raw = raw.slice(0, -1);
    }
    if (raw === '*') slots.push({ words: null, pos: null, optional });
    else if (raw.startsWith('<') && raw.endsWith('>')) slots.push({ words: null, pos: new Set(raw.slice(1, -1).toUpperCase().split('|')), optional });
    else slots.push({ words: new Set(raw.split('|')), pos: null, optional });
  }
  return { source, slots, value };
}

export function compilePhrases<T>(entries: Record<string, T> | [string, T][]): Phrase<T>[] {
  const list = Array.isArray(entries) ? entries : Object.entries(entries);
  return list.map(([source, value]) => compilePhrase(source, value));
}

function slotMatches(slot: Slot, token: Token): boolean {
  if (slot.pos) return slot.pos.has(token.pos);
  if (slot.words) return slot.words.has(token.lower) || slot.words.has(token.lemma);
  return !CLAUSE_PUNCTUATION.has(token.text);
}

/** The longest end reachable from slot `slot` at token `index` (or -1); no closures, so it stays cheap in hot loops. */
function longestEnd(slots: readonly Slot[], slot: number, tokens: readonly Token[], index: number, limit: number): number {
  if (slot === slots.length) return index;
  const s = slots[slot]!;
  let best = -1;
  if (index < limit && slotMatches(s, tokens[index]!)) best = longestEnd(slots, slot + 1, tokens, index + 1, limit);
  if (s.optional) {
    const skipped = longestEnd(slots, slot + 1, tokens, index, limit);
    if (skipped > best) best = skipped;
  }
  return best;
}

/**
 * Matches a phrase starting at token index `at`; returns the end token index (exclusive) of the
 * longest match, or -1. Never looks at or beyond `limit`.
 */
export function matchPhraseAt(phrase: Phrase<unknown>, tokens: readonly Token[], at: number, limit = tokens.length): number {
  const end = longestEnd(phrase.slots, 0, tokens, at, limit);
  return end > at ? end : -1;
}

export interface PhraseMatch<T> {
  phrase: Phrase<T>;
  /** First token (inclusive) and last token (exclusive). */
  first: number;
  end: number;
}

/**
 * A set of phrases indexed by the words their first slot accepts, so that matching a whole
 * article costs about one map lookup per token.
 */
export class PhraseSet<T> {
  readonly phrases: readonly Phrase<T>[];
  private readonly byFirstWord = new Map<string, Phrase<T>[]>();
  private readonly anyStart: Phrase<T>[] = [];

  constructor(phrases: readonly Phrase<T>[]) {
    this.phrases = phrases;
    for (const phrase of phrases) {
      const first = phrase.slots[0];
      if (!first || first.optional || !first.words) {
        this.anyStart.push(phrase);
        continue;
      }
      for (const word of first.words) {
        const list = this.byFirstWord.get(word);
        if (list) list.push(phrase);
        else this.byFirstWord.set(word, [phrase]);
      }
    }
  }

  static of<T>(entries: Record<string, T> | [string, T][]): PhraseSet<T> {
    return new PhraseSet(compilePhrases(entries));
  }

  /** The longest phrase matching at token `at` (ending at or before `limit`), or null. */
  matchAt(tokens: readonly Token[], at: number, limit = tokens.length): PhraseMatch<T> | null {
    const token = tokens[at];
    if (!token) return null;
    let bestEnd = -1;
    let bestPhrase: Phrase<T> | null = null;
    const lists = [this.byFirstWord.get(token.lower), token.lemma !== token.lower ? this.byFirstWord.get(token.lemma) : undefined, this.anyStart];
    for (const list of lists) {
      if (!list) continue;
      for (const phrase of list) {
        const end = matchPhraseAt(phrase, tokens, at, limit);
        if (end > bestEnd) {
          bestEnd = end;
          bestPhrase = phrase;
        }
      }
    }
    return bestPhrase ? { phrase: bestPhrase, first: at, end: bestEnd } : null;
  }

  /** All matches in tokens [from, to), longest first at each position, not overlapping. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    for (let i = Math.max(0, from); i < to; ) {
      const hit = this.matchAt(tokens, i, to);
      if (hit) {
        found.push(hit);
        i = hit.end;
      } else i++;
    }
    return found;
  }
}
