// Stage "acts": what each statement does — assert, allege ("alleged", "claimed"), deny ("denied",
// "rejected", "called … a lie", content such as "the claim is a lie"), evade ("avoided
// answering", "didn't say whether", "declined to comment"), promise ("vowed"), warn, refer
// ("pointed to", "cited") or other (questions, appeals, beliefs). Negation is read before and
// inside the cue: "did not deny" is no denial, "did not say whether" is an evasion.
// Words and patterns are data in lexicons/acts.json.

import type { Doc, Token } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import { type Act, ACTS, type Statement } from '../../core/model.js';
import { loadLexicon } from '../../nlp/lexicon.js';
import { PhraseSet } from '../../nlp/phrases.js';

interface ActsLexicon {
  cueWords: Record<string, string>;
  phrases: Record<string, string>;
  negated: Record<string, string>;
  negators: string[];
  skipBeforeCue: string[];
  evasiveContentStarts: string[];
  evasiveCueWords: string[];
  characterisingCues: string[];
  judgements: string[];
  contentDenialStarts: string[];
  claimNouns: string[];
  demonstratives: string[];
  objectSensitiveDenials: string[];
  evasiveWhenNegated: string[];
  denyRefusalObjects: string[];
}

const lexicon = loadLexicon<ActsLexicon>('acts');
const ACT_SET = new Set<string>(ACTS);
const asAct = (value: string | undefined): Act | null => (value && ACT_SET.has(value) ? (value as Act) : null);

const PHRASES = PhraseSet.of<Act>(Object.entries(lexicon.phrases).map(([p, a]) => [p, asAct(a) ?? 'other'] as [string, Act]));
const CUE_PHRASES = PhraseSet.of<Act>(
  Object.entries(lexicon.cueWords)
    .filter(([w]) => w.includes(' '))
    .map(([w, a]) => [w, asAct(a) ?? 'other'] as [string, Act]),
);
const CUE_WORDS = new Map<string, Act>();
for (const [w, a] of Object.entries(lexicon.cueWords)) if (!w.includes(' ')) CUE_WORDS.set(w, asAct(a) ?? 'other');
const NEGATORS = new Set(lexicon.negators);
const SKIP_BEFORE = new Set(lexicon.skipBeforeCue);
const EVASIVE_STARTS = new Set(lexicon.evasiveContentStarts);
const EVASIVE_CUES = new Set(lexicon.evasiveCueWords);
const CHARACTERISING = new Set(lexicon.characterisingCues);
const CLAIM_NOUNS = new Set(lexicon.claimNouns);
const DEMONSTRATIVES = new Set(lexicon.demonstratives);
const OBJECT_SENSITIVE = new Set(lexicon.objectSensitiveDenials);
const SPEECH_WHEN_NEGATED = new Set(lexicon.evasiveWhenNegated);
const REFUSAL_OBJECTS = new Set(lexicon.denyRefusalObjects);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const JUDGEMENT = new RegExp(`(?:^|[^\\p{L}])(?:${lexicon.judgements.map(escape).join('|')})(?![\\p{L}])`, 'u');
const DENIAL_STARTS = lexicon.contentDenialStarts.map((s) => s.toLowerCase());
/**
 * The first words of the denial starts ("there", "it", "nothing"), or null when one of them is a
 * single word. When every start has two words or more, a content whose first word (a token with no
 * space in it) is none of these opens with no denial start, and its opening need not be joined.
 */
const DENIAL_FIRST_WORDS = DENIAL_STARTS.every((s) => s.includes(' ')) ? new Set(DENIAL_STARTS.map((s) => s.slice(0, s.indexOf(' ')))) : null;

/**
 * The lemma "deny", as a set rather than a comparison: token strings are internalized or not
 * depending on the word, and a comparison compiled for the one kind deoptimised actOf on the other
 * ('wrong instance type').
 */
const DENY = new Set(['deny']);

const QUOTE_MARKS = new Set(['"', '“', '”', '‘', '’', "'", '«', '»']);

/** Lower-cased words of tokens [from, to), quote marks dropped, joined by spaces. */
function words(tokens: readonly Token[], from: number, to: number): string {
  const out: string[] = [];
  for (let i = Math.max(0, from); i < to && i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' && QUOTE_MARKS.has(t.text)) continue;
    out.push(t.lower);
  }
  return out.join(' ');
}

