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

/** See PhraseSet.anchors. */
function anchorWords(phrases: readonly Phrase<unknown>[]): ReadonlySet<string> | null {
  const anchors = new Set<string>();
  for (const phrase of phrases) {
    let best: Set<string> | null = null;
    let bestShortest = -1;
    for (const slot of phrase.slots) {
      if (slot.optional || !slot.words) continue;
      let shortest = Infinity;
      for (const word of slot.words) shortest = Math.min(shortest, word.length);
      if (shortest >= bestShortest) {
        best = slot.words;
        bestShortest = shortest;
      }
    }
    if (!best) return null;
    for (const word of best) anchors.add(word);
  }
  return anchors;
}

/** The first token in [from, to) whose lower-cased text or lemma is an anchor word, else `to`. */
function nextAnchor(anchors: ReadonlySet<string>, tokens: readonly Token[], from: number, to: number): number {
  const end = Math.min(to, tokens.length);
  let i = from;
  while (i < end && !anchors.has(tokens[i]!.lower) && !anchors.has(tokens[i]!.lemma)) i++;
  return i < end ? i : to;
}

export interface PhraseMatch<T> {
  phrase: Phrase<T>;
  /** First token (inclusive) and last token (exclusive). */
  first: number;
  end: number;
}

/**
 * One slot of a trie of patterns: phrases that begin with the same slots ("on the sidelines of",
 * "on the margins of", "on the eve of", each followed by the same twenty setting patterns) share
 * their first nodes, so a token is tested against a shared slot once, not once per pattern.
 */
interface TrieNode<T> {
  slot: Slot;
  children: TrieNode<T>[];
  childByKey: Map<string, TrieNode<T>>;
  /** Phrases whose last slot this is, with their rank (see PhraseSet.matchAt). */
  ends: { phrase: Phrase<T>; order: number }[];
}

/** Slots with equal keys accept the same tokens (JSON, so that no word can make two keys alike). */
function slotKey(slot: Slot): string {
  return JSON.stringify([slot.optional, slot.pos ? [...slot.pos].sort() : null, slot.words ? [...slot.words].sort() : null]);
}

/**
 * A cheap filter before the word look-up: a bit per (length, first code unit) of the words that
 * start a phrase. Most tokens start none, and this says so without hashing their text.
 */
function startFilterIndex(word: string): number {
  return (word.length < 31 ? word.length : 31) * 128 + (word.charCodeAt(0) & 127);
}

/** Positions are kept as bits of a 32-bit mask relative to the start token; longer patterns use matchPhraseAt. */
const MAX_TRIE_SLOTS = 30;

/**
 * A set of phrases indexed by the words their first slot accepts, so that matching a whole
 * article costs about one map lookup per token, and arranged as a trie of slots (see TrieNode).
 */
export class PhraseSet<T> {
  readonly phrases: readonly Phrase<T>[];
  /** Trie roots (first slots) by each word they accept, in order of first use. */
  private readonly byFirstWord = new Map<string, TrieNode<T>[]>();
  /** See startFilterIndex; a word whose bit is clear starts no phrase. */
  private readonly startFilter = new Uint8Array(32 * 128);
  /** Trie roots whose first slot is optional, a POS tag or a wildcard: tried at every token. */
  private readonly anyStart: TrieNode<T>[] = [];
  /** Phrases too long for the trie's position masks, matched one by one. */
  private readonly long: { phrase: Phrase<T>; order: number; anyStart: boolean }[] = [];
  /**
   * Words of which every phrase must match one (each phrase's anchor: a required slot of words,
   * the one whose shortest word is longest, as a guess at the rarest), or null when some phrase has
   * no required words. findAll skips the positions with no anchor word within reach.
   */
  private readonly anchors: ReadonlySet<string> | null;
  /** The most tokens a phrase can cover (one per slot). */
  private readonly longest: number;
  private bestEnd = -1;
  private bestRank = 0;
  private bestPhrase: Phrase<T> | null = null;

  constructor(phrases: readonly Phrase<T>[]) {
    this.phrases = phrases;
    const roots = new Map<string, TrieNode<T>>();
    const newNode = (slot: Slot): TrieNode<T> => ({ slot, children: [], childByKey: new Map(), ends: [] });
    phrases.forEach((phrase, order) => {
      const first = phrase.slots[0];
      const anyStart = !first || first.optional || !first.words;
      if (!first || phrase.slots.length > MAX_TRIE_SLOTS) {
        this.long.push({ phrase, order, anyStart });
        return;
      }
      const firstKey = slotKey(first);
      let node: TrieNode<T> | undefined = roots.get(firstKey);
      if (!node) {
        const root = newNode(first);
        roots.set(firstKey, root);
        if (anyStart) this.anyStart.push(root);
        else {
          for (const word of first.words!) {
            this.startFilter[startFilterIndex(word)] = 1;
            const list = this.byFirstWord.get(word);
            if (list) list.push(root);
            else this.byFirstWord.set(word, [root]);
          }
        }
        node = root;
      }
      for (let i = 1; i < phrase.slots.length; i++) {
        const slot = phrase.slots[i]!;
        const key = slotKey(slot);
        let child: TrieNode<T> | undefined = node.childByKey.get(key);
        if (!child) {
          child = newNode(slot);
          node.childByKey.set(key, child);
          node.children.push(child);
        }
        node = child;
      }
      node.ends.push({ phrase, order });
    });
    this.anchors = anchorWords(phrases);
    this.longest = phrases.reduce((most, phrase) => Math.max(most, phrase.slots.length), 0);
  }

