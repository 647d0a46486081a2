// Stage "channels": for each statement, the channel it came through ("on Telegram", "by phone",
// "in a statement", "in an interview with CNN", "via his spokesman"), the setting it was made in
// ("at a news conference Thursday at the end of the BRICS summit in Kazan") and the addressee
// ("told reporters" -> "reporters"). Phrases come from lexicons/channels.json; a phrase found in
// a statement's sentence, outside that statement's content and outside quoted words, goes to the
// statement whose cue is nearest. Channel and setting are filled where still null; the addressee is
// always decided here.

import type { Doc, Sentence, Token } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import type { Statement } from '../../core/model.js';
import { type Span, contains, overlaps } from '../../core/span.js';
import { loadLexicon } from '../../nlp/lexicon.js';
import { PhraseSet } from '../../nlp/phrases.js';

interface ChannelsLexicon {
  platforms: string[];
  platformPrepositions: string[];
  mediaHeads: string[];
  channelDeterminers: string[];
  channelHeads: string[];
  channels: string[];
  settingPrepositions: string[];
  settingHeads: string[];
  settingPlaces: string[];
  settingParticiples: string[];
  addresseeVerbs: string[];
  /** Verbs whose bare object is the addressee ("told reporters"); the others need a link after it ("warned voters that"). */
  addresseeDirectVerbs: string[];
  addresseeLinks: string[];
  addresseeAfterTo: string[];
  addresseeAfterWith: string[];
  addresseeStop: string[];
  objectPronouns: string[];
  /** Possessive pronouns that open a noun phrase like a determiner ("his monthly press conference"). */
  possessives: string[];
  complementLinks: string[];
  complementVerbs: string[];
  timeWords: string[];
}

type Field = 'channel' | 'setting';

const lexicon = loadLexicon<ChannelsLexicon>('channels');
const alt = (words: readonly string[]): string => words.map((w) => w.replace(/\s+/g, '_')).join('|');
/** Multi-word list entries ("fox news") become one pattern each, since a slot is one token. */
const expand = (prefix: string, entries: readonly string[], suffix = ''): string[] => entries.map((e) => `${prefix} ${e} ${suffix}`.trim());
const MOD = '<ADJ|NOUN|PROPN|NUM|VERB|PART>?';
const dets = alt(lexicon.channelDeterminers);

function buildPhrases(): PhraseSet<Field> {
  const entries: [string, Field][] = [];
  const add = (pattern: string, field: Field): void => void entries.push([pattern, field]);
  // Alternatives of one token go into one slot; entries of several tokens get a pattern each.
  const single = (list: readonly string[]): string[] => list.filter((x) => !x.includes(' '));
  const multi = (list: readonly string[]): string[] => list.filter((x) => x.includes(' '));
  const platformPreps = alt(lexicon.platformPrepositions);
  for (const p of lexicon.channels) add(p, 'channel');
  add(`in ${dets} ${MOD} ${MOD} ${alt(lexicon.channelHeads)}`, 'channel');
  add(`${platformPreps} ${alt(single(lexicon.platforms))}`, 'channel');
  for (const p of expand(platformPreps, multi(lexicon.platforms))) add(p, 'channel');
  add(`${platformPreps} the? <PROPN> <PROPN>? <PROPN>? ${alt(lexicon.mediaHeads)}`, 'channel');
  // "on al-Masirah TV": a hyphenated name before the medium.
  add(`${platformPreps} the? <PROPN|NOUN> - <PROPN> <PROPN>? ${alt(lexicon.mediaHeads)}`, 'channel');
  const heads = alt(single(lexicon.settingHeads));
  const preps = [alt(single(lexicon.settingPrepositions)), ...multi(lexicon.settingPrepositions)];
  for (const prep of preps) {
    add(`${prep} ${dets}? <ADJ|NOUN|PROPN|NUM>? 's? <ADJ|NOUN|PROPN|NUM>? <ADJ|NOUN|PROPN|NUM>? ${heads}`, 'setting');
    for (const h of multi(lexicon.settingHeads)) add(`${prep} ${dets}? ${h}`, 'setting');
    add(`${prep} ${alt(single(lexicon.settingPlaces))}`, 'setting');
    for (const place of multi(lexicon.settingPlaces)) add(`${prep} ${place}`, 'setting');
  }
  add(`while|when|after|before ${alt(lexicon.settingParticiples)} <DET|PROPN|NOUN|ADP|ADJ>`, 'setting');
  return PhraseSet.of(entries);
}

