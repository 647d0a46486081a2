// Stage "attributions": statements (doc.statements) from cue candidates, quotations and
// part-of-speech tags, by rules. For each cue it finds the frame the sentence uses:
//   forward     "X said (that) ...", "X told reporters that ...", "X said: “...”"
//   postposed   "..., X said (by phone).", "“...,” X said.", "..., said X."
//   according   "According to X, ...", "..., according to X."
// then the source (the mention as written, with titles and appositives), the content (the clause
// after or before the cue, with "that" kept as PolNeAR does; or the quoted passage, over several
// sentences and paragraphs), split quotes (“…,” Putin said. “…”: one statement, two content
// spans), and the kind (direct, indirect, mixed). `speaker` is left to the entities stage and `act`
// to the acts stage. Pure, linear in the number of tokens, and never throws.

import type { Cue, Doc, Quotation, Token } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import type { Stage } from '../../core/pipeline.js';
import { type Span, trimSpan } from '../../core/span.js';
import { cueLexicon, type CueLexicon, type CuePhrase } from '../../nlp/cue-lexicon.js';
import { isNameLike, isTimeWord, nounPhraseAfter, nounPhraseBefore, subjectAtStart, type TokenRange } from './noun-phrase.js';
import { contentKind } from './kind.js';
import { hasLetterOrDigit } from './letters.js';
import { hasAtMostWords } from './word-count.js';
import { AND, APOSTROPHE_S, CLOSING_PARENTHESIS, COLON, COMMA } from '../../nlp/token-words.js';

// Thresholds on the cue priors of lexicons/cues.json, chosen on PolNeAR train (2026-11-27) for the
// best balance of linked cue F1 and all-exact F1; dev is only scored, never tuned on.
/** Lowest cue prior for a statement with a source and a clause for content. */
export const MIN_PRIOR = 0.5;
/** Lowest cue prior for a statement that quotes (a quotation right at the cue). */
export const MIN_PRIOR_QUOTED = 0.3;
/** Lowest cue prior for a statement without a source in the text. */
export const MIN_PRIOR_NO_SOURCE = 0.7;
/** Lowest cue prior for a cue inside another attribution's clause to start an attribution of its own. */
export const NESTED_MIN_PRIOR = 0.7;

type FrameKind = 'forward' | 'postposed' | 'according-front' | 'according-back';

interface Frame {
  cue: Cue;
  head: number;
  kind: FrameKind;
  source: TokenRange | null;
  /** First token of this attribution's own material (source or cue): earlier content stops here. */
  anchor: number;
  /** Content as token range before cuts; for postposed frames, it ends at the source or cue. */
  contentFirst: number;
  contentEnd: number;
  addressee: TokenRange | null;
  /** A first content fragment before the cue: a passive or raising verb's subject ("The birth …
   * is expected | to coincide …"), a relative pronoun ("which he said | was …"), or the first part
   * of a parenthetical report ("This campaign, | he says, | is different"). */
  lead: TokenRange | null;
  /** The phrase found before the cue is the content's subject, not the source ("They appear to …"). */
  sourceless: boolean;
}