  static of<T>(entries: Record<string, T> | [string, T][]): PhraseSet<T> {
    return new PhraseSet(compilePhrases(entries));
  }

  /**
   * The longest phrase matching at token `at` (ending at or before `limit`), or null. Of phrases
   * matching equally far, the winner is the first of: phrases whose first slot accepts the token's
   * lower-cased text, then those accepting its lemma, then those that may start anywhere, each group
   * in lexicon order (rank = group * phrases.length + order).
   */
  matchAt(tokens: readonly Token[], at: number, limit = tokens.length): PhraseMatch<T> | null {
    const token = tokens[at];
    if (!token) return null;
    this.bestEnd = -1;
    this.bestRank = 0;
    this.bestPhrase = null;
    const n = this.phrases.length;
    if (at < limit) {
      // A root found by the token's word accepts the token: the match goes on at the next token (bit 1).
      const byLower = this.startFilter[startFilterIndex(token.lower)] ? this.byFirstWord.get(token.lower) : undefined;
      if (byLower) for (const root of byLower) this.descend(root, 2, tokens, at, limit, 0);
      if (token.lemma !== token.lower && this.startFilter[startFilterIndex(token.lemma)]) {
        const byLemma = this.byFirstWord.get(token.lemma);
        // A root that also accepts the lower-cased text was walked above, with a better rank.
        if (byLemma) for (const root of byLemma) if (!root.slot.words!.has(token.lower)) this.descend(root, 2, tokens, at, limit, n);
      }
    }
    for (const root of this.anyStart) this.walk(root, 1, tokens, at, limit, 2 * n);
    for (const { phrase, order, anyStart } of this.long) {
      let group = 2;
      if (!anyStart) {
        const words = phrase.slots[0]!.words!;
        if (words.has(token.lower)) group = 0;
        else if (words.has(token.lemma)) group = 1;
        else continue;
      }
      this.consider(matchPhraseAt(phrase, tokens, at, limit), group * n + order, phrase);
    }
    const phrase = this.bestPhrase;
    return phrase ? { phrase, first: at, end: this.bestEnd } : null;
  }

  private consider(end: number, rank: number, phrase: Phrase<T>): void {
    if (end > this.bestEnd || (end === this.bestEnd && rank < this.bestRank)) {
      this.bestEnd = end;
      this.bestRank = rank;
      this.bestPhrase = phrase;
    }
  }

  /**
   * Applies `node`'s slot to the reachable positions `reach` (bit k: token at + k is where the next
   * slot starts), records the phrases ending there, and goes on to the children.
   */
  private walk(node: TrieNode<T>, reach: number, tokens: readonly Token[], at: number, limit: number, rankBase: number): void {
    const slot = node.slot;
    let next = slot.optional ? reach : 0;
    for (let bits = reach; bits !== 0; bits &= bits - 1) {
      const k = 31 - Math.clz32(bits & -bits);
      const index = at + k;
      if (index < limit && slotMatches(slot, tokens[index]!)) next |= 1 << (k + 1);
    }
    if (next !== 0) this.descend(node, next, tokens, at, limit, rankBase);
  }

  /** With `node`'s slot matched (`reach` after it, not empty): the phrases ending there, then the children. */
  private descend(node: TrieNode<T>, reach: number, tokens: readonly Token[], at: number, limit: number, rankBase: number): void {
    const ends = node.ends;
    if (ends.length) {
      const end = at + 31 - Math.clz32(reach);
      if (end > at) for (let i = 0; i < ends.length; i++) this.consider(end, rankBase + ends[i]!.order, ends[i]!.phrase);
    }
    const children = node.children;
    for (let i = 0; i < children.length; i++) this.walk(children[i]!, reach, tokens, at, limit, rankBase);
  }

  /** All matches in tokens [from, to), longest first at each position, not overlapping. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = [];
    const anchors = this.anchors;
    // The first token at or after i that holds an anchor word (to: none before `to`). A match at i
    // covers its anchor within its first `longest` tokens and ends at or before `to`.
    let anchor = -1;
    for (let i = Math.max(0, from); i < to; ) {
      if (anchors) {
        if (anchor < i) anchor = nextAnchor(anchors, tokens, i, to);
        if (anchor >= to) break;
        if (anchor - i >= this.longest) {
          i = anchor - this.longest + 1;
          continue;
        }
      }
      const hit = this.matchAt(tokens, i, to);
      if (hit) {
        found.push(hit);
        i = hit.end;
      } else i++;
    }
    return found;
  }
}