const PHRASES = buildPhrases();
const TIME = new Set(lexicon.timeWords);
const LINKS = new Set(lexicon.complementLinks.filter((l) => !l.includes(' ')));
const TWO_WORD_LINKS = new Set(lexicon.complementLinks.filter((l) => l.includes(' ')));
const COMPLEMENT_VERBS = new Set(lexicon.complementVerbs);
const SETTING_HEADS = new Set(lexicon.settingHeads);
const ADDRESSEE_VERBS = new Set(lexicon.addresseeVerbs);
const DIRECT_VERBS = new Set(lexicon.addresseeDirectVerbs);
const ADDRESSEE_LINKS = new Set(lexicon.addresseeLinks);
const AFTER_TO = new Set(lexicon.addresseeAfterTo);
const AFTER_WITH = new Set(lexicon.addresseeAfterWith);
const ADDRESSEE_STOP = new Set(lexicon.addresseeStop);
const OBJECT_PRONOUNS = new Set(lexicon.objectPronouns);
const POSSESSIVES = new Set(lexicon.possessives);
const NOUN_PHRASE_POS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);

/** Which tokens of the article a phrase may not cover (quoted words, statement content, cues, sources). */
class Blocked {
  private readonly spans: Span[];
  constructor(spans: Span[]) {
    this.spans = spans;
  }
  has(token: Token): boolean {
    const spans = this.spans;
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      if (token.start < s.end && s.start < token.end) return true;
    }
    return false;
  }
  /** Whether any of tokens [first, end) is blocked. */
  hasAny(tokens: readonly Token[], first: number, end: number): boolean {
    for (let i = first; i < end; i++) if (this.has(tokens[i]!)) return true;
    return false;
  }
}

const isCapitalised = (t: Token): boolean => /^\p{Lu}\p{Ll}/u.test(t.text) && t.pos !== 'PRON' && t.pos !== 'DET' && t.pos !== 'ADP' && t.pos !== 'SCONJ' && t.pos !== 'CCONJ';

/** The end (exclusive) of a noun phrase starting at `at`, or `at` if there is none. */
function nounPhraseEnd(tokens: readonly Token[], at: number, limit: number, blocked: Blocked, stopAtTime: boolean): number {
  let i = at;
  if (i < limit && (tokens[i]!.pos === 'DET' || tokens[i]!.pos === 'PRON') && !blocked.has(tokens[i]!)) {
    if (OBJECT_PRONOUNS.has(tokens[i]!.lower) && tokens[i]!.pos === 'PRON') return i + 1;
    i++;
  }
  const headStart = i;
  while (i < limit) {
    const t = tokens[i]!;
    if (blocked.has(t)) break;
    if (stopAtTime && TIME.has(t.lower) && i > headStart) break;
    // A capitalised word is a name part whatever its tag ("Downing Street" tagged VERB PROPN).
    if (NOUN_PHRASE_POS.has(t.pos) || t.lower === "'s" || (t.text === '-' && i > headStart) || isCapitalised(t)) i++;
    else break;
  }
  return i > headStart ? i : at;
}

const TIME_FRAME = new Set(['this', 'last', 'next', 'on', 'earlier', 'later', 'week', 'month', 'year', 'day']);

/** The end of a time expression at `at` ("this week", "on Friday", "Monday"), or `at` if none. */
function timeExpressionEnd(tokens: readonly Token[], at: number, limit: number, blocked: Blocked): number {
  let i = at;
  let anchored = false;
  while (i < limit && !blocked.has(tokens[i]!) && (TIME.has(tokens[i]!.lower) || TIME_FRAME.has(tokens[i]!.lower))) {
    if (TIME.has(tokens[i]!.lower) || ['week', 'month', 'year', 'day'].includes(tokens[i]!.lower)) anchored = true;
    i++;
  }
  return anchored ? i : at;
}