const OPEN_MARKS = /^(?:[“„‟‘‚«‹"']|'')$/u;
const CLOSE_MARKS = /^(?:[”’»›"']|'')$/u;
/** Words that end a clause-content backwards: "… North Korea that he said …", "…, though he also said". */
const TRAILING_JOINERS = new Set(['and', 'but', 'as', 'though', 'although', 'while', 'that', 'which', 'who', 'because', 'so', 'when', 'where', 'after', 'before', 'since', 'even', 'also', 'or', 'if', 'whereas', 'yet', 'then']);
/** Adjuncts that say how the speaking happened, not what was said: ", when asked …". */
const ASKED = new Set(['asked', 'pressed', 'questioned']);
/** Words after which a nested attribution may start inside another's clause ("… that he said …"). */
const CLAUSE_EDGE = new Set(['that', 'and', 'but', 'as', 'though', 'although', 'while', 'because', 'since', 'when', 'after', 'before', 'so', 'if', 'whether', 'where', 'which', 'who', 'yet', 'or']);
/** After a comma, these start a new clause or an aside that is no longer the reported content. */
const CLAUSE_BREAK_AFTER_COMMA = new Set(['while', 'though', 'although', 'whereas', 'but', 'which']);
/** Participles that introduce part of the same content, not an adjunct (", including …"). */
const PREPOSITION_LIKE = new Set(['including', 'regarding', 'concerning', 'following', 'excluding', 'involving', 'according', 'considering', 'notwithstanding', 'beginning', 'starting']);
/** Past-tense cue verbs, whose coordinated past-tense verbs start a new predicate. */
const PAST_CUE = /(ed|said|told|wrote|thought|knew|saw|spoke|made|found|felt|gave|took)$/;
/** Prepositions a cue verb governs that PolNeAR leaves out of the content ("agreed with [the analysis]"). */
const GOVERNED_PREPOSITIONS = new Set(['with', 'against', 'for', 'of', 'on', 'at', 'from', 'over', 'about']);
const VERBAL = new Set(['VERB', 'AUX']);
const RAISING = new Set(['seem', 'appear']);
/** Words that open an aside, not an appositive, between a name and its cue. */
const ASIDE_STARTS = new Set(['who', 'which', 'however', 'meanwhile', 'though', 'too', 'also', 'for', 'in', 'at', 'on', 'speaking', 'clearly', 'instead', 'nonetheless', 'nevertheless', 'moreover', 'likewise', 'similarly', 'indeed', 'then', 'now', 'again', 'later', 'earlier', 'previously', 'recently']);
const RELATIVES = new Set(['which', 'that', 'who', 'what', 'whom']);
/** Verbs that name or describe their object, which a relative pronoun may stand for. */
const NAMING = new Set(['call', 'dub', 'describe', 'declare', 'label', 'deem', 'brand', 'term', 'characterize', 'view', 'consider', 'see', 'portray']);
const ADJUNCT_BEFORE_PARTICIPLE = new Set(['before', 'after', 'while', 'when', 'without', 'by', 'upon']);
function isPunct(t: Token): boolean {
  return t.pos === 'PUNCT' || t.pos === 'SYM' || !hasLetterOrDigit(t.text, 0, t.text.length);
}

interface Context {
  doc: Doc;
  tokens: readonly Token[];
  lexicon: CueLexicon;
  /** For each token, the quotation whose span holds it, or -1. */
  quoteOf: Int32Array;
  /** Auxiliaries and adverbs of a verb group ("has also said"). */
  cueGroup: ReadonlySet<string>;
  /** For each quotation, 1 when it holds a few words only (a title, a scare quote). */
  shortQuote: Uint8Array;
  /** Whether token k is inside a quoted passage (not a short quotation, which may stand in a name): isBlocked, made once per document for the noun-phrase readers. */
  blocked: (k: number) => boolean;
  /** The source of the last frame found, and its sentence (for ", saying …"). */
  lastSource: TokenRange | null;
  lastSourceSentence: number;
}

function sentenceBounds(ctx: Context, i: number): [number, number] {
  const s = ctx.doc.sentences[ctx.tokens[i]!.sentence];
  return s ? [s.firstToken, s.endToken] : [i, i + 1];
}

function opensQuote(ctx: Context, i: number): number {
  const q = ctx.quoteOf[i]!;
  if (q < 0) return -1;
  return ctx.doc.quotations[q]!.start === ctx.tokens[i]!.start ? q : -1;
}

/** A tail after the cue that says nothing: "by phone", "in a statement", "Thursday", "without elaborating". */
function isEmptyTail(ctx: Context, from: number, end: number): boolean {
  let letters = 0;
  for (let i = from; i < end; i++) {
    const t = ctx.tokens[i]!;
    if (isPunct(t)) {
      if (OPEN_MARKS.test(t.text) && opensQuote(ctx, i) >= 0) return false;
      if (COLON.has(t.text)) return false;
      continue;
    }
    letters++;
    // "said before clarifying that …", "said after meeting …": a participle adjunct, not content.
    if (letters === 1 && ADJUNCT_BEFORE_PARTICIPLE.has(t.lower) && i + 1 < end && /ing$/.test(ctx.tokens[i + 1]!.lower)) return true;
    // ", attempting to regroup", ", citing …": a participle adjunct after a comma says how, not what.
    if (letters === 1 && i > from && ctx.tokens[i - 1]!.text === ',' && VERBAL.has(t.pos) && /ing$/.test(t.lower)) return true;
    if (letters > (ctx.tokens[from]?.pos === 'ADP' ? 16 : 10)) return false;
    if (t.lower === 'that' || t.lower === 'whether' || t.lower === 'if') return false;
    if (VERBAL.has(t.pos) && !(i > from && ctx.tokens[i - 1]!.lower === 'without') && !/(ed|ing)$/.test(t.lower)) return false;
    if (letters === 1 && t.pos === 'PART' && t.lower === 'to') return false;
  }
  return true;
}

/** The token where a clause content starts after the cue: skips a hearer and a channel or time phrase before "that". */
function contentStartAfter(ctx: Context, cueEnd: number, sentenceEnd: number, takesAddressee: boolean): { start: number; addressee: TokenRange | null } {
  const tokens = ctx.tokens;
  let i = cueEnd;
  let addressee: TokenRange | null = null;
  if (takesAddressee && i < sentenceEnd && tokens[i]!.lower !== 'that' && opensQuote(ctx, i) < 0) {
    const titleEnd = (k: number): number => {
      const q = opensQuote(ctx, k);
      return q >= 0 && ctx.shortQuote[q] ? ctx.doc.tokenFrom(ctx.doc.quotations[q]!.end) : -1;
    };
    const np = nounPhraseAfter(tokens, i, sentenceEnd, (k) => ctx.quoteOf[k]! >= 0, titleEnd);
    if (np && np.end < sentenceEnd) {
      addressee = np;
      i = np.end;
    }
  }
  // "said on Telegram that", "said Thursday that", "told CNN in an interview that"
  // "said Thursday his biggest worry …", "said this week that …": a time phrase before the content.
  while (i < sentenceEnd && (isTimeWord(tokens[i]!) || (tokens[i]!.pos === 'DET' && i + 1 < sentenceEnd && isTimeWord(tokens[i + 1]!) && ['this', 'last', 'next'].includes(tokens[i]!.lower)))) i++;
  const opener = tokens[i];
  const adjunct = opener !== undefined && (opener.pos === 'ADP' || opener.pos === 'ADV' || isTimeWord(opener) || opener.text === ',');
  for (let k = i; adjunct && k < sentenceEnd && k - i <= 8; k++) {
    const t = tokens[k]!;
    if ((t.lower === 'that' || t.lower === 'whether' || (t.lower === 'to' && t.pos === 'PART')) && k > i) {
      i = k;
      break;
    }
    if (k > i && (t.text === ':' || (opensQuote(ctx, k) >= 0 && (tokens[k - 1]!.text === ',' || tokens[k - 1]!.text === ':')))) {
      i = k;
      break;
    }
    if (!(['ADP', 'DET', 'NOUN', 'PROPN', 'ADJ', 'NUM', 'ADV'].includes(t.pos) || COMMA.has(t.text) || APOSTROPHE_S.has(t.lower))) break;
  }
  while (i < sentenceEnd && (tokens[i]!.text === ':' || tokens[i]!.text === ',' || tokens[i]!.text === '—' || tokens[i]!.text === '-')) i++;
  return { start: i, addressee };
}

/**
 * The subject of the clause before token `before` ("Rubio flipped his choice – saying …", "he
 * began by talking …, saying …"): the phrase before the nearest finite verb, looking back.
 */
function sentenceSubject(ctx: Context, sentenceFirst: number, before: number): TokenRange | null {
  const { tokens } = ctx;
  // Most often the sentence opens with its subject and the verb follows ("Clinton attacked Trump, saying …").
  const opening = nounPhraseAfter(tokens, sentenceFirst, before, (k) => ctx.quoteOf[k]! >= 0);
  if (opening && opening.end < before && (VERBAL.has(tokens[opening.end]!.pos) || ctx.cueGroup.has(tokens[opening.end]!.lower))) return opening;
  for (let i = before - 1; i >= sentenceFirst && before - i < 40; i--) {
    const t = tokens[i]!;
    if (ctx.quoteOf[i]! >= 0 || !VERBAL.has(t.pos) || /ing$/.test(t.lower) || t.lower === 'to') continue;
    if (i > sentenceFirst && tokens[i - 1]!.lower === 'to') continue; // an infinitive is no finite verb
    let end = i;
    while (end > sentenceFirst && (ctx.cueGroup.has(tokens[end - 1]!.lower) || tokens[end - 1]!.pos === 'AUX')) end--;
    const np = nounPhraseBefore(tokens, end, sentenceFirst, (k) => ctx.quoteOf[k]! >= 0);
    if (np) return np;
  }
  return null;
}

/** Title abbreviations after which the sentence splitter may wrongly end a sentence ("Texas Sen. | Ted Cruz said"). */
const TITLE_ABBREVIATIONS = new Set(['sen', 'gov', 'rep', 'dr', 'mr', 'mrs', 'ms', 'st', 'lt', 'gen', 'col', 'sgt', 'prof', 'jr', 'sr', 'u.s', 'pres', 'atty', 'capt', 'cmdr', 'adm', 'maj', 'rev', 'hon', 'amb', 'sec', 'gens', 'reps', 'sens', 'govs', 'no', 'vs', 'inc', 'corp', 'co', 'ltd']);

/**
 * The first token of the sentence holding token i, joining up to three sentences split after a
 * title abbreviation or in a parenthesis. Each pass runs every step, the last pass included: a
 * step that only a join reached (a join is rare) was first met in optimised code and deoptimised
 * cueSite, which inlines this.
 */
function sentenceStart(ctx: Context, i: number): number {
  let at = i;
  let passes = 0;
  for (;;) {
    const first = sentenceBounds(ctx, at)[0];
    const before = first - 1;
    passes++;
    if (passes > 3 || first <= 0 || !continuesSentenceBefore(ctx, first)) return first;
    at = before;
  }
}

/** Whether the sentence that starts at token `first` (> 0) goes on from the one before it. */
function continuesSentenceBefore(ctx: Context, first: number): boolean {
  const previous = ctx.tokens[first - 1]!;
  if (previous.paragraph !== ctx.tokens[first]!.paragraph) return false;
  // "Rep. Jim McDermott (D-Wash.) said": the splitter ended a sentence inside the parenthesis,
  // or right after it.
  if (CLOSING_PARENTHESIS.has(ctx.tokens[first]!.text) || CLOSING_PARENTHESIS.has(previous.text)) return true;
  if (!previous.text.endsWith('.')) return false;
  // A full stop of its own (the text is "."), tested by length: a comparison with '.' deoptimised
  // cueSite on a token string of the other kind ('wrong instance type').
  const word = previous.text.length === 1 && first >= 2 ? ctx.tokens[first - 2]!.lower : previous.lower.slice(0, -1);
  return TITLE_ABBREVIATIONS.has(word);
}

/** The end of the sentence holding token i, joining a sentence that ends on a title abbreviation ("said Rev. | Kyev Tatum"). */
function sentenceEndJoined(ctx: Context, i: number): number {
  let end = sentenceBounds(ctx, i)[1];
  for (let guard = 0; guard < 3 && end < ctx.tokens.length; guard++) {
    const last = ctx.tokens[end - 1]!;
    if (last.paragraph !== ctx.tokens[end]!.paragraph || !last.text.endsWith('.')) break;
    const word = last.text === '.' && end >= 2 ? ctx.tokens[end - 2]!.lower : last.lower.slice(0, -1);
    if (!TITLE_ABBREVIATIONS.has(word)) break;
    end = sentenceBounds(ctx, end)[1];
  }
  return end;
}

/** Forms of "be" that make a participle cue passive ("was announced", "is expected"). */
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re"]);

/** A cue and the sentence around it, as the frame rules read them. */
interface CueSite {
  cue: Cue;
  /** The cue's verb (or a phrase's first word). */
  head: number;
  /** The cue phrase ("according to"), when the cue is one. */
  phrase: CuePhrase | undefined;
  sentenceFirst: number;
  sentenceEnd: number;
  /** The sentence end before its final punctuation (a closing quote mark is kept). */
  lastContent: number;
}

// frameOf is split into one function per frame rule (below), so that V8 compiles each small and a
// rule rarely met deoptimises only its own function: as one function of 250 lines it took about
// 120 ms to compile, twice over the BBC set.

/** Works out the frame of one cue, or null when it anchors no attribution. */
function frameOf(ctx: Context, cue: Cue): Frame | null {
  const site = cueSite(ctx, cue);
  if (cue.lemma === ':') return headlineColonFrame(ctx, site);
  if (site.phrase?.sourceAfter || cue.lemma === 'in') return sourceAfterFrame(ctx, site);
  const source = sourceBeforeCue(ctx, site);
  if (isPassive(ctx, site)) return passiveFrame(ctx, site, source);
  return activeFrame(ctx, site, source);
}

function cueSite(ctx: Context, cue: Cue): CueSite {
  const tokens = ctx.tokens;
  const phrase = ctx.lexicon.phrasesByLemma.get(cue.lemma);
  const head = phrase ? cue.endToken - phrase.words.length : cue.endToken - 1;
  const sentenceEnd = sentenceBounds(ctx, head)[1];
  const sentenceFirst = sentenceStart(ctx, head);
  let lastContent = sentenceEnd;
  while (lastContent > cue.endToken && isPunct(tokens[lastContent - 1]!) && !CLOSE_MARKS.test(tokens[lastContent - 1]!.text)) lastContent--;
  return { cue, head, phrase, sentenceFirst, sentenceEnd, lastContent };
}

/** Quoted words may stand inside a name ("the “Avatar” star"); only a quoted passage blocks a phrase. */
function isBlocked(ctx: Context, k: number): boolean {
  return ctx.quoteOf[k]! >= 0 && !ctx.shortQuote[ctx.quoteOf[k]!];
}

/** "Trump: ‘I’m the Worst Thing …’": the name opens the paragraph, the statement runs to its end. */
function headlineColonFrame(ctx: Context, site: CueSite): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head } = site;
  let paragraphFirst = cue.firstToken;
  while (paragraphFirst > 0 && tokens[paragraphFirst - 1]!.paragraph === tokens[head]!.paragraph) paragraphFirst--;
  let paragraphEnd = cue.endToken;
  while (paragraphEnd < tokens.length && tokens[paragraphEnd]!.paragraph === tokens[head]!.paragraph) paragraphEnd++;
  if (paragraphFirst >= cue.firstToken) return null;
  return { cue, head, kind: 'according-front', source: { first: paragraphFirst, end: cue.firstToken }, anchor: paragraphFirst, contentFirst: cue.endToken, contentEnd: paragraphEnd, addressee: null, lead: null, sourceless: false };
}

/** "According to X, …", "…, according to X.", "In a CNN poll, …": the source follows the cue. */
function sourceAfterFrame(ctx: Context, site: CueSite): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head, sentenceFirst, sentenceEnd, lastContent } = site;
  let source = nounPhraseAfter(tokens, cue.endToken, sentenceEnd, ctx.blocked) ?? nounWordsAfter(ctx, site);
  if (!source) return null;
  let before = cue.firstToken;
  while (before > sentenceFirst && isPunct(tokens[before - 1]!) && !CLOSE_MARKS.test(tokens[before - 1]!.text)) before--;
  const atFront = before === sentenceFirst || (before - sentenceFirst <= 1 && TRAILING_JOINERS.has(tokens[sentenceFirst]!.lower));
  // The source runs on to the comma or the sentence end: "according to an Associated Press-GfK
  // poll released Thursday", "according to excerpts of his speech released by the White House".
  {
    let end = source.end;
    while (end < lastContent && end - source.first < 24 && !isBlocked(ctx, end) && tokens[end]!.text !== ',' && tokens[end]!.text !== ';' && tokens[end]!.text !== ':' && tokens[end]!.lower !== 'that') end++;
    if (end >= lastContent || tokens[end]!.text === ',' || tokens[end]!.text === ';' || tokens[end]!.text === ':') source = { first: source.first, end };
  }
  if (atFront) {
    let start = source.end;
    while (start < sentenceEnd && isPunct(tokens[start]!) && opensQuote(ctx, start) < 0) start++;
    return { cue, head, kind: 'according-front', source, anchor: cue.firstToken, contentFirst: start, contentEnd: sentenceEnd, addressee: null, lead: null, sourceless: false };
  }
  return { cue, head, kind: 'according-back', source, anchor: cue.firstToken, contentFirst: sentenceFirst, contentEnd: before, addressee: null, lead: null, sourceless: false };
}

