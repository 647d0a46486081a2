import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Token } from '../core/doc.js';
import { compilePhrases, matchPhraseAt, type Phrase, PhraseSet } from './phrases.js';

function tok(text: string, index: number, lemma = text.toLowerCase(), pos = 'NOUN'): Token {
  return { index, start: index * 10, end: index * 10 + text.length, text, lower: text.toLowerCase(), lemma, pos, sentence: 0, paragraph: 0 };
}

/** The set's answer as plain matching defines it: every candidate phrase tried in rank order, the first of the longest wins. */
function reference<T>(phrases: readonly Phrase<T>[], tokens: readonly Token[], at: number, limit: number): { phrase: Phrase<T>; end: number } | null {
  const token = tokens[at];
  if (!token) return null;
  const accepts = (p: Phrase<T>, word: string): boolean => {
    const first = p.slots[0];
    return Boolean(first && !first.optional && first.words && first.words.has(word));
  };
  const anyStart = (p: Phrase<T>): boolean => {
    const first = p.slots[0];
    return !first || first.optional || !first.words;
  };
  const ordered = [
    ...phrases.filter((p) => accepts(p, token.lower)),
    ...(token.lemma !== token.lower ? phrases.filter((p) => accepts(p, token.lemma)) : []),
    ...phrases.filter(anyStart),
  ];
  let best: { phrase: Phrase<T>; end: number } | null = null;
  for (const phrase of ordered) {
    const end = matchPhraseAt(phrase, tokens, at, limit);
    if (end > (best?.end ?? -1)) best = { phrase, end };
  }
  return best;
}

test('the longest phrase wins; among equally long ones, the first in the lexicon', () => {
  const set = PhraseSet.of<string>([
    ['in a|an statement', 'short'],
    ['in a|an <ADJ>? statement', 'with adjective'],
    ['in a statement *? to', 'to'],
    ['in a statement', 'duplicate'],
  ]);
  const tokens = ['In', 'a', 'statement', 'to', 'reporters'].map((w, i) => tok(w, i, undefined, i === 3 ? 'ADP' : 'NOUN'));
  assert.deepEqual(set.findAll(tokens).map((m) => [m.phrase.value, m.first, m.end]), [['to', 0, 4]]);
  assert.deepEqual(set.matchAt(tokens, 0, 3)?.phrase.value, 'short');
  const adjective = ['in', 'a', 'brief', 'statement'].map((w, i) => tok(w, i, undefined, i === 2 ? 'ADJ' : 'NOUN'));
  assert.equal(set.matchAt(adjective, 0)?.phrase.value, 'with adjective');
  assert.equal(set.matchAt(adjective, 1), null);
});

test('a phrase can start at a token by its lemma ("declined to comment" for "decline to comment")', () => {
  const set = PhraseSet.of<string>([['decline to comment|say', 'refusal']]);
  const tokens = [tok('declined', 0, 'decline', 'VERB'), tok('to', 1), tok('comment', 2)];
  assert.deepEqual(set.matchAt(tokens, 0), { phrase: set.phrases[0], first: 0, end: 3 });
});

test('slots that merely print alike are not shared ("b?|a" is two words, "a|b?" an optional slot)', () => {
  const set = PhraseSet.of<string>([
    ['b?|a x', 'words'],
    ['a|b? x', 'optional'],
  ]);
  const tokens = [tok('x', 0)];
  assert.equal(set.matchAt(tokens, 0)?.phrase.value, 'optional');
  assert.equal(set.matchAt([tok('b?', 0), tok('x', 1)], 0)?.phrase.value, 'words');
});