/** Extends a matched head over its complements: time words, "released by his office", "with CNN", "in Kazan". */
function extendComplement(tokens: readonly Token[], end: number, limit: number, blocked: Blocked, field: Field): number {
  let best = end;
  let i = end;
  let links = 0;
  const maxLinks = field === 'setting' ? 4 : 2;
  while (i < limit && links < maxLinks) {
    const t = tokens[i]!;
    if (blocked.has(t)) break;
    if (field === 'setting' && TIME.has(t.lower) && t.lower !== 'late' && t.lower !== 'early') {
      i++;
      best = i;
      continue;
    }
    let j = i;
    if (COMPLEMENT_VERBS.has(t.lower)) {
      j++;
      // "a book published this week", "a statement released on Friday": a participle with a time.
      const timeEnd = timeExpressionEnd(tokens, j, limit, blocked);
      if (timeEnd > j) {
        best = i = timeEnd;
        links++;
        continue;
      }
    }
    let linkEnd = -1;
    const a = tokens[j];
    const b = tokens[j + 1];
    if (a && b && j + 1 < limit && TWO_WORD_LINKS.has(`${a.lower} ${b.lower}`)) linkEnd = j + 2;
    else if (a && j < limit && LINKS.has(a.lower) && (a.pos === 'ADP' || a.pos === 'PART' || a.pos === 'SCONJ')) linkEnd = j + 1;
    if (linkEnd < 0 || blocked.has(tokens[j]!)) break;
    const npEnd = nounPhraseEnd(tokens, linkEnd, limit, blocked, field === 'channel');
    if (npEnd === linkEnd) break;
    if (field === 'channel' && TIME.has(tokens[linkEnd]!.lower)) break;
    links++;
    i = npEnd;
    best = npEnd;
  }
  return best;
}

function span(tokens: readonly Token[], first: number, end: number): Span {
  return { start: tokens[first]!.start, end: tokens[end - 1]!.end };
}

/** The first word of a cue ("said" of "said in an interview"). */
function cueHead(doc: Doc, cue: Span): Span {
  const first = doc.tokens[doc.tokenFrom(cue.start)];
  return first && first.end <= cue.end ? { start: cue.start, end: first.end } : cue;
}

/**
 * The part of a source span before its first comma: "Trump, in a statement delivered via the
 * press secretary," keeps "Trump"; the aside after the comma may hold the channel or setting.
 */
function sourceCore(source: Span, doc: Doc): Span {
  const comma = doc.text.indexOf(',', source.start);
  return comma > source.start && comma < source.end ? { start: source.start, end: comma } : source;
}

/** The statements a phrase can belong to: not inside their content, source or cue; nested only where their cue is. */
function eligible(doc: Doc, phrase: Span, statements: readonly Statement[]): Statement[] {
  return statements.filter((x) => {
    if (x.content.some((c) => overlaps(c, phrase))) return false;
    if (x.source && overlaps(sourceCore(x.source, doc), phrase)) return false;
    if (overlaps(cueHead(doc, x.cue), phrase)) return false;
    for (const y of statements) {
      if (y === x) continue;
      for (const c of y.content) if (contains(c, phrase) && !contains(c, x.cue)) return false;
      if (overlaps(cueHead(doc, y.cue), phrase)) return false;
    }
    return true;
  });
}

function distance(a: Span, b: Span): number {
  if (a.end <= b.start) return b.start - a.end;
  if (b.end <= a.start) return a.start - b.end;
  return 0;
}

function nearest(phrase: Span, candidates: readonly Statement[]): Statement | null {
  let best: Statement | null = null;
  let bestDistance = Infinity;
  for (const s of candidates) {
    const d = distance(phrase, s.cue);
    if (d < bestDistance) {
      best = s;
      bestDistance = d;
    }
  }
  return best;
}