/**
 * The tagger may break the phrase after "according to" ("the Associated/VERB Press"): the words up
 * to the clause's edge, when they hold a noun.
 */
function nounWordsAfter(ctx: Context, site: CueSite): TokenRange | null {
  const tokens = ctx.tokens;
  const { cue, lastContent } = site;
  let end = cue.endToken;
  let noun = false;
  while (end < lastContent && end - cue.endToken < 12 && !isBlocked(ctx, end) && !isPunct(tokens[end]!) && tokens[end]!.lower !== 'that') {
    if (tokens[end]!.pos === 'PROPN' || tokens[end]!.pos === 'NOUN') noun = true;
    end++;
  }
  if (!noun || end === cue.endToken) return null;
  return { first: cue.endToken, end };
}

/** The source before the cue, perhaps with an appositive, or the subject the cue's verb shares. */
function sourceBeforeCue(ctx: Context, site: CueSite): TokenRange | null {
  const tokens = ctx.tokens;
  const { cue, head, sentenceFirst } = site;
  const b = cue.firstToken;
  const previous = b > sentenceFirst ? tokens[b - 1]! : null;
  if (!previous) return null;
  if (previous.text === ',' && !isBlocked(ctx, b - 1)) {
    const source = appositiveSource(ctx, site);
    if (source || !/ing$/.test(tokens[head]!.lower)) return source;
    // ", saying …": the subject of the sentence, or the source of the attribution before it.
    return ctx.lastSource && ctx.lastSourceSentence === tokens[head]!.sentence ? ctx.lastSource : sentenceSubject(ctx, sentenceFirst, b - 1);
  }
  if (previous.lower === 'by' && /ing$/.test(tokens[head]!.lower) && b - 1 > sentenceFirst) {
    // "began by saying …": the subject of the verb before.
    return sentenceSubject(ctx, sentenceFirst, b - 1);
  }
  if ((previous.lower === 'and' || previous.lower === 'but') && b - 1 > sentenceFirst) return coordinatedSubject(ctx, site);
  return subjectBeforeCue(ctx, site);
}

/**
 * "Andrii Kovaliov, military spokesman for the General Staff in Kyiv, said": a name, an
 * appositive and a comma before the cue.
 */
function appositiveSource(ctx: Context, site: CueSite): TokenRange | null {
  const tokens = ctx.tokens;
  const { sentenceFirst } = site;
  const b = site.cue.firstToken;
  let k = b - 2;
  while (k > sentenceFirst && b - k < 25 && tokens[k]!.text !== ',' && !isBlocked(ctx, k)) k--;
  if (!(k >= sentenceFirst && k < b - 2 && (tokens[k]!.text === ',' || k === sentenceFirst))) return null;
  const appositive = { first: k + 1, end: b - 1 };
  const appositiveFirst = tokens[k + 1]!;
  let name = tokens[k]!.text === ',' ? nounPhraseBefore(tokens, k, sentenceFirst, ctx.blocked) : null;
  // "Clinton, 35, the daughter of …, said": a second appositive before the first.
  if (name && name.first > sentenceFirst + 1 && tokens[name.first - 1]!.text === ',' && name.end - name.first <= 2 && tokens[name.first]!.pos === 'NUM') {
    const earlier = nounPhraseBefore(tokens, name.first - 1, sentenceFirst, ctx.blocked);
    if (earlier && isNameLike(tokens, earlier)) name = earlier;
  }
  if (!name) return null;
  const appositiveIsPhrase = !VERBAL.has(appositiveFirst.pos) && appositiveFirst.text !== '“' && appositiveFirst.text !== '"';
  // "Smith, however, said", "Cox, who runs the NRA’s lobbying arm, says": an aside or a
  // relative clause between the name and the cue is not part of the source (PolNeAR mostly
  // leaves it out); an appositive noun phrase is ("Kovaliov, military spokesman …, said").
  const aside = ASIDE_STARTS.has(appositiveFirst.lower) || (appositive.end - appositive.first <= 2 && appositiveFirst.pos === 'ADV');
  const nameOk = name.first === sentenceFirst || tokens[name.first - 1]!.text === ',' || TRAILING_JOINERS.has(tokens[name.first - 1]!.lower) || CLOSE_MARKS.test(tokens[name.first - 1]!.text);
  if (nameOk && aside && name.end - name.first <= 8) return name;
  if (nameOk && name.end - name.first <= 8 && appositiveIsPhrase && (isNameLike(tokens, name) || isNameLike(tokens, appositive))) return { first: name.first, end: b - 1 };
  return null;
}

/** "Carson did not mention them, but told his supporters …": the subject of the first predicate. */
function coordinatedSubject(ctx: Context, site: CueSite): TokenRange | null {
  const b = site.cue.firstToken;
  const before = ctx.tokens[b - 2]!;
  if (!(before.text === ',' || VERBAL.has(before.pos) || before.pos === 'NOUN' || before.pos === 'PROPN' || before.pos === 'ADV' || before.pos === 'PRON')) return null;
  const source = sentenceSubject(ctx, site.sentenceFirst, b - 1);
  return source && source.end >= b - 1 ? null : source;
}

