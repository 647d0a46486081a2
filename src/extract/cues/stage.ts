// Stage "cues": cue candidates (doc.cues), the places where an attribution may be anchored:
// reporting verbs and phrases from lexicons/cues.json ("said", "according to", "pointed to",
// "avoided answering"), checked by part of speech so that "claims" as a noun or "states" as a
// noun is not taken for a verb. The cue span takes in the auxiliaries, negation and adverbs right
// before the verb ("has said", "didn’t say", "also told"), as PolNeAR annotates cues.

import type { Cue, Doc, Token } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import { cueLexicon, type CueLexicon, type CuePhrase } from '../../nlp/cue-lexicon.js';
import { isSayConnective } from '../../nlp/discourse-connectives.js';

const VERBAL = new Set(['VERB', 'AUX']);
/**
 * "according" opens a phrase cue whatever its tag. A set rather than a comparison: token strings
 * are internalized or not depending on the word, and a comparison compiled for the one kind
 * deoptimised findCues on the other ('wrong instance type').
 */
const ACCORDING = new Set(['according']);
/** Forms of "say" that the tagger sometimes takes for nouns in headlines ("Trump Says ..."). */
const SAY_FORMS = new Set(['said', 'says']);
/** The lemma "ask" (see ACCORDING: a comparison with it deoptimised findCues, 'wrong instance type'). */
const ASK = new Set(['ask']);

/** A phrase word matches a token by lemma or by a regular inflection ("answering" for "answer"). */
function wordMatches(token: Token, word: string): boolean {
  const w = token.lower;
  if (token.lemma === word || w === word) return true;
  if (!w.startsWith(word.endsWith('e') ? word.slice(0, -1) : word)) return false;
  const stem = word.endsWith('e') ? word.slice(0, -1) : word;
  const rest = w.slice(stem.length);
  return rest === 'ing' || rest === 'ed' || rest === 'es' || rest === 's' || (word.endsWith('e') && (rest === 'e' || rest === 'ed' || rest === 'es'));
}

/** Tokens the tagger may mistake for nouns or adjectives while they are cue verbs in context. */
const NOUN_FRAME_NEXT = new Set(['ADP', 'DET', 'PROPN', 'NUM', 'NOUN', 'ADJ']);

/**
 * Whether a cue lemma's token that the tagger did not call a verb is one all the same: "have
 * alleged" (tagged ADJ), "the accord ... states in Article 4 that" (tagged NOUN). A noun after a
 * determiner or possessive ("his claims that") stays a noun.
 */
function verbInContext(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const previous = i > 0 ? tokens[i - 1]! : null;
  if (t.pos === 'ADJ' && /ed$/.test(t.lower)) return previous !== null && (previous.lemma === 'have' || previous.lower === "n't" || previous.lower === 'not');
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return false;
  // "the reports show …", "polls suggest …": a plural subject before a base form.
  if (previous && (previous.pos === 'NOUN' || previous.pos === 'PROPN') && /[^s]s$/.test(previous.lower) && !/s$/.test(t.lower)) {
    const next = i + 1 < tokens.length ? tokens[i + 1]! : null;
    return next === null || next.sentence !== t.sentence || next.lower === 'that' || ['DET', 'PROPN', 'PRON', 'NUM', 'PUNCT'].includes(next.pos);
  }
  if (!/(s|ed)$/.test(t.lower)) return false;
  if (previous && (previous.pos === 'DET' || previous.pos === 'ADJ' || previous.pos === 'PRON' || previous.pos === 'PART' || previous.pos === 'ADP' || previous.pos === 'NUM')) return false;
  for (let k = i + 1; k < tokens.length && k - i <= 5 && tokens[k]!.sentence === t.sentence; k++) {
    const next = tokens[k]!;
    if (next.lower === 'that') return true;
    if (next.text === ':') return k === i + 1;
    if (!NOUN_FRAME_NEXT.has(next.pos)) return false;
  }
  return false;
}