/** The addressee right after a verb like "told" (within or after the cue), or after "said to" / "interview with". */
function findAddressee(doc: Doc, statement: Statement, sentenceEnd: number, blocked: Blocked): Span | null {
  const tokens = doc.tokens;
  const cueFirst = doc.tokenFrom(statement.cue.start);
  let cueEnd = cueFirst;
  while (cueEnd < sentenceEnd && tokens[cueEnd]!.start < statement.cue.end) cueEnd++;
  const ownContent = new Blocked(statement.source ? [...statement.content, statement.source] : statement.content.slice());
  for (let i = cueFirst; i < cueEnd; i++) {
    const t = tokens[i]!;
    if (!(ADDRESSEE_VERBS.has(t.lemma) || ADDRESSEE_VERBS.has(t.lower))) continue;
    if (i + 1 < sentenceEnd && tokens[i + 1]!.lower === 'to' && tokens[i + 1]!.pos !== 'PART') return addresseeAt(tokens, i + 2, sentenceEnd, blocked, ownContent);
    const np = addresseeAt(tokens, i + 1, sentenceEnd, blocked, ownContent);
    if (np && takesObjectAsAddressee(doc, statement, t, np)) return np;
  }
  return addresseeAfterLink(doc, statement, cueFirst, sentenceEnd, blocked, ownContent);
}

/**
 * Whether the object np after an addressee verb t is its addressee: always after "told"; after
 * "warned voters that …", "urged him to …", but not "warned [that] the process could …".
 */
function takesObjectAsAddressee(doc: Doc, statement: Statement, t: Token, np: Span): boolean {
  if (DIRECT_VERBS.has(t.lemma) || DIRECT_VERBS.has(t.lower)) return true;
  const tokens = doc.tokens;
  const after = tokens[doc.tokenFrom(np.end)];
  const single = doc.tokenFrom(np.start) + 1 === doc.tokenFrom(np.end) && tokens[doc.tokenFrom(np.start)]!.pos === 'PRON';
  return single || (after !== undefined && (ADDRESSEE_LINKS.has(after.lower) || statement.content.some((c) => c.start === after.start && ADDRESSEE_LINKS.has(after.lower))));
}

/** "said to reporters", "speaking to reporters", "in a letter to lawmakers", "in an interview with CNN". */
function addresseeAfterLink(doc: Doc, statement: Statement, cueFirst: number, sentenceEnd: number, blocked: Blocked, ownContent: Blocked): Span | null {
  const tokens = doc.tokens;
  const sentence = doc.sentences[tokens[cueFirst]?.sentence ?? -1];
  if (!sentence) return null;
  for (let i = sentence.firstToken; i + 1 < sentence.endToken; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    // Both comparisons made once, here, for every token: the same comparison repeated below, which
    // only "to" and "with" reached, deoptimised this on a lower case of the other string kind
    // (a lower-cased "To" is not internalized; 'wrong instance type').
    const to = next.lower === 'to';
    const withNext = next.lower === 'with';
    if (!to && !withNext) continue;
    const ownCue = t.start >= statement.cue.start && t.end <= statement.cue.end;
    if ((!ownCue && blocked.has(t)) || ownContent.has(t)) continue;
    const viaTo = to && (AFTER_TO.has(t.lower) || AFTER_TO.has(t.lemma)) && !(i + 2 < sentence.endToken && tokens[i + 2]!.pos === 'VERB');
    const viaWith = withNext && (AFTER_WITH.has(t.lower) || AFTER_WITH.has(t.lemma));
    if (!viaTo && !viaWith) continue;
    if (distance(t, statement.cue) > 80) continue;
    const np = addresseeAt(tokens, i + 2, sentenceEnd, blocked, ownContent);
    if (np) return np;
  }
  return null;
}