/** The noun phrase right before the cue ("Kerry said", "Putin on Thursday said"). */
function subjectBeforeCue(ctx: Context, site: CueSite): TokenRange | null {
  const tokens = ctx.tokens;
  const { sentenceFirst } = site;
  const blocked = ctx.blocked;
  let end = site.cue.firstToken;
  // "Putin on Thursday said": step over a time phrase.
  if (isTimeWord(tokens[end - 1]!)) {
    let k = end - 1;
    while (k > sentenceFirst && (isTimeWord(tokens[k]!) || tokens[k]!.pos === 'ADP' || tokens[k]!.pos === 'DET')) k--;
    if (k < end - 1 && tokens[k + 1]!.pos === 'ADP') end = k + 1;
  }
  let source = nounPhraseBefore(tokens, end, sentenceFirst, blocked);
  // "Sanders Saturday criticized": a time word is no source; look before it.
  if (source && tokens.slice(source.first, source.end).every((t) => isTimeWord(t) || t.pos === 'DET')) {
    source = nounPhraseBefore(tokens, source.first, sentenceFirst, blocked);
  }
  // "Carter’s press secretary, Peter Cook, told": a title phrase opening the sentence, then the name.
  if (source && isNameLike(tokens, source) && source.first >= sentenceFirst + 2 && tokens[source.first - 1]!.text === ',') {
    const title = nounPhraseBefore(tokens, source.first - 1, sentenceFirst, blocked);
    if (title && title.first === sentenceFirst && title.end - title.first <= 6 && tokens[title.end - 1]!.pos === 'NOUN') source = { first: title.first, end: source.end };
  }
  // The phrase right before the verb is a preposition's object ("… signed with Kim Jong Un states"):
  // the subject is the phrase that opens the sentence.
  if (source && source.first > sentenceFirst && tokens[source.first - 1]!.pos === 'ADP' && tokens[source.first - 1]!.lower !== 'to') {
    const subject = subjectAtStart(tokens, sentenceFirst, source.first - 1, blocked);
    if (subject) source = subject;
  }
  return source;
}

/** Whether the cue is a passive participle ("was announced", "is expected"). */
function isPassive(ctx: Context, site: CueSite): boolean {
  const tokens = ctx.tokens;
  let be = false;
  for (let k = site.cue.firstToken; k < site.head; k++) if (BE_FORMS.has(tokens[k]!.lower)) be = true;
  return be && /ed$|en$|own$|old$|id$|ought$|eard$/.test(tokens[site.head]!.lower);
}

/**
 * Passive cues: "Syed Farook’s name was announced (by police)": the subject is the content and
 * the source, if any, follows "by".
 */
function passiveFrame(ctx: Context, site: CueSite, subject: TokenRange | null): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head, sentenceEnd } = site;
  let by: TokenRange | null = null;
  if (cue.endToken < sentenceEnd && tokens[cue.endToken]!.lower === 'by') by = nounPhraseAfter(tokens, cue.endToken + 1, sentenceEnd, ctx.blocked);
  const after = by ? by.end : cue.endToken;
  if (isEmptyTail(ctx, after, sentenceEnd) && subject) {
    return { cue, head, kind: 'postposed', source: by, anchor: subject.first, contentFirst: subject.first, contentEnd: subject.end, addressee: null, lead: null, sourceless: false };
  }
  const { start } = contentStartAfter(ctx, after, sentenceEnd, false);
  if (start >= site.lastContent) return null;
  return { cue, head, kind: 'forward', source: by, anchor: subject ? subject.first : cue.firstToken, contentFirst: start, contentEnd: sentenceEnd, addressee: null, lead: subject, sourceless: false };
}

/** The frame of an active cue whose source before it (if any) is known. */
function activeFrame(ctx: Context, site: CueSite, sourceBefore: TokenRange | null): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head, sentenceFirst, sentenceEnd } = site;
  const b = cue.firstToken;
  // "…,” said Putin." / "…, said John Smith, a spokesman."
  const after = sourceBefore ? null : sourceAfterCue(ctx, site);
  const inverted = after !== null;
  let source = sourceBefore ?? after;
  const afterCue = after ? after.end : cue.endToken;
  const quotedBefore = quotationBeforeSentence(ctx, site, source, inverted, afterCue);
  if (quotedBefore) return quotedBefore;
  // “…,” X said in an interview with CNN aired Monday on “New Day.” — after a closing quote
  // mark, whatever follows the cue is circumstance unless it opens a clause or a quotation.
  const quoteBefore = source !== null && (inverted ? followsQuotation(ctx, b) : followsQuotation(ctx, source.first));
  if (quoteBefore && (inverted || sourcePrecededByBreakEarly(tokens, source!, sentenceFirst)) && !opensClause(ctx, site, afterCue)) {
    let end = inverted ? b : source!.first;
    while (end > sentenceFirst && (tokens[end - 1]!.text === ',' || tokens[end - 1]!.text === '—')) end--;
    if (end > sentenceFirst) return { cue, head, kind: 'postposed', source, anchor: inverted ? cue.firstToken : source!.first, contentFirst: sentenceFirst, contentEnd: end, addressee: null, lead: null, sourceless: false };
  }
  const anchor = inverted ? cue.firstToken : anchorOf(source, cue);
  const sourcePrecededByBreak =
    source !== null && !inverted && source.first > sentenceFirst && (tokens[source.first - 1]!.text === ',' || CLOSE_MARKS.test(tokens[source.first - 1]!.text) || tokens[source.first - 1]!.text === '—');
  const clauseBeforeCue = inverted ? b > sentenceFirst : sourcePrecededByBreak;
  if (clauseBeforeCue && isEmptyTail(ctx, afterCue, sentenceEnd)) {
    let end = inverted ? b : source!.first;
    while (end > sentenceFirst && (tokens[end - 1]!.text === ',' || tokens[end - 1]!.text === '—')) end--;
    return { cue, head, kind: 'postposed', source, anchor, contentFirst: sentenceFirst, contentEnd: end, addressee: null, lead: null, sourceless: false };
  }
  // "said Putin" with content after it is rare; treat the phrase as the content instead.
  if (inverted) source = null;
  return forwardFrame(ctx, site, source);
}