/** Extends a cue back over auxiliaries, negation and adverbs in the same sentence ("has not said"). */
function groupStart(tokens: readonly Token[], head: number, lexicon: CueLexicon): number {
  let first = head;
  const sentence = tokens[head]!.sentence;
  for (let i = head - 1; i >= 0 && head - i <= 4; i--) {
    const t = tokens[i]!;
    if (t.sentence !== sentence || !lexicon.groupWords.has(t.lower)) break;
    first = i;
  }
  // Never start a cue on an adverb that is not followed by the verb group ("Still, he said").
  return first;
}

const STEMMABLE_POS = new Set(['VERB', 'AUX', 'NOUN', 'PROPN', 'ADJ']);

/** The lexicon lemma of a token: its tagger lemma, or its form without a regular ending ("alleged"). */
function verbLemma(token: Token, lexicon: CueLexicon): string | null {
  if (lexicon.verbs.has(token.lemma)) return token.lemma;
  // Only words the tagger may have mislabelled are worth a second look.
  if (!STEMMABLE_POS.has(token.pos)) return null;
  return lexicon.verbForms.get(token.lower) ?? null;
}

/**
 * Every word that may start a cue: the phrases' first words, the verb lemmas and their regular
 * forms, and "in". A token whose lemma and lower case are both outside it starts no cue, which
 * settles most tokens with two lookups instead of five. Built once per lexicon.
 */
const cueStarts = new WeakMap<CueLexicon, ReadonlySet<string>>();

function cueStartWords(lexicon: CueLexicon): ReadonlySet<string> {
  let words = cueStarts.get(lexicon);
  if (!words) {
    words = new Set<string>(['in', ...lexicon.phrasesByFirst.keys(), ...lexicon.verbs.keys(), ...lexicon.verbForms.keys()]);
    cueStarts.set(lexicon, words);
  }
  return words;
}

export function findCues(doc: Doc, lexicon: CueLexicon = cueLexicon()): Cue[] {
  const tokens = doc.tokens;
  const starts = cueStartWords(lexicon);
  const cues: Cue[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!starts.has(token.lemma) && !starts.has(token.lower)) continue;
    // "That said, …", "Needless to say": a connective, nobody speaks (discourse-connectives.ts).
    if (isSayConnective(tokens, i)) continue;
    const phrases = lexicon.phrasesByFirst.get(token.lemma) ?? lexicon.phrasesByFirst.get(token.lower);
    let cue = phrases && (VERBAL.has(token.pos) || ACCORDING.has(token.lower)) ? phraseCueAt(tokens, i, phrases, lexicon) : null;
    if (!cue) {
      const opensSentence = i === 0 || tokens[i - 1]!.sentence !== token.sentence;
      cue = token.lower === 'in' && token.pos === 'ADP' && opensSentence ? evidentialInCue(tokens, i, lexicon) : verbCueAt(tokens, i, lexicon);
    }
    // One push and one skip for every kind of cue (a verb's or an "in"'s ends at i + 1, so the skip
    // leaves i as it is): a push or a load first reached in optimised code, as the phrase cue's was
    // when it had its own, deoptimised findCues.
    if (cue) {
      cues.push(cue);
      i = cue.endToken - 1;
    }
  }
  return cues;
}

/** The cue of the longest phrase that starts at token i ("according to", "pointed to"), or null. */
function phraseCueAt(tokens: readonly Token[], i: number, phrases: readonly CuePhrase[], lexicon: CueLexicon): Cue | null {
  const token = tokens[i]!;
  for (const phrase of phrases) {
    const n = phrase.words.length;
    if (i + n > tokens.length) continue;
    let ok = true;
    for (let k = 1; k < n && ok; k++) ok = wordMatches(tokens[i + k]!, phrase.words[k]!) && tokens[i + k]!.sentence === token.sentence;
    if (!ok) continue;
    const first = phrase.sourceAfter ? i : groupStart(tokens, i, lexicon);
    return { start: tokens[first]!.start, end: tokens[i + n - 1]!.end, lemma: phrase.words.join(' '), firstToken: first, endToken: i + n, cls: phrase.cls, score: phrase.prior };
  }
  return null;
}