/** The noun phrase of an addressee starting at token `at` ("reporters", "the BBC's Today programme", "him"), or null. */
function addresseeAt(tokens: readonly Token[], at: number, limit: number, blocked: Blocked, ownContent: Blocked): Span | null {
  let end = at;
  let i = at;
  while (i < limit) {
    const t = tokens[i]!;
    if (blocked.has(t) || ownContent.has(t)) break;
    // A stop word ends the phrase, unless it is a capitalised part of a name ("the BBC's Today programme").
    if (ADDRESSEE_STOP.has(t.lower) && !(i > at && tokens[i - 1]!.lower === "'s" && t.text !== t.lower)) break;
    if (t.pos === 'PRON' && OBJECT_PRONOUNS.has(t.lower) && i === at && !(POSSESSIVES.has(t.lower) && i + 1 < limit && NOUN_PHRASE_POS.has(tokens[i + 1]!.pos))) {
      end = i + 1;
      break;
    }
    // "told local media Adamowicz's heart …": a name after a common noun starts the content, not the addressee.
    if (t.pos === 'PROPN' && i > at && tokens[i - 1]!.pos === 'NOUN' && tokens[i - 1]!.lower !== "'s") break;
    if (NOUN_PHRASE_POS.has(t.pos) || t.lower === "'s" || ((t.pos === 'DET' || POSSESSIVES.has(t.lower)) && i === at)) {
      i++;
      end = i;
      continue;
    }
    if (joinsName(tokens, i, at, limit)) {
      i++;
      continue;
    }
    break;
  }
  if (end === at || (end === at + 1 && (tokens[at]!.pos === 'DET' || (POSSESSIVES.has(tokens[at]!.lower) && !OBJECT_PRONOUNS.has(tokens[at]!.lower))))) return null;
  return span(tokens, at, end);
}

/** A hyphen inside a name ("Agence France-Presse") or "and" between two nouns goes on with an addressee. */
function joinsName(tokens: readonly Token[], i: number, at: number, limit: number): boolean {
  const t = tokens[i]!;
  if (i <= at || i + 1 >= limit) return false;
  if (t.text === '-') return tokens[i - 1]!.end === t.start && tokens[i + 1]!.start === t.end && NOUN_PHRASE_POS.has(tokens[i + 1]!.pos);
  return t.lower === 'and' && ['DET', 'PROPN', 'NOUN'].includes(tokens[i + 1]!.pos);
}

/** The statements of the document by the sentence of their cue. */
function statementsBySentence(doc: Doc): Map<number, Statement[]> {
  const bySentence = new Map<number, Statement[]>();
  for (const s of doc.statements) {
    const index = doc.sentenceAt(s.cue.start);
    if (index < 0) continue;
    const list = bySentence.get(index);
    if (list) list.push(s);
    else bySentence.set(index, [s]);
  }
  return bySentence;
}

/** Quoted words per sentence (only for sentences with statements), so that a long article costs linear time. */
function quotedWordsBySentence(doc: Doc, bySentence: ReadonlyMap<number, Statement[]>): Map<number, Span[]> {
  const quotedIn = new Map<number, Span[]>();
  for (const q of doc.quotations) {
    const first = doc.sentenceAt(q.inner.start);
    const last = doc.sentenceAt(Math.max(q.inner.start, q.inner.end - 1));
    if (first < 0) continue;
    for (let i = first; i <= Math.max(first, last); i++) {
      if (!bySentence.has(i)) continue;
      const list = quotedIn.get(i);
      if (list) list.push(q.inner);
      else quotedIn.set(i, [q.inner]);
    }
  }
  return quotedIn;
}

interface FoundPhrase {
  field: Field;
  span: Span;
}

