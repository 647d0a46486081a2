// The cue lexicon (lexicons/cues.json): reporting verbs and phrases with their class and prior,
// loaded once and indexed for the cues and attributions stages. Data, not code: to add a cue,
// edit the JSON.

import { loadLexicon } from './lexicon.js';

export interface CueVerb {
  cls: string;
  /** How often this cue, with a source found, is a cue in PolNeAR train (0..1); see lexicons/cues.json. */
  prior: number;
  /** The same for statements with no source in the text. */
  priorNoSource?: number;
  /** The verb takes a hearer before its content: "told reporters that ...". */
  addressee?: boolean;
}

export interface CuePhrase {
  /** Lemmas (or lower-cased words) in order: ["accord", "to"]. */
  words: string[];
  cls: string;
  prior: number;
  priorNoSource?: number;
  /** The source follows the cue: "according to X". */
  sourceAfter?: boolean;
}

interface CueLexiconFile {
  verbs: Record<string, CueVerb>;
  phrases: CuePhrase[];
  groupWords: string[];
  evidentialIn?: string[];
}

export interface CueLexicon {
  verbs: ReadonlyMap<string, CueVerb>;
  /** Phrases indexed by their first word, longest first. */
  phrasesByFirst: ReadonlyMap<string, readonly CuePhrase[]>;
  /** Phrases by their joined words ("accord to"), as Cue.lemma records them. */
  phrasesByLemma: ReadonlyMap<string, CuePhrase>;
  groupWords: ReadonlySet<string>;
  /** Nouns that make "in" an evidential cue: "In a CNN poll, …". */
  evidentialIn: ReadonlySet<string>;
  /** Regular inflections of the verbs ("alleged", "states", "answering") to their lemma. */
  verbForms: ReadonlyMap<string, string>;
}

/** The regular forms of a verb lemma: -s/-es, -ed/-d, -ing (with a final e dropped). */
export function regularForms(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  return [lemma + 's', lemma + 'es', lemma + 'ed', lemma + 'd', lemma + 'ing', stem + 'ing', stem + 'ed'];
}

let cached: CueLexicon | null = null;

/** The cue lexicon, parsed and indexed once. */
export function cueLexicon(): CueLexicon {
  if (cached) return cached;
  const file = loadLexicon<CueLexiconFile>('cues');
  const verbs = new Map(Object.entries(file.verbs ?? {}));
  const phrasesByFirst = new Map<string, CuePhrase[]>();
  const phrasesByLemma = new Map<string, CuePhrase>();
  for (const phrase of file.phrases ?? []) {
    if (!phrase.words.length) continue;
    const list = phrasesByFirst.get(phrase.words[0]!) ?? [];
    list.push(phrase);
    phrasesByFirst.set(phrase.words[0]!, list);
    phrasesByLemma.set(phrase.words.join(' '), phrase);
  }
  for (const list of phrasesByFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const verbForms = new Map<string, string>();
  for (const lemma of verbs.keys()) for (const form of regularForms(lemma)) if (!verbs.has(form) && !verbForms.has(form)) verbForms.set(form, lemma);
  cached = { verbs, phrasesByFirst, phrasesByLemma, groupWords: new Set(file.groupWords ?? []), evidentialIn: new Set(file.evidentialIn ?? []), verbForms };
  return cached;
}