/**
 * "In a CNN national poll, Clinton held …": "in" opening a sentence (token i) before a poll or
 * survey reports like "according to".
 */
function evidentialInCue(tokens: readonly Token[], i: number, lexicon: CueLexicon): Cue | null {
  const token = tokens[i]!;
  for (let k = i + 1; k < tokens.length && k - i <= 8 && tokens[k]!.sentence === token.sentence; k++) {
    const t = tokens[k]!;
    if (t.pos === 'NOUN' && lexicon.evidentialIn.has(t.lower)) return { start: token.start, end: token.end, lemma: 'in', firstToken: i, endToken: i + 1, cls: 'evidential', score: 0.6 };
    if (!(t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'NUM' || t.text === '-' || t.text === '/' || t.pos === 'PART' || t.text === "'s" || t.text === '’s')) break;
  }
  return null;
}

/** The cue of a reporting verb at token i ("said", "has not alleged"), or null. */
function verbCueAt(tokens: readonly Token[], i: number, lexicon: CueLexicon): Cue | null {
  const token = tokens[i]!;
  const lemma = verbLemma(token, lexicon);
  const verb = lemma === null ? undefined : lexicon.verbs.get(lemma);
  if (!verb || lemma === null) return null;
  if (modifiesNoun(tokens, i, lemma)) return null;
  const tagged = VERBAL.has(token.pos) || (SAY_FORMS.has(token.lower) && token.lemma === 'say');
  if (!tagged && !verbInContext(tokens, i)) return null;
  const first = groupStart(tokens, i, lexicon);
  // One load of the prior for every verb cue: the lexicon's verb entries have five shapes, and a
  // load that only untagged verbs reached met a new one in optimised code ('wrong map').
  const prior = verb.prior;
  let score = tagged ? prior : prior * 0.9;
  // The floor is compared for every verb cue, not only after the rare sentence-initial "Asked", so
  // that V8 has seen the comparison before it optimises findCues (which inlines this).
  const floor = ASK.has(lemma) && opensWithAsked(tokens, i) ? 0.8 : 0;
  if (score < floor) score = floor;
  return { start: tokens[first]!.start, end: token.end, lemma, firstToken: first, endToken: i + 1, cls: verb.cls, score };
}

/**
 * "758 pledged delegates", "the expected result": a participle before a noun modifies it; "a
 * company called Cambridge Analytica", "a play called “Sons of Trump”": naming, not speaking.
 */
function modifiesNoun(tokens: readonly Token[], i: number, lemma: string): boolean {
  const token = tokens[i]!;
  const before = i > 0 ? tokens[i - 1]! : null;
  const after = i + 1 < tokens.length ? tokens[i + 1]! : null;
  if (!before || !after || !/ed$/.test(token.lower)) return false;
  if ((before.pos === 'DET' || before.pos === 'NUM' || before.pos === 'ADJ') && (after.pos === 'NOUN' || after.pos === 'PROPN')) return true;
  // All three tests are made for every participle that gets here, not only when the earlier ones
  // hold, so that V8 has seen each of them before it optimises findCues (which inlines this): a
  // test first reached in optimised code deoptimises it, and findCues was recompiled three times
  // over the BBC set for this rule when it short-circuited on the (rare) naming verb.
  const nounBefore = before.pos === 'NOUN';
  const nameAfter = after.pos === 'PROPN' || NAME_QUOTES.has(after.text);
  const naming = NAMING_VERBS.has(lemma);
  return nounBefore && nameAfter && naming;
}