/** Channel and setting phrases of one sentence, with their complements, outside quoted words, cues and sources. */
function phrasesInSentence(doc: Doc, sentence: Sentence, statements: readonly Statement[], hardSpans: Span[], hard: Blocked): FoundPhrase[] {
  const tokens = doc.tokens;
  const contents: Span[] = [];
  for (const s of statements) for (const c of s.content) contents.push(c);
  // Built on the first phrase found (most sentences have none).
  let contentOfAll: Blocked | null = null;
  let hardOrContent: Blocked | null = null;
  const found: FoundPhrase[] = [];
  const sentenceEnd = sentence.endToken;
  for (let i = sentence.firstToken; i < sentenceEnd; ) {
    const t = tokens[i]!;
    if (hard.has(t)) {
      i++;
      continue;
    }
    const hit = PHRASES.matchAt(tokens, i, sentenceEnd);
    if (!hit || hard.hasAny(tokens, hit.first, hit.end)) {
      i++;
      continue;
    }
    contentOfAll ??= new Blocked(contents);
    const insideContent = contentOfAll.has(t);
    // A complement may not run from outside a content span into it.
    const complementBlock = insideContent ? hard : (hardOrContent ??= new Blocked(hardSpans.concat(contents)));
    const end = extendComplement(tokens, hit.end, sentenceEnd, complementBlock, hit.phrase.value);
    found.push({ field: hit.phrase.value, span: span(tokens, hit.first, end) });
    i = end;
  }
  return found;
}

/**
 * Gives each phrase to the statement it belongs to: a speaker's statement takes the phrase; an
 * agentless one nearer to it ("when asked about the subject at a news conference") shares it
 * rather than taking it from the speaker. Fills channel and setting only where still null.
 */
function assignPhrases(doc: Doc, found: readonly FoundPhrase[], statements: readonly Statement[]): void {
  for (const { field, span: phrase } of found) {
    const candidates = eligible(doc, phrase, statements);
    const owners = [nearest(phrase, candidates.filter((x) => x.source !== null)), nearest(phrase, candidates)];
    for (const owner of owners) if (owner && owner[field] === null) owner[field] = phrase;
  }
}

/**
 * This stage owns the addressee: an earlier guess (an object the attribution stage skipped over to
 * find the content) is replaced by what the rules here accept. "told a news conference": the
 * object of "tell" names an occasion, not a person, and becomes the setting.
 */
function assignAddressee(doc: Doc, s: Statement, sentence: Sentence, hard: Blocked): void {
  const addressee = findAddressee(doc, s, sentence.endToken, hard);
  s.addressee = null;
  if (!addressee) return;
  const head = doc.text.slice(addressee.start, addressee.end).toLowerCase().split(/\s+/).pop() ?? '';
  if (!SETTING_HEADS.has(head)) {
    s.addressee = addressee;
    return;
  }
  if (s.setting === null) {
    const last = doc.tokenFrom(addressee.end);
    const end = extendComplement(doc.tokens, last, sentence.endToken, hard, 'setting');
    s.setting = end > last ? { start: addressee.start, end: doc.tokens[end - 1]!.end } : addressee;
  }
}

/** Channels, settings and addressees of the statements whose cue is in one sentence. */
function attachInSentence(doc: Doc, sentence: Sentence, statements: readonly Statement[], quoted: Span[]): void {
  const cuesAndSources: Span[] = [];
  for (const s of statements) {
    // Only the cue's first word is off limits: a cue written as "said in an interview" or
    // "told reporters" still holds the channel or the addressee.
    cuesAndSources.push(cueHead(doc, s.cue));
    if (s.source) cuesAndSources.push(sourceCore(s.source, doc));
  }
  // Phrases may not run into quoted words, nor into any cue or source, nor into content unless nested.
  const hardSpans = quoted.concat(cuesAndSources);
  const hard = new Blocked(hardSpans);
  const found = phrasesInSentence(doc, sentence, statements, hardSpans, hard);
  if (found.length) assignPhrases(doc, found, statements);
  for (const s of statements) assignAddressee(doc, s, sentence, hard);
}

export const channelsStage: Stage = {
  name: 'channels',
  requires: ['tokens', 'statements'],
  provides: ['channels'],
  run(doc: Doc) {
    if (doc.statements.length === 0) return;
    const bySentence = statementsBySentence(doc);
    const quotedIn = quotedWordsBySentence(doc, bySentence);
    for (const [index, statements] of bySentence) attachInSentence(doc, doc.sentences[index]!, statements, quotedIn.get(index) ?? []);
  },
};