/** "…,” said Putin." / "…, said John Smith, a spokesman.": the source right after the cue, or null. */
function sourceAfterCue(ctx: Context, site: CueSite): TokenRange | null {
  const tokens = ctx.tokens;
  const { cue, head, sentenceFirst, lastContent } = site;
  const b = cue.firstToken;
  const previous = b > sentenceFirst ? tokens[b - 1]! : null;
  if (previous && !(previous.text === ',' || CLOSE_MARKS.test(previous.text) || ctx.quoteOf[b - 1]! >= 0)) return null;
  const after = nounPhraseAfter(tokens, cue.endToken, sentenceEndJoined(ctx, head), ctx.blocked);
  if (!after || !(after.end >= lastContent || isPunct(tokens[after.end]!))) return null;
  // "said Jim Clyburn, a Democratic congressman from South Carolina."
  if (after.end < lastContent && tokens[after.end]!.text === ',' && lastContent - after.end <= 20 && after.end + 1 < lastContent) {
    const next = tokens[after.end + 1]!;
    let quoted = false;
    for (let k = after.end; k < lastContent; k++) if (isBlocked(ctx, k)) quoted = true;
    if (!quoted && (['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(next.pos) || next.lower === 'then' || next.lower === 'who')) return { first: after.first, end: lastContent };
  }
  return after;
}

/**
 * “…” Trump said. / “…” said Ed Rendell, a former governor. — the splitter ended the sentence at
 * the closing mark: the quotation before the sentence is the content.
 */
function quotationBeforeSentence(ctx: Context, site: CueSite, source: TokenRange | null, inverted: boolean, afterCue: number): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head, sentenceFirst, sentenceEnd } = site;
  if (!source || sentenceFirst === 0) return null;
  if (inverted ? cue.firstToken !== sentenceFirst : source.first !== sentenceFirst) return null;
  if (!isEmptyTail(ctx, afterCue, sentenceEnd)) return null;
  const q = ctx.quoteOf[sentenceFirst - 1]!;
  if (q < 0 || tokens[sentenceFirst - 1]!.paragraph !== tokens[head]!.paragraph || ctx.doc.quotations[q]!.end !== tokens[sentenceFirst - 1]!.end) return null;
  const qFirst = ctx.doc.tokenFrom(ctx.doc.quotations[q]!.start);
  return { cue, head, kind: 'postposed', source, anchor: inverted ? cue.firstToken : source.first, contentFirst: qFirst, contentEnd: sentenceFirst, addressee: null, lead: null, sourceless: false };
}

/** Whether token k follows a closing quotation mark (perhaps with a comma between). */
function followsQuotation(ctx: Context, k: number): boolean {
  const tokens = ctx.tokens;
  return (k > 0 && (CLOSE_MARKS.test(tokens[k - 1]!.text) || (COMMA.has(tokens[k - 1]!.text) && k > 1 && CLOSE_MARKS.test(tokens[k - 2]!.text))) && ctx.quoteOf[k - 1]! >= 0) || (k > 1 && ctx.quoteOf[k - 2]! >= 0 && COMMA.has(tokens[k - 1]!.text));
}

/** Whether a clause or a quoted passage opens at token k (after punctuation): "that", "whether", a colon, a quotation. */
function opensClause(ctx: Context, site: CueSite, k: number): boolean {
  const tokens = ctx.tokens;
  while (k < site.sentenceEnd && isPunct(tokens[k]!) && tokens[k]!.text !== ':' && opensQuote(ctx, k) < 0) k++;
  if (k >= site.lastContent) return false;
  const t = tokens[k]!;
  return t.lower === 'that' || t.lower === 'whether' || t.text === ':' || (opensQuote(ctx, k) >= 0 && !ctx.shortQuote[ctx.quoteOf[k]!]);
}

/** "X said (that) …", "X told reporters that …", "X said: “…”": the content follows the cue. */
function forwardFrame(ctx: Context, site: CueSite, source: TokenRange | null): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head, phrase, sentenceFirst, sentenceEnd, lastContent } = site;
  const verb = ctx.lexicon.verbs.get(cue.lemma);
  const found = contentStartAfter(ctx, cue.endToken, sentenceEnd, verb?.addressee === true);
  const { addressee } = found;
  let start = found.start;
  if (start >= lastContent) {
    const quoted = quotationOpeningAfter(ctx, site, source, addressee);
    if (quoted) return quoted;
  }
  // "said on Friday he can …": "on" before a day dates the saying, it is no governed preposition;
  // the content starts after the day, and the cue stays the verb (cueExtent).
  if (!phrase && start === cue.endToken && start + 2 < lastContent && datesTheCue(tokens, start)) {
    start += 2;
    if (start + 1 < lastContent && DAY_PARTS.has(tokens[start]!.lower)) start++; // "on Wednesday night"
  }
  else if (!phrase && start === cue.endToken && start + 1 < lastContent && GOVERNED_PREPOSITIONS.has(tokens[start]!.lower) && tokens[start]!.pos === 'ADP') start++;
  if (start >= lastContent) return null;
  // "They appear to be unanimous …": the subject of a raising verb is part of the content.
  if (source && RAISING.has(cue.lemma) && tokens[start]!.lower === 'to') {
    return { cue, head, kind: 'forward', source, anchor: source.first, contentFirst: start, contentEnd: sentenceEnd, addressee, lead: source, sourceless: true };
  }
  // "This campaign, he says, is different": the report stands on both sides of the cue.
  if (source && sourcePrecededByBreakEarly(tokens, source, sentenceFirst) && tokens[source.first - 1]!.text === ',' && cue.endToken < sentenceEnd && tokens[cue.endToken]!.text === ',') {
    let leadEnd = source.first - 1;
    while (leadEnd > sentenceFirst && isPunct(tokens[leadEnd - 1]!) && ctx.quoteOf[leadEnd - 1]! < 0) leadEnd--;
    if (leadEnd > sentenceFirst) return { cue, head, kind: 'forward', source, anchor: sentenceFirst, contentFirst: start, contentEnd: sentenceEnd, addressee, lead: { first: sentenceFirst, end: leadEnd }, sourceless: false };
  }
  // "the 1920 election, which he said was a blow-out": the relative pronoun is the clause's subject.
  // "a disaster, which he declared “a total disaster”", "what he called “a fraudulent scheme”".
  if (source && source.first > sentenceFirst && RELATIVES.has(tokens[source.first - 1]!.lower) && (VERBAL.has(tokens[start]!.pos) || NAMING.has(cue.lemma))) {
    return { cue, head, kind: 'forward', source, anchor: source.first - 1, contentFirst: start, contentEnd: sentenceEnd, addressee, lead: { first: source.first - 1, end: source.first }, sourceless: false };
  }
  // "Asked whether …, Ryan said": a participle opening the sentence reports up to the comma.
  const opening = cue.firstToken === sentenceFirst || (cue.firstToken === sentenceFirst + 1 && tokens[sentenceFirst]!.lower === 'when');
  if (opening && /(ed|ing)$/.test(tokens[head]!.lower)) {
    let comma = start;
    while (comma < sentenceEnd && !(tokens[comma]!.text === ',' && ctx.quoteOf[comma]! < 0)) comma++;
    if (comma < sentenceEnd) return { cue, head, kind: 'forward', source, anchor: cue.firstToken, contentFirst: start, contentEnd: comma, addressee, lead: null, sourceless: false };
  }
  return { cue, head, kind: 'forward', source, anchor: anchorOf(source, cue), contentFirst: start, contentEnd: sentenceEnd, addressee, lead: null, sourceless: false };
}

/**
 * A cue at the end of its sentence whose content is the quotation opening right after it ("X
 * said: “…”"), or in the next paragraph after a colon ("Reporter Jomana Karadsheh says:¶“Well
 * Anderson, …”"); null when there is none.
 */
function quotationOpeningAfter(ctx: Context, site: CueSite, source: TokenRange | null, addressee: TokenRange | null): Frame | null {
  const tokens = ctx.tokens;
  const { cue, head } = site;
  let k = cue.endToken;
  while (k < tokens.length && k - cue.endToken < 3 && (tokens[k]!.text === ',' || tokens[k]!.text === ':')) k++;
  const colonAtEnd = k > cue.endToken && tokens[k - 1]!.text === ':' && k < tokens.length && tokens[k]!.paragraph === tokens[head]!.paragraph + 1;
  const q = k < tokens.length && (tokens[k]!.paragraph === tokens[head]!.paragraph || colonAtEnd) ? opensQuote(ctx, k) : -1;
  if (q < 0 || ctx.shortQuote[q]) return null;
  return { cue, head, kind: 'forward', source, anchor: anchorOf(source, cue), contentFirst: k, contentEnd: ctx.doc.tokenFrom(ctx.doc.quotations[q]!.end), addressee, lead: null, sourceless: false };
}

/** The prior of a cue whose statement has no source in the text ("It was reported that …"). */
function noSourcePrior(ctx: Context, cue: Cue): number {
  const entry = ctx.lexicon.verbs.get(cue.lemma) ?? ctx.lexicon.phrasesByLemma.get(cue.lemma);
  if (!entry) return cue.score * 0.7;
  const ratio = entry.priorNoSource !== undefined ? entry.priorNoSource / entry.prior : 0.7;
  return Math.min(1, cue.score * ratio);
}

/**
 * Whether a frame may become a statement: a weak cue needs a quotation at its content's edge, and
 * a cue with no source in the text must be a strong one. Decided before contents are cut, so that
 * a weak cue never cuts a strong one's content.
 */
function isViable(ctx: Context, frame: Frame): boolean {
  const prior = frame.cue.score;
  if (!frame.source) return noSourcePrior(ctx, frame.cue) >= MIN_PRIOR_NO_SOURCE;
  if (prior >= MIN_PRIOR) return true;
  if (prior < MIN_PRIOR_QUOTED) return false;
  const { contentFirst, contentEnd } = frame;
  if (contentEnd <= contentFirst) return false;
  if (opensQuote(ctx, contentFirst) >= 0) return true;
  let last = contentEnd - 1;
  while (last > contentFirst && isPunct(ctx.tokens[last]!) && ctx.quoteOf[last]! < 0) last--;
  return frame.kind === 'postposed' && ctx.quoteOf[last]! >= 0 && ctx.quoteOf[contentFirst]! >= 0;
}

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'recently', 'repeatedly', 'earlier', 'later', 'today', 'yesterday']);
const DAY_NAMES = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
const ON = new Set(['on']);
const DAY_PARTS = new Set(['morning', 'afternoon', 'evening', 'night']);

/** "on Friday" right at tokens[i]: a date of the saying, not a preposition the cue governs. */
function datesTheCue(tokens: readonly Token[], i: number): boolean {
  return i + 1 < tokens.length && ON.has(tokens[i]!.lower) && DAY_NAMES.has(tokens[i + 1]!.lower);
}
const STATEMENT_NOUNS = new Set(['statement', 'interview', 'tweet', 'email', 'release']);

/**
 * Where the cue span ends. PolNeAR's cues take in a governed preposition ("railed against"), a day
 * ("said Thursday", but not "said on Friday") and the form of the statement ("said in a statement"), when they stand right
 * after the verb and before the content.
 */
function cueExtent(ctx: Context, frame: Frame): number {
  const { tokens } = ctx;
  const end = frame.cue.endToken;
  if (frame.kind === 'according-front' || frame.kind === 'according-back' || frame.cue.lemma === ':') return end;
  const limit = Math.min(
    sentenceBounds(ctx, frame.head)[1],
    frame.kind === 'forward' ? frame.contentFirst : Number.POSITIVE_INFINITY,
    frame.source && frame.source.first >= end ? frame.source.first : Number.POSITIVE_INFINITY,
  );
  if (end >= limit) return end;
  const t = tokens[end]!;
  // "said on Friday": PolNeAR's cue is the verb alone (27 of 31 such cues in train).
  if (datesTheCue(tokens, end)) return end;
  if (frame.kind === 'forward' && frame.contentFirst === end + 1 && GOVERNED_PREPOSITIONS.has(t.lower)) return end + 1;
  if (WEEKDAYS.has(t.lower)) return end + 1;
  if (t.lower === 'in' && end + 2 < limit && ['a', 'an', 'the'].includes(tokens[end + 1]!.lower) && STATEMENT_NOUNS.has(tokens[end + 2]!.lower)) return end + 3;
  return end;
}

