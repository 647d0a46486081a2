// Discourse connectives built on "say" and "speak": "That said, …", "Having said that, …", "That
// being said, …", "With all that said, …", "Needless to say, …", "Suffice it to say, …", "that is
// to say", "so to speak". They concede, rephrase or hedge; nobody is quoted, so the verb is no cue.
// The rule cue stage (extract/cues/stage.ts) asks `isSayConnective` about each token it would take
// for a cue, and the learned stage (extract/learned/stage.ts) asks `runHasSayConnective` about each
// cue of the model's; the module lives here because stages do not import each other.
// Hand-written: a handful of fixed expressions over the tokens stage's lower-case forms; PolNeAR
// train holds 5 sentence-initial "That said," of which annotators took one for a cue.

import type { Token } from '../core/doc.js';

/** The forms of "say" and "speak" that open or close these expressions. */
const SAY_FORMS = new Set(['said', 'say', 'speak']);
/** Words that may come before a sentence-initial "that said" ("All that said", "But with that said"). */
const LEAD_INS = new Set(['all', 'with', 'but', 'and', 'so', 'still', 'yet', 'now', '(', '—', '–', '-']);
const DEMONSTRATIVES = new Set(['that', 'this']);
/** Punctuation that ends the connective ("That said, …", "That said — …", "(That said: …"). */
const CLOSERS = new Set([',', '—', '–', ':', ';']);

/** Token i's lower-case form, or '' outside the tokens or the sentence. */
function word(tokens: readonly Token[], i: number, sentence: number): string {
  const t = i >= 0 && i < tokens.length ? tokens[i]! : null;
  return t !== null && t.sentence === sentence ? t.lower : '';
}

/** Whether tokens first .. i-1 are nothing but lead-ins from the start of the sentence. */
function opensSentence(tokens: readonly Token[], first: number, sentence: number): boolean {
  let k = first - 1;
  while (k >= 0 && tokens[k]!.sentence === sentence && LEAD_INS.has(tokens[k]!.lower)) k--;
  return k < 0 || tokens[k]!.sentence !== sentence;
}

/** Whether token i ("said", "say", "speak") is part of a connective rather than a report. */
export function isSayConnective(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  if (!t || !SAY_FORMS.has(t.lower)) return false;
  const s = t.sentence;
  const w = (k: number): string => word(tokens, i + k, s);
  if (t.lower === 'said') {
    // "Having said that," / "Having said all that,"
    if (w(-1) === 'having' && opensSentence(tokens, i - 1, s)) {
      const object = w(1) === 'all' ? 2 : 1;
      if (DEMONSTRATIVES.has(w(object)) && (CLOSERS.has(w(object + 1)) || w(object + 1) === '')) return true;
    }
    // "That said," / "That being said," / "That having been said," / "With all that said,"
    let d = -1;
    if (w(-1) === 'being') d = -2;
    else if (w(-1) === 'been' && w(-2) === 'having') d = -3;
    if (DEMONSTRATIVES.has(w(d)) && CLOSERS.has(w(1)) && opensSentence(tokens, i + d, s)) return true;
    return false;
  }
  if (t.lower === 'say') {
    // "Needless to say", "Suffice it to say", "Suffice to say", "that is to say"
    if (w(-1) !== 'to') return false;
    if (w(-2) === 'needless') return true;
    if (w(-2) === 'suffice' || (w(-2) === 'it' && w(-3) === 'suffice')) return true;
    return w(-2) === 'is' && w(-3) === 'that';
  }
  // "so to speak"
  return w(-1) === 'to' && w(-2) === 'so';
}

/** Whether any token of first .. end-1 is such a connective (a cue run of the model). */
export function runHasSayConnective(tokens: readonly Token[], first: number, end: number): boolean {
  for (let i = first; i < end; i++) if (SAY_FORMS.has(tokens[i]!.lower) && isSayConnective(tokens, i)) return true;
  return false;
}