/** Whether the words of tokens [from, to) (as `words` joins them) may open with a denial start. */
function mayOpenWithDenial(tokens: readonly Token[], from: number, to: number): boolean {
  if (!DENIAL_FIRST_WORDS) return true;
  for (let i = Math.max(0, from); i < to && i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.pos === 'PUNCT' && QUOTE_MARKS.has(t.text)) continue;
    return t.lower.includes(' ') || DENIAL_FIRST_WORDS.has(t.lower);
  }
  return false;
}

/** Token range [first, end) covered by a span. */
function tokenRange(doc: Doc, start: number, end: number): [number, number] {
  const first = doc.tokenFrom(start);
  let last = first;
  while (last < doc.tokens.length && doc.tokens[last]!.start < end) last++;
  return [first, last];
}

/** True when a content span reads as a denial: "the claim is a lie", "it is not true that …". */
export function contentDenies(doc: Doc, statement: Statement): boolean {
  const tokens = doc.tokens;
  for (const c of statement.content) {
    const [first, end] = tokenRange(doc, c.start, c.end);
    const openingEnd = Math.min(end, first + 8);
    if (mayOpenWithDenial(tokens, first, openingEnd)) {
      const opening = words(tokens, first, openingEnd);
      if (DENIAL_STARTS.some((s) => opening.startsWith(s))) return true;
    }
    for (let p = first; p < end && p < first + 14; p++) {
      const t = tokens[p]!;
      if (t.lemma !== 'be') continue;
      let subject = false;
      for (let q = Math.max(first, p - 8); q < p; q++) {
        if (CLAIM_NOUNS.has(tokens[q]!.lower) || DEMONSTRATIVES.has(tokens[q]!.lower)) subject = true;
      }
      if (subject && JUDGEMENT.test(words(tokens, p + 1, Math.min(end, p + 7)))) return true;
    }
  }
  return false;
}

/** Whether what a "reject"/"dismiss" cue takes is a claim ("the report", "suggestions that …") or is judged ("as groundless"). */
function deniesAClaim(doc: Doc, statement: Statement, cueEnd: number, sentenceEnd: number): boolean {
  const tokens = doc.tokens;
  // The object: after the cue, or the content wherever it stands ("This argument was rejected by …").
  const starts = [cueEnd, ...statement.content.map((c) => doc.tokenFrom(c.start))];
  // A passive cue ("This argument was rejected by …") has its object before it.
  const cueFirst = doc.tokenFrom(statement.cue.start);
  if (tokens.slice(cueFirst, cueEnd).some((t) => t.lemma === 'be')) starts.push(Math.max(tokens[cueFirst]!.sentence >= 0 ? doc.sentences[tokens[cueFirst]!.sentence]!.firstToken : 0, cueFirst - 5));
  for (const first of starts) {
    for (let i = first; i < Math.min(tokens.length, first + 5); i++) {
      const t = tokens[i]!;
      if (t.sentence !== tokens[first]!.sentence) break;
      if (CLAIM_NOUNS.has(t.lower) || (i === first && t.lower === 'that')) return true;
    }
  }
  // "dismissed … as meaningless": rejected by a judgement, whatever the words.
  for (let i = cueEnd; i < Math.min(sentenceEnd, cueEnd + 10); i++) {
    const t = tokens[i]!;
    if (t.lower === 'as' && tokens[i + 1] && (tokens[i + 1]!.pos === 'ADJ' || tokens[i + 1]!.pos === 'DET' || tokens[i + 1]!.pos === 'ADV')) return true;
    if (t.pos === 'PUNCT' && t.text !== "'" && t.text !== '’') break;
  }
  return JUDGEMENT.test(words(tokens, cueEnd, Math.min(sentenceEnd, cueEnd + 14)));
}

/** "denied funding", "denied him bail": a refusal, not a denial. */
function refuses(doc: Doc, statement: Statement, cueEnd: number): boolean {
  const tokens = doc.tokens;
  const first = statement.content[0] ? Math.max(cueEnd, doc.tokenFrom(statement.content[0].start)) : cueEnd;
  for (let i = first; i < Math.min(tokens.length, first + 3); i++) {
    const t = tokens[i]!;
    if (t.pos === 'PRON' && i === first) continue;
    if ((t.pos === 'NOUN' || t.pos === 'DET') && REFUSAL_OBJECTS.has(t.lower)) {
      // "denied a request", but not "denied a report": look at the noun after a determiner.
      if (t.pos === 'DET') continue;
      return true;
    }
    if (t.pos !== 'DET' && t.pos !== 'ADJ') return false;
  }
  return false;
}