/**
 * Where an attribution's own words begin: its source when the source stands right before the cue
 * ("Kerry said"), else the cue ("… but did not suggest", whose source is the sentence's subject).
 */
function anchorOf(source: TokenRange | null, cue: Cue): number {
  return source && source.end >= cue.firstToken - 1 && source.first <= cue.firstToken ? Math.min(source.first, cue.firstToken) : cue.firstToken;
}

/** Whether the token before a source is a break (comma, dash, closing quote mark). */
function sourcePrecededByBreakEarly(tokens: readonly Token[], source: TokenRange, sentenceFirst: number): boolean {
  if (source.first <= sentenceFirst) return false;
  const t = tokens[source.first - 1]!;
  return t.text === ',' || t.text === '—' || CLOSE_MARKS.test(t.text);
}

/** Trims trailing punctuation and joining words off a clause content, but nothing inside a quotation it opened. */
function trimClauseEnd(ctx: Context, first: number, end: number): number {
  const tokens = ctx.tokens;
  while (end > first) {
    const t = tokens[end - 1]!;
    if (ctx.quoteOf[end - 1]! >= 0 && ctx.doc.quotations[ctx.quoteOf[end - 1]!]!.start >= tokens[first]!.start) break;
    if (isPunct(t)) end--;
    else if (TRAILING_JOINERS.has(t.lower) && ctx.quoteOf[end - 1]! < 0) end--;
    else break;
  }
  return end;
}

/**
 * The quotation chain that continues quotation q into the following paragraphs. An unclosed
 * quotation is the last of its paragraph, so its continuation can only be the next one.
 */
function continuations(doc: Doc, q: number): number[] {
  const chain: number[] = [];
  for (let current = q; current + 1 < doc.quotations.length && doc.quotations[current + 1]!.continues === current; current++) chain.push(current + 1);
  return chain;
}

function quotationSpan(q: Quotation): Span {
  return { start: q.start, end: q.end };
}

export function findStatements(doc: Doc, lexicon: CueLexicon = cueLexicon()): Statement[] {
  const tokens = doc.tokens;
  // One array literal for every outcome, so that all statement lists share one elements kind (see
  // the learned stage's modelStatements).
  const statements: Statement[] = [];
  if (!tokens.length || !doc.cues.length) return statements;
  const ctx: Context = { doc, tokens, lexicon, quoteOf: quotationOfTokens(doc), shortQuote: shortQuotations(doc), cueGroup: lexicon.groupWords, blocked: (k) => isBlocked(ctx, k), lastSource: null, lastSourceSentence: -1 };
  const frames = collectFrames(ctx);
  // Content: cut each clause where the next attribution in the sentence begins. A quotation taken
  // as one statement's content is claimed, and no later statement takes it again.
  const claimed = new Set<number>();
  for (let f = 0; f < frames.length; f++) {
    const statement = statementOfFrame(ctx, frames, f, claimed);
    if (statement) statements.push(statement);
  }
  statements.sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end);
  statements.forEach((s, i) => (s.id = `s${i + 1}`));
  return statements;
}

// findStatements is split into the helpers below, each doing one thing, so that V8 compiles each
// small and a rarely taken branch deoptimises (and recompiles) only its own helper: as one
// function it was recompiled 5 times over the BBC set (725 ms of TurboFan time).

/** For each token, the quotation whose span holds it, or -1. */
function quotationOfTokens(doc: Doc): Int32Array {
  const tokens = doc.tokens;
  const qs = doc.quotations;
  const quoteOf = new Int32Array(tokens.length).fill(-1);
  let q = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (q < qs.length && qs[q]!.end <= t.start) q++;
    if (q < qs.length && qs[q]!.start <= t.start && t.start < qs[q]!.end) quoteOf[i] = q;
  }
  return quoteOf;
}

/** For each quotation, 1 when it is closed and holds four words or fewer (a title, a scare quote). */
function shortQuotations(doc: Doc): Uint8Array {
  const shortQuote = new Uint8Array(doc.quotations.length);
  doc.quotations.forEach((q, i) => {
    shortQuote[i] = q.closed && hasAtMostWords(doc.text, q.inner.start, q.inner.end, 4) ? 1 : 0;
  });
  return shortQuote;
}

/** The frames of the document's cues in text order, nested and competing cues resolved. */
function collectFrames(ctx: Context): Frame[] {
  const { doc, tokens, lexicon, quoteOf } = ctx;
  const frames: Frame[] = [];
  let lastEnd = -1;
  for (const cue of doc.cues) {
    if (cue.start < lastEnd) continue;
    const phrase = lexicon.phrasesByLemma.get(cue.lemma);
    const head = phrase ? cue.endToken - phrase.words.length : cue.endToken - 1;
    // Cues inside quoted words belong to the quoted speaker's own words, not to an attribution.
    if (head < 0 || head >= tokens.length || quoteOf[head]! >= 0) continue;
    if (cue.score < MIN_PRIOR_QUOTED) continue;
    // "so-called" is no cue.
    if (head >= 2 && tokens[head - 1]!.text === '-' && tokens[head - 2]!.lower === 'so') continue;
    let frame = frameOf(ctx, cue);
    if (!frame || !isViable(ctx, frame)) continue;
    const outer = frames[frames.length - 1];
    if (outer && isNestedInClause(ctx, outer, frame)) continue;
    if (frame.kind === 'postposed') dropWeakerFramesInside(ctx, frames, frame);
    if (frame.kind === 'according-back' && outer && outer.kind === 'forward') frame = narrowAccordingBack(ctx, outer, frame);
    frames.push(frame);
    lastEnd = cue.end;
    if (frame.source) {
      ctx.lastSource = frame.source;
      ctx.lastSourceSentence = tokens[frame.head]!.sentence;
    }
  }
  return frames;
}

/**
 * Whether a frame is part of the clause of the attribution before it: a weak cue is ("He said that
 * he would offer …"); a strong one starts its own after a clause edge ("… that he said Russia …").
 */
function isNestedInClause(ctx: Context, outer: Frame, frame: Frame): boolean {
  const tokens = ctx.tokens;
  return (
    (outer.kind === 'forward' || outer.kind === 'according-front') &&
    tokens[outer.head]!.sentence === tokens[frame.head]!.sentence &&
    frame.anchor >= outer.contentFirst &&
    frame.kind !== 'according-back' &&
    (frame.cue.score < NESTED_MIN_PRIOR || (frame.anchor > 0 && !CLAUSE_EDGE.has(tokens[frame.anchor - 1]!.lower) && !isPunct(tokens[frame.anchor - 1]!)))
  );
}

/**
 * "…, instructed employees not to disclose information …, the report said": a strong postposed
 * cue takes its clause back from the weaker cues found inside it.
 */
function dropWeakerFramesInside(ctx: Context, frames: Frame[], frame: Frame): void {
  const tokens = ctx.tokens;
  while (frames.length) {
    const inner = frames[frames.length - 1]!;
    if (tokens[inner.head]!.sentence !== tokens[frame.head]!.sentence || inner.head < frame.contentFirst || inner.cue.score >= frame.cue.score || inner.cue.score >= NESTED_MIN_PRIOR) break;
    frames.pop();
  }
}

/**
 * "X says his streak is proof …, which stood at 263, according to the AP": after another
 * attribution's clause in the sentence, "according to" reports only the clause segment before it.
 */
function narrowAccordingBack(ctx: Context, outer: Frame, frame: Frame): Frame {
  const { tokens, quoteOf } = ctx;
  if (tokens[outer.head]!.sentence !== tokens[frame.head]!.sentence || outer.contentFirst >= frame.contentEnd) return frame;
  let comma = frame.contentEnd - 1;
  while (comma > outer.contentFirst && !(tokens[comma]!.text === ',' && quoteOf[comma]! < 0)) comma--;
  if (comma > outer.contentFirst) {
    // A new frame rather than `frame.anchor = comma`: no other code writes an anchor, so V8 compiles
    // the frames' readers (activeFrame, clauseContentEnd) for a constant field, and the first write,
    // part way through a run, deoptimised them. The fields in the order of every frame literal above.
    const { cue, head, kind, source, contentEnd, addressee, lead, sourceless } = frame;
    return { cue, head, kind, source, anchor: comma, contentFirst: comma + 1, contentEnd, addressee, lead, sourceless };
  }
  frame.contentFirst = outer.contentFirst; // both report the whole clause
  return frame;
}