/** Verbs that name rather than report after a noun ("a company called …"). */
const NAMING_VERBS = new Set(['call', 'name', 'title', 'dub']);
/** Quotation marks that open a name after a naming verb ("a play called “Sons of Trump”"). */
const NAME_QUOTES = new Set(['“', '"']);

/** "Asked whether …, 75 percent said": a sentence-initial "Asked" (or "When asked") frames a question. */
function opensWithAsked(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  return token.lower === 'asked' && (i === 0 || tokens[i - 1]!.sentence !== token.sentence || tokens[i - 1]!.lower === 'when');
}

/** Headline labels that a colon follows without anyone speaking ("UPDATE: …", "Watch: …"). */
const NOT_A_SPEAKER = new Set(['update', 'updated', 'note', 'watch', 'video', 'photo', 'photos', 'related', 'read', 'breaking', 'exclusive', 'live', 'opinion', 'analysis', 'editorial', 'correction', 'source', 'sources', 'editor', "editor's", 'q', 'a', 'listen', 'see', 'also', 'more', 'tags', 'topics', 'by', 'posted', 'filed', 'share', 'advertisement', 'latest', 'notice', 'conclusion', 'trend', 'issue', 'reminder', 'name', 'age', 'city', 'job', 'pay', 'question', 'answer', 'line', 'key', 'fact', 'facts', 'grandkids', 'paid', 'deaths', 'transcript', 'quote', 'poll']);
const NAME_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'DET']);

/**
 * The headline colon: "Trump: ‘I’m the Worst Thing …’", "NY Daily News: Paris Terror Attacks …".
 * A paragraph that opens with a short name, a colon and a statement attributes it to the name.
 */
function headlineColon(doc: Doc, paragraphFirst: number, paragraphEnd: number): Cue | null {
  const tokens = doc.tokens;
  for (let i = paragraphFirst + 1; i < paragraphEnd && i - paragraphFirst <= 5; i++) {
    const t = tokens[i]!;
    if (t.text !== ':') {
      if (!(NAME_POS.has(t.pos) || t.text === '.' || t.text === '-') || NOT_A_SPEAKER.has(t.lower)) return null;
      continue;
    }
    const name = tokens.slice(paragraphFirst, i);
    if (!name.some((n) => n.pos === 'PROPN' || n.pos === 'NOUN')) return null;
    // All-capital datelines ("WASHINGTON:") and one-letter labels are not speakers.
    if (name.every((n) => n.text === n.text.toUpperCase())) return null;
    if (paragraphEnd - i < 4) return null;
    // A statement has a verb; a list of names after a label ("Iowa: Tim Albrecht, …") has none.
    let verb = false;
    for (let k = i + 1; k < paragraphEnd && !verb; k++) verb = tokens[k]!.pos === 'VERB' || tokens[k]!.pos === 'AUX';
    if (!verb) return null;
    return { start: t.start, end: t.end, lemma: ':', firstToken: i, endToken: i + 1, cls: 'speech', score: 0.6 };
  }
  return null;
}

/** The headline colons of the document: one candidate at most per paragraph, in paragraph order. */
function headlineColons(doc: Doc): Cue[] {
  const tokens = doc.tokens;
  const colons: Cue[] = [];
  let t = 0;
  for (const paragraph of doc.paragraphs) {
    while (t < tokens.length && tokens[t]!.end <= paragraph.start) t++;
    let end = t;
    while (end < tokens.length && tokens[end]!.start < paragraph.end) end++;
    const colon = headlineColon(doc, t, end);
    if (colon) colons.push(colon);
    t = end;
  }
  return colons;
}

export const cuesStage: Stage = {
  name: 'cues',
  requires: ['tokens', 'sentences'],
  provides: ['cues'],
  run(doc: Doc) {
    const cues = findCues(doc);
    // Headline colons, merged in text order.
    for (const colon of headlineColons(doc)) cues.push(colon);
    cues.sort((a, b) => a.start - b.start || a.end - b.end);
    doc.cues = cues;
  },
};