/** True when a negator stands just before the cue (skipping auxiliaries and adverbs) or inside it. */
function negated(tokens: readonly Token[], cueFirst: number, cueEnd: number, sentenceFirst: number): boolean {
  for (let i = cueFirst; i < cueEnd; i++) if (NEGATORS.has(tokens[i]!.lower) || NEGATORS.has(tokens[i]!.lemma)) return true;
  // Up to five tokens before the cue, within the sentence. The index steps down at the top of the
  // loop, where every call passes, not in a loop update that only a skipped word reaches: an
  // operation first reached in optimised code deoptimises it (and actOf, which inlines this).
  const stop = Math.max(sentenceFirst, cueFirst - 5);
  for (let i = cueFirst; i > stop; ) {
    i--;
    const t = tokens[i]!;
    if (NEGATORS.has(t.lower) || t.lemma === 'not') return true;
    if (!SKIP_BEFORE.has(t.lower) && !SKIP_BEFORE.has(t.lemma)) return false;
  }
  return false;
}

/** The act a cue word or phrase names, or null ("said" names none: assert by default). */
function cueAct(tokens: readonly Token[], cueFirst: number, cueEnd: number): Act | null {
  const phrase = CUE_PHRASES.findAll(tokens, cueFirst, Math.min(tokens.length, cueEnd + 1))[0];
  if (phrase && phrase.first < cueEnd) return phrase.phrase.value;
  // The last verb-like word of the cue decides ("have alleged", "also told").
  for (let i = cueEnd - 1; i >= cueFirst; i--) {
    const t = tokens[i]!;
    const act = CUE_WORDS.get(t.lemma) ?? CUE_WORDS.get(t.lower);
    if (act) return act;
  }
  return null;
}

/** The act of a negated cue: "did not deny" is no denial, "did not say whether" is an evasion. */
function negatedAct(doc: Doc, statement: Statement, named: Act | null, cueEnd: number): Act {
  const tokens = doc.tokens;
  if (named && named !== 'assert') return asAct(lexicon.negated[named]) ?? 'other';
  const firstContent = statement.content[0];
  const opener = firstContent ? tokens[doc.tokenFrom(firstContent.start)] : undefined;
  const cueWord = tokens[cueEnd - 1]!;
  // "did not say whether" evades; "did not know what" is ignorance, not evasion.
  if (!SPEECH_WHEN_NEGATED.has(cueWord.lemma) && !EVASIVE_CUES.has(cueWord.lemma)) return 'other';
  if (!firstContent || (opener && EVASIVE_STARTS.has(opener.lower)) || EVASIVE_CUES.has(cueWord.lemma)) return 'evade';
  return 'other';
}

export function actOf(doc: Doc, statement: Statement): Act {
  const tokens = doc.tokens;
  const [cueFirst, cueEnd] = tokenRange(doc, statement.cue.start, statement.cue.end);
  if (cueFirst >= cueEnd) return statement.act;
  const sentence = doc.sentences[tokens[cueFirst]!.sentence];
  const sentenceFirst = sentence ? sentence.firstToken : 0;
  const sentenceEnd = sentence ? sentence.endToken : tokens.length;

  // Patterns over the cue and the words just before it: "avoided answering", "declined to comment".
  for (const hit of PHRASES.findAll(tokens, Math.max(sentenceFirst, cueFirst - 4), Math.min(sentenceEnd, cueEnd + 2))) {
    if (hit.end > cueFirst && hit.first < cueEnd) return hit.phrase.value;
  }

  const named = cueAct(tokens, cueFirst, cueEnd);
  if (negated(tokens, cueFirst, cueEnd, sentenceFirst)) return negatedAct(doc, statement, named, cueEnd);

  // "called the claim a lie", "dismissed the report as baseless".
  const verb = tokens[cueEnd - 1]!;
  if (CHARACTERISING.has(verb.lemma)) {
    const after = words(tokens, cueEnd, Math.min(sentenceEnd, cueEnd + 14));
    if (JUDGEMENT.test(after)) return 'deny';
  }
  if (named === 'deny' && OBJECT_SENSITIVE.has(verb.lemma) && !deniesAClaim(doc, statement, cueEnd, sentenceEnd)) return 'other';
  if (named === 'deny' && DENY.has(verb.lemma) && refuses(doc, statement, cueEnd)) return 'other';
  if (named) return named;
  if (contentDenies(doc, statement)) return 'deny';
  return 'assert';
}

export const actsStage: Stage = {
  name: 'acts',
  requires: ['tokens', 'statements'],
  provides: ['acts'],
  run(doc: Doc) {
    for (const statement of doc.statements) statement.act = actOf(doc, statement);
  },
};