/** The statement of frames[f], or null when its content is empty or its cue too weak for it. */
function statementOfFrame(ctx: Context, frames: readonly Frame[], f: number, claimed: Set<number>): Statement | null {
  const { tokens, quoteOf } = ctx;
  const frame = frames[f]!;
  let first = frame.contentFirst;
  let end = frame.contentEnd;
  const quoted: number[] = [];
  if (frame.kind === 'forward' || frame.kind === 'according-front') {
    const q = opensQuote(ctx, first);
    if (q >= 0 && !claimed.has(q)) {
      end = quotedContentEnd(ctx, frames, f, first, end, q);
      quoted.push(q);
    } else {
      end = clauseContentEnd(ctx, frames, f, first, end);
    }
  } else {
    first = postposedContentFirst(ctx, frames, f, first, end, claimed);
    end = trimClauseEnd(ctx, first, end);
  }
  if (end <= first) return null;
  const spans: Span[] = [{ start: tokens[first]!.start, end: tokens[end - 1]!.end }];
  if (frame.lead && frame.lead.end <= first) spans.push({ start: tokens[frame.lead.first]!.start, end: tokens[frame.lead.end - 1]!.end });
  for (let k = first; k < end; k++) if (quoteOf[k]! >= 0 && !quoted.includes(quoteOf[k]!)) quoted.push(quoteOf[k]!);

  addQuotationAfterColon(ctx, end, spans, quoted, claimed);
  if (frame.kind === 'forward' && quoted.length && opensQuote(ctx, frame.contentFirst) >= 0) addQuotationBeforeCue(ctx, frame, spans, quoted, claimed);
  const endsWithQuote = quoted.length > 0 && ctx.doc.quotations[quoted[quoted.length - 1]!]!.end >= tokens[end - 1]!.end;
  if (frame.kind === 'postposed' && endsWithQuote) addQuotationsAfterCue(ctx, frames, f, spans, quoted, claimed);
  addStandaloneQuotedParagraph(ctx, frames, f, spans, quoted, claimed);
  addContinuations(ctx, spans, quoted, claimed);
  return statementFromContent(ctx, frame, spans, quoted, claimed);
}

/**
 * "X said: “…”": where a content that opens with quotation q ends: the quoted passage, however
 * many sentences it runs, and what follows it in the sentence up to the next attribution ("said
 * “we will win” in November").
 */
function quotedContentEnd(ctx: Context, frames: readonly Frame[], f: number, first: number, end: number, q: number): number {
  const quoteEnd = ctx.doc.tokenFrom(ctx.doc.quotations[q]!.end);
  for (let g = f + 1; g < frames.length && frames[g]!.anchor < end; g++) {
    if (frames[g]!.anchor >= quoteEnd) {
      end = frames[g]!.anchor;
      break;
    }
  }
  return trimClauseEnd(ctx, first, Math.max(end, quoteEnd));
}

/** Where a clause content after a forward cue ends: at the next attribution in the sentence, an adjunct or a clause break. */
function clauseContentEnd(ctx: Context, frames: readonly Frame[], f: number, first: number, end: number): number {
  const { doc, tokens, quoteOf } = ctx;
  const frame = frames[f]!;
  const sentence = tokens[frame.head]!.sentence;
  for (let g = f + 1; g < frames.length; g++) {
    const next = frames[g]!;
    if (tokens[next.head]!.sentence !== sentence) break;
    if (next.anchor > first && !coordinatedModal(tokens, next.anchor, first)) {
      end = Math.min(end, next.anchor);
      break;
    }
  }
  end = askedAdjunctStart(ctx, first, end);
  end = clauseBreak(ctx, frame, first, end);
  // A quotation opened inside the clause and closed after the sentence ends runs on.
  const lastQ = end > first ? quoteOf[end - 1]! : -1;
  if (lastQ >= 0 && doc.quotations[lastQ]!.start >= tokens[first]!.start && doc.quotations[lastQ]!.end > tokens[end - 1]!.end) {
    end = doc.tokenFrom(doc.quotations[lastQ]!.end);
  }
  return trimClauseEnd(ctx, first, end);
}