test('the trie gives the same match as trying every phrase in turn (random phrases and texts)', () => {
  const words = ['a', 'an', 'the', 'in', 'on', 'said', 'say', 'statement', 'to', '.'];
  const pos = ['NOUN', 'VERB', 'DET', 'ADP', 'PUNCT'];
  const slot = fc.oneof(
    fc.subarray(words, { minLength: 1, maxLength: 3 }).map((ws) => ws.join('|')),
    fc.subarray(pos, { minLength: 1, maxLength: 2 }).map((ps) => `<${ps.join('|')}>`),
    fc.constant('*'),
  );
  const pattern = fc.array(fc.tuple(slot, fc.boolean()), { minLength: 1, maxLength: 6 }).map((slots) => slots.map(([s, optional]) => (optional ? `${s}?` : s)).join(' '));
  const token = fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words), fc.constantFrom(...pos));
  fc.assert(
    fc.property(fc.array(pattern, { minLength: 1, maxLength: 12 }), fc.array(token, { minLength: 1, maxLength: 14 }), fc.nat(20), (patterns, raw, cut) => {
      const phrases = compilePhrases(patterns.map((p, i): [string, number] => [p, i]));
      const set = new PhraseSet(phrases);
      const tokens = raw.map(([text, lemma, p], i) => tok(text, i, lemma, p));
      const limit = Math.min(tokens.length, cut);
      for (let at = 0; at < tokens.length; at++) {
        const want = reference(phrases, tokens, at, limit);
        const got = set.matchAt(tokens, at, limit);
        assert.deepEqual(got && { phrase: got.phrase, end: got.end }, want, `patterns ${JSON.stringify(patterns)} at ${at} limit ${limit}`);
      }
    }),
    { numRuns: 400, seed: 20261127 },
  );
});

test('findAll, which skips positions without an anchor word in reach, finds what matchAt finds at every position', () => {
  const words = ['a', 'an', 'the', 'in', 'on', 'said', 'say', 'statement', 'to', '.'];
  const pos = ['NOUN', 'VERB', 'DET', 'ADP', 'PUNCT'];
  const wordSlot = fc.subarray(words, { minLength: 1, maxLength: 3 }).map((ws) => ws.join('|'));
  const slot = fc.oneof(wordSlot, fc.subarray(pos, { minLength: 1, maxLength: 2 }).map((ps) => `<${ps.join('|')}>`), fc.constant('*'));
  const slots = fc.array(fc.tuple(slot, fc.boolean()), { minLength: 0, maxLength: 5 }).map((list) => list.map(([s, optional]) => (optional ? `${s}?` : s)));
  // Every pattern has a required word slot somewhere, so that the set has anchors.
  const pattern = fc.tuple(slots, wordSlot, fc.nat(5)).map(([list, required, at]) => [...list.slice(0, at), required, ...list.slice(at)].join(' '));
  const token = fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words), fc.constantFrom(...pos));
  fc.assert(
    fc.property(fc.array(pattern, { minLength: 1, maxLength: 8 }), fc.array(token, { minLength: 1, maxLength: 30 }), fc.nat(30), fc.nat(30), (patterns, raw, a, b) => {
      const set = PhraseSet.of(patterns.map((p, i): [string, number] => [p, i]));
      const tokens = raw.map(([text, lemma, p], i) => tok(text, i, lemma, p));
      const from = Math.min(a, b), to = Math.min(tokens.length, Math.max(a, b));
      const want: { first: number; end: number; source: string }[] = [];
      for (let i = from; i < to; ) {
        const hit = set.matchAt(tokens, i, to);
        if (hit) want.push({ first: hit.first, end: hit.end, source: hit.phrase.source });
        i = hit ? hit.end : i + 1;
      }
      const got = set.findAll(tokens, from, to).map((hit) => ({ first: hit.first, end: hit.end, source: hit.phrase.source }));
      assert.deepEqual(got, want, `patterns ${JSON.stringify(patterns)} from ${from} to ${to}`);
    }),
    { numRuns: 400, seed: 20261127 },
  );
});

test('findAll with an end past the last token reads no token beyond it', () => {
  const set = PhraseSet.of<string>([['decline to comment', 'evade']]);
  const tokens = ['She', 'declined', 'to', 'comment'].map((w, i) => tok(w, i, w === 'declined' ? 'decline' : w.toLowerCase()));
  assert.deepEqual(set.findAll(tokens, 0, tokens.length + 5), set.findAll(tokens));
  assert.deepEqual(set.findAll(tokens.slice(0, 1), 0, 9), []);
});