const MODALS = new Set(['can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'would']);
const AND_OR = new Set(['and', 'or']);

/** "he can and may declare …": a cue at `anchor` that opens with a modal coordinated with the modal
 * before it shares that modal's verb, so it is inside the clause, not the next attribution. */
function coordinatedModal(tokens: readonly Token[], anchor: number, first: number): boolean {
  return anchor - 2 >= first && MODALS.has(tokens[anchor]!.lower) && AND_OR.has(tokens[anchor - 1]!.lower) && MODALS.has(tokens[anchor - 2]!.lower);
}

/** ", when asked about …" says how the words came, not what they were: the content ends before it (or at end). */
function askedAdjunctStart(ctx: Context, first: number, end: number): number {
  const { tokens, quoteOf } = ctx;
  if (first + 1 >= end) return end;
  // Every operation here is reached by common tokens (a comma leads often enough), none only by the
  // rare ", when asked": an operation first reached in optimised code deoptimises the function,
  // as the look-ups after an ASKED word and the `k - 1` returned for it did. The lead words are
  // tested before the set look-up, which most tokens then skip.
  let previous = tokens[first]!;
  let k = first + 1;
  for (; k < end; k++) {
    const t = tokens[k]!;
    const lead = previous.lower === 'when' || previous.text === ',' || previous.lower === 'after';
    if (lead && quoteOf[k]! < 0 && ASKED.has(t.lower)) break;
    previous = t;
  }
  return k - (k < end ? 1 : 0);
}

/**
 * Where the reported clause breaks off (or end): at a semicolon, at a comma before a new clause or
 * an aside (", while about 4 in 10 want …", ", though voters …"), at a participle adjunct or at a
 * second predicate of the speaker.
 */
function clauseBreak(ctx: Context, frame: Frame, first: number, end: number): number {
  const { tokens, quoteOf } = ctx;
  for (let k = first + 1; k < end; k++) {
    if (quoteOf[k]! >= 0) continue;
    const t = tokens[k]!;
    if (t.text === ';') return k;
    const next = k + 1 < end ? tokens[k + 1]! : null;
    if (!next || quoteOf[k + 1]! >= 0) continue;
    const isBreak = t.text === ',' || t.text === '--' || t.text === '—' || t.text === '–';
    if (isBreak && CLAUSE_BREAK_AFTER_COMMA.has(next.lower) && breaksOffAfterJoiner(tokens, next, k, end)) return k;
    // ", calling the expropriation …", ", arguing that …": a participle adjunct after a comma.
    if (isBreak && VERBAL.has(next.pos) && /ing$/.test(next.lower) && !PREPOSITION_LIKE.has(next.lower) && k > first + 2) return k;
    if ((t.lower === 'and' || t.text === ',') && k > first + 2 && startsSecondPredicate(tokens, frame, k, next)) return k;
  }
  return end;
}

/** After ", but", the report goes on when "not for …" or "that …" follows; after the other joiners it ends. */
function breaksOffAfterJoiner(tokens: readonly Token[], joiner: Token, k: number, end: number): boolean {
  if (joiner.lower !== 'but') return true;
  const after = k + 2 < end ? tokens[k + 2]! : null;
  return after !== null && (after.pos === 'PRON' || after.pos === 'PROPN' || after.pos === 'DET') && after.lower !== 'that';
}

/** "argued the piece made Obama look too good and spiked it": a past-tense verb after "and" or a comma (token k) starts a second predicate of the speaker. */
function startsSecondPredicate(tokens: readonly Token[], frame: Frame, k: number, next: Token): boolean {
  if (!(PAST_CUE.test(tokens[frame.head]!.lower) && next.pos === 'VERB' && /ed$/.test(next.lower))) return false;
  const t = tokens[k]!;
  const before = tokens[k - 1]!;
  return before.pos !== 'AUX' && !AND.has(before.lower) && !(before.pos === 'PRON' || before.pos === 'PROPN' || (before.pos === 'NOUN' && COMMA.has(t.text)));
}

/** Where a postposed content starts: at the sentence start, or where the quotation it ends with opened, after an earlier attribution's own words. */
function postposedContentFirst(ctx: Context, frames: readonly Frame[], f: number, first: number, end: number, claimed: ReadonlySet<number>): number {
  const { doc, tokens, quoteOf } = ctx;
  const frame = frames[f]!;
  const qEnd = end > first ? quoteOf[end - 1]! : -1;
  if (qEnd >= 0 && !claimed.has(qEnd)) {
    const qFirst = doc.tokenFrom(doc.quotations[qEnd]!.start);
    if (qFirst < first && tokens[qFirst]!.paragraph === tokens[first]!.paragraph) first = qFirst;
  }
  // Another attribution earlier in the sentence keeps its own words.
  const previous = f > 0 ? frames[f - 1]! : null;
  if (previous && tokens[previous.head]!.sentence === tokens[frame.head]!.sentence && previous.cue.endToken > first && previous.cue.endToken <= end) {
    first = previous.kind === 'forward' ? end : previous.cue.endToken;
  }
  while (first < end && isPunct(tokens[first]!) && opensQuote(ctx, first) < 0) first++;
  return first;
}

/**
 * Adds quotation q to a statement's content; nothing when q is -1. The rare adders (after a colon,
 * a stand-alone quoted paragraph) call this for every statement, with -1 when they add nothing: a
 * call first made in optimised code deoptimised statementOfFrame, which inlines them.
 */
function addQuotation(ctx: Context, q: number, spans: Span[], quoted: number[]): void {
  if (q < 0) return;
  spans.push(quotationSpan(ctx.doc.quotations[q]!));
  quoted.push(q);
}

/** "X observed that …: “…”": a clause that ends in a colon introduces the quotation after it. */
function addQuotationAfterColon(ctx: Context, end: number, spans: Span[], quoted: number[], claimed: ReadonlySet<number>): void {
  const { doc, tokens } = ctx;
  if (quoted.length > 0 && doc.quotations[quoted[quoted.length - 1]!]!.end >= tokens[end - 1]!.end) return;
  // Every step runs with or without a colon (see addQuotation); k steps past the colons at `end`.
  let k = end - 1;
  do k++;
  while (k < tokens.length && COLON.has(tokens[k]!.text));
  const q = k < tokens.length ? opensQuote(ctx, k) : -1;
  const afterColon = k > end;
  const free = !claimed.has(q);
  addQuotation(ctx, afterColon && free ? q : -1, spans, quoted);
}

/** Split quote before a forward cue: “Judge,” he said, “I have never …”. */
function addQuotationBeforeCue(ctx: Context, frame: Frame, spans: Span[], quoted: number[], claimed: ReadonlySet<number>): void {
  const { doc, tokens, quoteOf } = ctx;
  let k = frame.anchor - 1;
  while (k >= 0 && isPunct(tokens[k]!) && quoteOf[k]! < 0) k--;
  const q = k >= 0 ? quoteOf[k]! : -1;
  if (q >= 0 && !claimed.has(q) && !quoted.includes(q) && doc.quotations[q]!.end === tokens[k]!.end && tokens[k]!.paragraph === tokens[frame.head]!.paragraph) {
    addQuotation(ctx, q, spans, quoted);
  }
}

/** Split quotes after a postposed cue: “…,” Putin said, “…” / “…,” Putin said. “…” (same paragraph, no cue of its own). */
function addQuotationsAfterCue(ctx: Context, frames: readonly Frame[], f: number, spans: Span[], quoted: number[], claimed: ReadonlySet<number>): void {
  const { doc, tokens, quoteOf } = ctx;
  const frame = frames[f]!;
  let k = Math.max(frame.cue.endToken, frame.source?.end ?? 0);
  const paragraph = tokens[frame.head]!.paragraph;
  const nextFrameStart = f + 1 < frames.length ? frames[f + 1]!.anchor : Number.POSITIVE_INFINITY;
  const cueSentenceEnd = sentenceBounds(ctx, frame.head)[1];
  for (let guard = 0; guard < 3; guard++) {
    // Step over the rest of the cue's sentence ("said on Thursday during a speech at …"); a
    // quotation opened after a comma in it continues the quote ("he said of Trump, “because …”").
    while (k < tokens.length && tokens[k]!.paragraph === paragraph && (quoteOf[k]! < 0 || ctx.shortQuote[quoteOf[k]!]) && (isPunct(tokens[k]!) || k < cueSentenceEnd)) k++;
    if (k >= tokens.length || tokens[k]!.paragraph !== paragraph) break;
    const q = opensQuote(ctx, k);
    if (q < 0 || claimed.has(q)) break;
    const qEnd = doc.tokenFrom(doc.quotations[q]!.end);
    // The quote must not be followed by its own attribution.
    const quoteSentenceEnd = qEnd > 0 ? sentenceBounds(ctx, qEnd - 1)[1] : qEnd;
    if (nextFrameStart >= k && nextFrameStart < quoteSentenceEnd) break;
    addQuotation(ctx, q, spans, quoted);
    k = qEnd;
  }
}

/**
 * The next paragraph is a quotation and nothing else, with no attribution of its own: the same
 * speaker goes on (after "“…,” he said." and after "He said: “…”" alike).
 */
function addStandaloneQuotedParagraph(ctx: Context, frames: readonly Frame[], f: number, spans: Span[], quoted: number[], claimed: ReadonlySet<number>): void {
  const { doc, tokens } = ctx;
  const lastQ = quoted.length ? quoted[quoted.length - 1]! : -1;
  const lastSpan = spans[spans.length - 1];
  if (!(lastQ >= 0 && lastSpan !== undefined && doc.quotations[lastQ]!.closed && doc.quotations[lastQ]!.end >= lastSpan.end && lastQ + 1 < doc.quotations.length && !claimed.has(lastQ + 1))) return;
  const nextQ = lastQ + 1;
  const quotation = doc.quotations[nextQ]!;
  const lastToken = doc.tokenFrom(doc.quotations[lastQ]!.start);
  const paragraph = lastToken < tokens.length ? tokens[lastToken]!.paragraph : -1;
  const firstToken = doc.tokenFrom(quotation.start);
  const para = firstToken < tokens.length ? tokens[firstToken]!.paragraph : -1;
  const paragraphSpan = doc.paragraphs[para];
  const standalone = para === paragraph + 1 && paragraphSpan !== undefined && paragraphSpan.start === quotation.start && quotation.closed && paragraphSpan.end - quotation.end <= 1;
  const ownCue = f + 1 < frames.length && tokens[frames[f + 1]!.head]!.paragraph === para;
  addQuotation(ctx, standalone && !ownCue ? nextQ : -1, spans, quoted);
}

/** A quote left open at a paragraph's end runs into the paragraphs that continue it. */
function addContinuations(ctx: Context, spans: Span[], quoted: number[], claimed: ReadonlySet<number>): void {
  const lastQuoted = quoted.length ? quoted[quoted.length - 1]! : -1;
  if (lastQuoted < 0 || ctx.doc.quotations[lastQuoted]!.closed) return;
  for (const c of continuations(ctx.doc, lastQuoted)) {
    if (claimed.has(c)) break;
    addQuotation(ctx, c, spans, quoted);
  }
}

/** The statement of a frame with its content spans, or null when the cue is too weak for what was found; claims its quotations. */
function statementFromContent(ctx: Context, frame: Frame, spans: Span[], quoted: readonly number[], claimed: Set<number>): Statement | null {
  const { doc, tokens } = ctx;
  const { cue, source } = frame;
  const content = normaliseSpans(doc.text, spans);
  if (!content.length) return null;
  const sourceSpan = source && !frame.sourceless ? trimSpan(doc.text, { start: tokens[source.first]!.start, end: tokens[source.end - 1]!.end }) : null;
  const kind = contentKind(doc.text, content, doc.quotations);
  const prior = cue.score;
  if (source ? prior < (kind === 'indirect' ? MIN_PRIOR : MIN_PRIOR_QUOTED) : noSourcePrior(ctx, cue) < MIN_PRIOR_NO_SOURCE) return null;
  for (const q of quoted) claimed.add(q);
  let confidence = 0.35 + 0.5 * prior;
  if (kind !== 'indirect') confidence += 0.1;
  if (!source) confidence -= 0.2;
  // The fields in core/model.ts statementOf's order: one object shape for every statement.
  return {
    id: '',
    kind,
    source: sourceSpan && sourceSpan.end > sourceSpan.start ? sourceSpan : null,
    speaker: null,
    cue: trimSpan(doc.text, { start: cue.start, end: tokens[cueExtent(ctx, frame) - 1]!.end }),
    content,
    channel: null,
    setting: null,
    addressee: frame.addressee ? { start: tokens[frame.addressee.first]!.start, end: tokens[frame.addressee.end - 1]!.end } : null,
    act: 'assert',
    confidence: Math.round(Math.max(0.05, Math.min(0.99, confidence)) * 100) / 100,
  };
}

/** Trims, sorts and merges overlapping content spans; drops spans with no letter or digit. */
function normaliseSpans(text: string, spans: Span[]): Span[] {
  const trimmed: Span[] = [];
  for (const span of spans) {
    const s = trimSpan(text, span);
    if (s.end > s.start && hasLetterOrDigit(text, s.start, s.end)) trimmed.push(s);
  }
  trimmed.sort((a, b) => a.start - b.start || a.end - b.end);
  // trimSpan made each span anew, so a merged span may be widened in place.
  const out: Span[] = [];
  for (const s of trimmed) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

export const attributionsStage: Stage = {
  name: 'attributions',
  requires: ['tokens', 'sentences', 'paragraphs', 'quotations', 'cues'],
  provides: ['statements'],
  run(doc: Doc) {
    doc.statements = findStatements(doc);
  },
};
