// Stage "relations": a statement that disputes, supports or repeats another statement of the same
// article, with the evidence span. A statement refers to another's claim by a possessive ("The
// Russian leader's claim is a 'lie'", "rejected Y's assertion"), by an owner after the noun ("the
// claim from Berlin"), or, for a denial, by what it denies (shared content words). The referred
// statement is the latest earlier one by that speaker (entity mention, name, or a capital standing
// for its country), preferring the one whose content shares most words. Data: lexicons/relations.json.

import type { Doc, Token } from '../../core/doc.js';
import type { Stage } from '../../core/pipeline.js';
import type { Relation, RelationKind, Statement } from '../../core/model.js';
import { type Span, overlaps } from '../../core/span.js';
import { loadLexicon } from '../../nlp/lexicon.js';

interface RelationsLexicon {
  claimNouns: string[];
  disputeCues: string[];
  supportCues: string[];
  repeatCues: string[];
  disputeMarkers: string[];
  supportMarkers: string[];
  stopwords: string[];
  capitals: Record<string, string[]>;
  judgementNouns: string[];
  weakDisputeCues: string[];
}

const lexicon = loadLexicon<RelationsLexicon>('relations');
const CLAIM_NOUNS = new Set(lexicon.claimNouns);
const JUDGEMENT_NOUNS = new Set(lexicon.judgementNouns);
const ALLEGATION_NOUNS = new Set(['allegation', 'allegations', 'accusation', 'accusations', 'charge', 'charges']);
const DISPUTE_CUES = new Set(lexicon.disputeCues);
const WEAK_DISPUTE_CUES = new Set(lexicon.weakDisputeCues);
const SUPPORT_CUES = new Set(lexicon.supportCues);
const REPEAT_CUES = new Set(lexicon.repeatCues);
const STOPWORDS = new Set(lexicon.stopwords);
const CAPITALS = new Map(Object.entries(lexicon.capitals));
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Marker words and phrases, tested against lower-cased words joined by single spaces. */
class Markers {
  private readonly single: Set<string>;
  private readonly multi: string[];
  private readonly multiByFirst = new Map<string, string[][]>();
  constructor(list: readonly string[]) {
    this.single = new Set(list.filter((m) => !m.includes(' ')));
    this.multi = list.filter((m) => m.includes(' ')).map((m) => ` ${m} `);
    for (const m of list.filter((x) => x.includes(' '))) {
      const words = m.split(' ');
      const bucket = this.multiByFirst.get(words[0]!);
      if (bucket) bucket.push(words);
      else this.multiByFirst.set(words[0]!, [words]);
    }
  }
  /** Whether any marker occurs in the tokens of the ranges. */
  inTokens(tokens: readonly Token[], ranges: readonly [number, number][]): boolean {
    // Loops, not some/every with closures: this runs over every statement's scope, and the
    // closures were most of what the relations stage allocated.
    for (let r = 0; r < ranges.length; r++) {
      const to = ranges[r]![1];
      for (let i = ranges[r]![0]; i < to; i++) {
        const w = tokens[i]!.lower;
        if (this.single.has(w) && !isVerbLie(tokens, i)) return true;
        const bucket = this.multiByFirst.get(w);
        if (bucket && startsAny(bucket, tokens, i, to)) return true;
      }
    }
    return false;
  }
  test(words: string): boolean {
    for (const w of words.split(' ')) if (this.single.has(w)) return true;
    if (this.multi.length === 0) return false;
    const padded = ` ${words} `;
    return this.multi.some((m) => padded.includes(m));
  }
}
/** Whether the lower-cased words of one of the phrases stand at tokens i, i + 1, … (before `to`). */
function startsAny(phrases: readonly string[][], tokens: readonly Token[], i: number, to: number): boolean {
  for (const words of phrases) {
    let k = 0;
    while (k < words.length && i + k < to && tokens[i + k]!.lower === words[k]) k++;
    if (k === words.length) return true;
  }
  return false;
}

/** "the real opportunity lies with …", "left to lie": "lie" as a verb of place judges nothing. */
function isVerbLie(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.lower !== 'lie' && t.lower !== 'lies') return false;
  return t.pos === 'VERB' || t.pos === 'AUX' || tokens[i - 1]?.lower === 'to' || /^(?:with|in|at|on|ahead|behind|down|dormant|low)$/u.test(tokens[i + 1]?.lower ?? '');
}

const DISPUTE = new Markers(lexicon.disputeMarkers);
const SUPPORT = new Markers(lexicon.supportMarkers);
const OWNER_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'NUM']);
/** Words a denial must share with what it denies, when it names no claim. */
const MIN_SHARED_FOR_DENIAL = 2;
/** How far back (in paragraphs) a statement may refer without naming its target. */
const UNNAMED_REACH = 3;
/** How many earlier statements a statement may refer to by name (keeps long texts linear). */
const NAMED_REACH = 80;

interface Reference {
  /** From the owner (or determiner) to the claim noun. */
  span: Span;
  /** The words naming whose claim it is ("The Russian leader", "Berlin"), or null. */
  owner: Span | null;
  /** Token index just after the claim noun. */
  after: number;
  /** The noun itself judges the claim ("lie", "myth"). */
  judging: boolean;
  /** Content words of the clause the reference introduces ("the lie … is that ISIS is defeated"), if any. */
  about: Set<string> | null;
}

function tokenRange(doc: Doc, s: Span): [number, number] {
  const first = doc.tokenFrom(s.start);
  let end = first;
  while (end < doc.tokens.length && doc.tokens[end]!.start < s.end) end++;
  return [first, end];
}

/** The lemma "be" as a set, not a comparison, which deoptimised scopeRanges on a lemma of the other string kind ('wrong instance type'). */
const BE = new Set(['be']);

/** Whether a token of [from, to) has the lemma "be". */
function hasLemmaBe(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BE.has(tokens[i]!.lemma)) return true;
  return false;
}

/** Token ranges in which a statement speaks about other claims: its content, and the words between cue and content. */
function scopeRanges(doc: Doc, s: Statement): [number, number][] {
  // A literal filled by push, not content.map: an empty content (from the learned stage) would
  // give an array of another elements kind, and the loops over ranges deoptimised on it ('wrong map').
  const ranges: [number, number][] = [];
  for (const c of s.content) ranges.push(tokenRange(doc, c));
  const [cueFirst, cueEnd] = tokenRange(doc, s.cue);
  const sentence = doc.sentences[doc.tokens[cueEnd - 1]?.sentence ?? -1];
  // A passive cue ("This argument was rejected by …") speaks about the subject before it.
  if (sentence && hasLemmaBe(doc.tokens, cueFirst, cueEnd)) ranges.push([Math.max(sentence.firstToken, cueFirst - 6), cueFirst]);
  if (sentence) {
    // The first content token after the cue, else the sentence end.
    let stop = -1;
    for (const c of s.content) {
      const i = doc.tokenFrom(c.start);
      if (i >= cueEnd && (stop < 0 || i < stop)) stop = i;
    }
    if (stop < 0) stop = sentence.endToken;
    if (stop > cueEnd) ranges.push([cueEnd, Math.min(stop, cueEnd + 12)]);
  }
  return ranges;
}

/** Claim nouns with their owner: "The Russian leader's claim", "the claim from Berlin", "Y's assertion". */
function findReferences(doc: Doc, ranges: [number, number][]): Reference[] {
  const tokens = doc.tokens;
  const found: Reference[] = [];
  for (const [from, to] of ranges) {
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      const judging = JUDGEMENT_NOUNS.has(t.lower) && !isVerbLie(tokens, i);
      if (!(CLAIM_NOUNS.has(t.lower) || judging) || (t.pos !== 'NOUN' && t.pos !== 'PROPN' && !judging)) continue;
      // "the government's claim to be tough on crime" is a pretension, not a statement.
      if (tokens[i + 1]?.lower === 'to' && (tokens[i + 2]?.pos === 'VERB' || tokens[i + 2]?.pos === 'AUX')) continue;
      let owner: Span | null = null;
      let start = i;
      // Possessive owner: walk back over "'s" and the noun phrase before it.
      let j = i - 1;
      while (j >= from && (tokens[j]!.pos === 'ADJ' || (tokens[j]!.pos === 'NOUN' && tokens[j]!.lower !== "'s"))) j--;
      if (j >= from && tokens[j]!.lower === "'s") {
        let k = j - 1;
        while (k >= from && (OWNER_POS.has(tokens[k]!.pos) || tokens[k]!.text === '-')) k--;
        if (k + 1 < j) {
          owner = { start: tokens[k + 1]!.start, end: tokens[j - 1]!.end };
          start = k >= from && tokens[k]!.pos === 'DET' ? k : k + 1;
        }
      } else {
        // "the claim", "The biggest lie": the determiner and adjectives before the noun.
        let k = i - 1;
        while (k >= from && tokens[k]!.pos === 'ADJ') k--;
        // "Labour suggestions", "the Tory claims": a capitalised word right before the noun owns it.
        let p = k;
        while (p >= from && tokens[p]!.pos === 'PROPN' && /^\p{Lu}/u.test(tokens[p]!.text)) p--;
        if (p < k) {
          owner = { start: tokens[p + 1]!.start, end: tokens[k]!.end };
          k = p;
        }
        if (k >= from && tokens[k]!.pos === 'DET') start = k;
        else if (k + 1 < i) start = k + 1;
      }
      // Owner after the noun: "the claim from Berlin", "the allegations by Moscow", "the claims of Russia".
      let after = i + 1;
      // "the lie being told by the administration": skip a participle before the owner.
      let l = i + 1;
      while (l < to && l < i + 3 && (tokens[l]!.pos === 'VERB' || tokens[l]!.pos === 'AUX') && tokens[l]!.lower !== 'is' && tokens[l]!.lower !== 'was') l++;
      if (tokens[l]?.lower !== 'by') l = i + 1;
      if (!owner && l + 1 < to) {
        const link = tokens[l]!;
        if (link.lower === 'from' || link.lower === 'by' || (link.lower === 'of' && tokens[l + 1]!.pos === 'PROPN')) {
          let k = l + 1;
          if (tokens[k]!.pos === 'DET') k++;
          const ownerStart = k;
          while (k < to && (tokens[k]!.pos === 'PROPN' || (tokens[k]!.pos === 'NOUN' && (k > ownerStart || link.lower !== 'of')) || tokens[k]!.pos === 'ADJ')) k++;
          if (k > ownerStart && tokens[ownerStart]!.pos !== 'ADJ') {
            owner = { start: tokens[ownerStart]!.start, end: tokens[k - 1]!.end };
            after = k;
          }
        }
      }
      // "… [is] that ISIS is defeated": the clause the reference states is what it is about.
      let about: Set<string> | null = null;
      for (let m = after; m < Math.min(to, after + 4); m++) {
        if (tokens[m]!.lower !== 'that') continue;
        about = new Set<string>();
        for (let n = m + 1; n < Math.min(to, m + 24); n++) {
          const w = tokens[n]!;
          if (w.pos === 'PUNCT' && /^[.;!?”"]$/.test(w.text)) break;
          if (CONTENT_POS.has(w.pos) && !STOPWORDS.has(w.lemma)) about.add(w.lemma);
        }
        break;
      }
      found.push({ span: { start: tokens[start]!.start, end: tokens[after - 1]!.end }, owner, after, judging, about: about && about.size ? about : null });
    }
  }
  return found;
}

const CONTENT_POS = new Set(['NOUN', 'PROPN', 'VERB', 'ADJ', 'NUM']);
const MODALS = new Set(['would', 'will', 'could', 'might', 'may', 'should', 'can', "'d", "'ll"]);

function contentWords(doc: Doc, s: Statement): Set<string> {
  const out = new Set<string>();
  for (const c of s.content) {
    const [first, end] = tokenRange(doc, c);
    for (let i = first; i < end; i++) {
      const t = doc.tokens[i]!;
      if (CONTENT_POS.has(t.pos) && !STOPWORDS.has(t.lemma)) out.add(t.lemma);
    }
  }
  return out;
}

/** Whether a statement's content is a clause (has a verb), not a bare noun phrase. */
function hasVerb(doc: Doc, s: Statement): boolean {
  for (const c of s.content) {
    const [first, end] = tokenRange(doc, c);
    for (let i = first; i < end; i++) if (doc.tokens[i]!.pos === 'VERB' || doc.tokens[i]!.pos === 'AUX') return true;
  }
  return false;
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** Lower-cased words by which a statement's speaker may be named: source, entity name and mentions. */
function speakerWords(doc: Doc, s: Statement): Set<string> {
  const out = new Set<string>();
  const add = (text: string): void => {
    for (const w of text.toLowerCase().replace(/[’']s\b/g, '').split(/[^\p{L}\p{N}.]+/u)) if (w && !STOPWORDS.has(w)) out.add(w);
  };
  if (s.source) add(doc.slice(s.source));
  const entity = s.speaker ? doc.entities.find((e) => e.id === s.speaker) : undefined;
  if (entity) {
    add(entity.name);
    for (const m of entity.mentions) add(doc.slice(m));
  }
  return out;
}

/** Whether an owner phrase names a statement's speaker: same entity, a shared name word, or a capital for its country. */
function ownerNames(doc: Doc, owner: Span, s: Statement): boolean {
  if (s.speaker) {
    const entity = doc.entities.find((e) => e.id === s.speaker);
    if (entity?.mentions.some((m) => overlaps(m, owner))) return true;
  }
  const names = speakerWords(doc, s);
  const ownerText = doc.slice(owner).toLowerCase();
  const capital = CAPITALS.get(ownerText.replace(/^the\s+/, 'the ')) ?? CAPITALS.get(ownerText);
  if (capital) {
    const sourceText = [...names].join(' ');
    return capital.some((c) => new RegExp(`(?:^|\\s)${escape(c)}(?:\\s|$)`).test(sourceText));
  }
  const [first, end] = tokenRange(doc, owner);
  for (let i = first; i < end; i++) {
    const t = doc.tokens[i]!;
    if ((t.pos === 'PROPN' || t.pos === 'NOUN') && !STOPWORDS.has(t.lower) && names.has(t.lower)) return true;
  }
  return false;
}

function sameSpeaker(a: Statement, b: Statement, doc: Doc): boolean {
  if (a.speaker && b.speaker && a.speaker === b.speaker) return true;
  if (!a.source || !b.source) return false;
  // Same name or same pronoun in the source ("Dr Fox" … "Dr Fox", "She" … "She"), whatever the linking said.
  const a0 = doc.slice(a.source).toLowerCase();
  const b0 = doc.slice(b.source).toLowerCase();
  if (a0 === b0) return true;
  // A surname shared by two named sources: the last capitalised word before any comma ("Dr Fox", "Liam Fox").
  const surname = (s: Span): string => {
    const words = doc.slice(s).split(',')[0]!.trim().split(/\s+/);
    const last = words[words.length - 1] ?? '';
    return /^\p{Lu}\p{Ll}{2,}$/u.test(last) && words.length <= 4 ? last : '';
  };
  const sa = surname(a.source);
  return sa !== '' && sa === surname(b.source);
}

function paragraphOf(doc: Doc, offset: number): number {
  const sentence = doc.sentences[doc.sentenceAt(offset)];
  return sentence ? sentence.paragraph : -1;
}

/**
 * Evidence: the reference together with the judgement next to it in the same clause, after it
 * ("… claim is a “lie”") or before it ("no evidence to support the President's claims"); null when
 * no judgement stands within a few words.
 */
function judgedReference(doc: Doc, ref: Reference, marker: Markers): Span | null {
  const tokens = doc.tokens;
  const clauseBreak = (t: Token): boolean => t.pos === 'PUNCT' && /^[.;:!?]$/.test(t.text);
  let text = '';
  for (let i = ref.after; i < Math.min(tokens.length, ref.after + 8); i++) {
    const t = tokens[i]!;
    if (clauseBreak(t)) break;
    text = text ? `${text} ${t.lower}` : t.lower;
    if (marker.test(text)) {
      let end = t.end;
      const next = tokens[i + 1];
      if (next && /^[”"’']$/.test(next.text) && next.start === t.end) end = next.end;
      return { start: ref.span.start, end };
    }
  }
  const refFirst = doc.tokenFrom(ref.span.start);
  text = '';
  for (let k = refFirst - 1; k >= Math.max(0, refFirst - 8); k--) {
    const t = tokens[k]!;
    if (clauseBreak(t)) break;
    text = text ? `${t.lower} ${text}` : t.lower;
    // "the parliament would then reject the Council's version": a forecast, not a judgement.
    // "a very narrow dispute, in Lord Woolf's words": a disagreement named, not a claim judged.
    if (marker.test(text) && !(t.pos === 'NOUN' && (t.lower === 'dispute' || t.lower === 'disputes'))) return MODALS.has(tokens[k - 1]?.lower ?? '') || MODALS.has(tokens[k - 2]?.lower ?? '') ? null : { start: t.start, end: ref.span.end };
  }
  return null;
}

function cueLemmas(doc: Doc, s: Statement): string[] {
  const [first, end] = tokenRange(doc, s.cue);
  const lemmas: string[] = [];
  for (let i = first; i < end; i++) lemmas.push(doc.tokens[i]!.lemma);
  return lemmas;
}

/** Whether one of the words is in the set (a loop: no closure per statement and set). */
function anyIn(words: readonly string[], set: ReadonlySet<string>): boolean {
  for (const w of words) if (set.has(w)) return true;
  return false;
}

/**
 * One document's statements, their content words and clause-ness (computed only for the
 * statements a relation needs), and the relations found so far.
 */
class Relating {
  readonly relations: Relation[] = [];
  private readonly seen = new Set<string>();
  private readonly index = new Map<Statement, number>();
  private readonly wordCache: (Set<string> | undefined)[];
  private readonly clauseCache: (boolean | undefined)[];

  constructor(
    readonly doc: Doc,
    readonly statements: readonly Statement[],
  ) {
    statements.forEach((s, i) => this.index.set(s, i));
    this.wordCache = new Array(statements.length);
    this.clauseCache = new Array(statements.length);
  }

  wordsOf(s: Statement): Set<string> {
    const i = this.index.get(s)!;
    return (this.wordCache[i] ??= contentWords(this.doc, s));
  }

  /** Whether a statement's content is a proposition (a clause with a verb). */
  isPropositional(s: Statement): boolean {
    return (this.clauseCache[this.index.get(s)!] ??= hasVerb(this.doc, s));
  }

  add(kind: RelationKind, from: Statement, to: Statement, evidence: Span | null): void {
    const key = `${from.id}>${to.id}`;
    if (this.seen.has(key) || from === to) return;
    this.seen.add(key);
    this.relations.push({ kind, from: from.id, to: to.id, evidence });
  }

  /** The candidate sharing most content words with `mine`; a proposition over a bare object; later ones win ties. */
  best(candidates: readonly Statement[], mine: Set<string>): Statement | null {
    let pick: Statement | null = null;
    let pickScore = -1;
    for (const b of candidates) {
      // Shared content words first; then a proposition ("X was poisoned") over a bare object ("the attack").
      const score = shared(mine, this.wordsOf(b)) + (this.isPropositional(b) ? 0.5 : 0);
      // Later statements win ties: the latest claim is the one most often answered.
      if (score >= pickScore) {
        pick = b;
        pickScore = score;
      }
    }
    return pick;
  }
}

/** How a statement's cue and words take a side on other claims. */
interface Stance {
  /** A denying act or a dispute cue. */
  denies: boolean;
  /** A weak dispute verb ("criticised"), which counts when the claim is its object. */
  weak: boolean;
  disputing: boolean;
  supporting: boolean;
}

/** The relations statement a (at index ai) has to the statements before it. */
function relateStatement(r: Relating, a: Statement, ai: number): void {
  const doc = r.doc;
  // Questions, appeals and agentless statements ("was agreed upon") take no side on a claim.
  if (a.source === null || a.act === 'other' || a.act === 'evade') return;
  const lemmas = cueLemmas(doc, a);
  // "the parliament would then reject …": a forecast takes no side yet.
  if (anyIn(lemmas, MODALS)) return;
  const ranges = scopeRanges(doc, a);

  // (A dispute cue the acts stage found to take no claim, "rejected the offer", has act 'other' and left above.)
  const denies = a.act === 'deny' || anyIn(lemmas, DISPUTE_CUES);
  // "criticised the claim": a weak dispute verb counts when the claim is its object.
  const weak = !denies && anyIn(lemmas, WEAK_DISPUTE_CUES);
  const disputing = denies || weak || DISPUTE.inTokens(doc.tokens, ranges);
  // Support needs a supporting verb ("confirmed", "backed", "echoed"); a word like "right" in the content is too weak.
  const supporting = !disputing && anyIn(lemmas, SUPPORT_CUES);
  const repeating = anyIn(lemmas, REPEAT_CUES);
  if (!disputing && !supporting && !repeating) return;
  const paragraph = paragraphOf(doc, a.cue.start);
  const earlier = r.statements
    .slice(Math.max(0, ai - NAMED_REACH), ai + 1)
    .filter((b) => b !== a && b.cue.start < a.cue.start && !a.content.some((c) => overlaps(c, b.cue)));

  if (repeating) {
    // "reaffirmed its faith in Anil" does not repeat "considered Anil's resignation": two words in common.
    const target = r.best(
      earlier.filter((b) => sameSpeaker(a, b, doc) && shared(r.wordsOf(a), r.wordsOf(b)) >= 2),
      r.wordsOf(a),
    );
    if (target) r.add('repeats', a, target, a.cue);
  }
  if (!disputing && !supporting) return;
  const others = earlier.filter((b) => !sameSpeaker(a, b, doc));
  if (relateByReference(r, a, ranges, { denies, weak, disputing, supporting }, others, paragraph)) return;
  // A denial that names no claim disputes the earlier statement it shares most words with.
  if (a.act === 'deny') {
    const near = others.filter((b) => paragraph - paragraphOf(doc, b.cue.start) <= UNNAMED_REACH);
    // … and that is a claim: a proposition asserted or alleged, not an appeal or a question.
    const target = r.best(
      near.filter((b) => (b.act === 'assert' || b.act === 'allege') && r.isPropositional(b) && shared(r.wordsOf(a), r.wordsOf(b)) >= MIN_SHARED_FOR_DENIAL),
      r.wordsOf(a),
    );
    if (target) r.add('disputes', a, target, a.cue);
  }
}

/**
 * A dispute or support of the claim a reference in statement a names ("the Russian leader's
 * claim is a lie", "rejected Y's assertion"); true when one was added.
 */
function relateByReference(r: Relating, a: Statement, ranges: [number, number][], stance: Stance, others: Statement[], paragraph: number): boolean {
  const doc = r.doc;
  const { denies, weak, disputing, supporting } = stance;
  const kind: RelationKind = disputing ? 'disputes' : 'supports';
  const marker = disputing ? DISPUTE : SUPPORT;
  for (const ref of findReferences(doc, ranges)) {
    // Without a denying act or cue, the judgement must stand next to the claim it judges.
    const judged = ref.judging && disputing ? ref.span : judgedReference(doc, ref, marker);
    const opening = doc.slice(ref.span).toLowerCase();
    // "a statement", "a charge": an indefinite noun names no earlier claim.
    if (/^(?:a|an|another|one|some)\s/u.test(opening)) continue;
    const demonstrative = /^(?:this|that|these|those|such)\b/u.test(opening);
    const objectOfCue = doc.tokenFrom(ref.span.start) - doc.tokenFrom(a.cue.end) <= 2 && ref.span.start >= a.cue.end;
    if (!judged && !(disputing && denies) && !supporting && !(weak && objectOfCue)) continue;
    // "backed the Home Office's powers to hold them without … charge": support names the claim
    // it backs, points at it, or has it as the cue's object.
    if (supporting && !judged && !ref.owner && !demonstrative && !objectOfCue) continue;
    if (weak && !judged && !objectOfCue) continue;
    // A judgement word alone ("… the lies …") disputes only a claim whose owner is named or pointed at.
    // ("… government propaganda about …", "the top 10 hoax list" judge no statement of the article.)
    if (!denies && !supporting && !(weak && objectOfCue) && !ref.owner && !demonstrative) continue;
    const target = referredClaim(r, a, ref, demonstrative, others, paragraph);
    if (target) {
      r.add(kind, a, target, judged ?? ref.span);
      return true;
    }
  }
  return false;
}

/** The earlier statement (by another speaker) whose claim a reference names, or null. */
function referredClaim(r: Relating, a: Statement, ref: Reference, demonstrative: boolean, others: Statement[], paragraph: number): Statement | null {
  const doc = r.doc;
  const near = others.filter((b) => paragraph - paragraphOf(doc, b.cue.start) <= UNNAMED_REACH);
  let candidates: Statement[] = ref.owner ? others.filter((b) => ownerNames(doc, ref.owner!, b)) : near;
  // An owner we cannot name ("the Russian leader" before coreference) still points at
  // someone else's claim: take the nearby one that shares words with this statement.
  const mine = ref.about ?? r.wordsOf(a);
  if (ref.owner && candidates.length === 0) {
    candidates = others.filter((b) => shared(mine, r.wordsOf(b)) >= 2);
    if (candidates.length === 0) candidates = near.filter((b) => shared(mine, r.wordsOf(b)) >= 1);
  }
  // A claim is something asserted or alleged, not a question or an appeal.
  const claims = candidates.filter((b) => b.act !== 'other' && b.act !== 'evade');
  let pool = claims.length ? claims : candidates;
  // "denied the allegations": an allegation, if there is one nearby.
  if (ALLEGATION_NOUNS.has(doc.tokens[ref.after - 1]?.lower ?? '')) {
    const alleged = pool.filter((b) => b.act === 'allege');
    if (alleged.length) pool = alleged;
  }
  // Nothing names whose claim it is: it must at least share a word with it.
  // "denied reports that Santini had been given a £3m pay-off": a stated clause must match
  // the target in two words, not in a name alone.
  if (!ref.owner && !demonstrative) pool = pool.filter((b) => (b.act === 'allege' && !ref.about) || shared(mine, r.wordsOf(b)) >= (ref.about ? 2 : 1));
  // An unnamed claim is a proposition someone stated ("asylum claims … overseas" is none).
  if (!ref.owner) pool = pool.filter((b) => r.isPropositional(b));
  // "this argument", "that claim": the latest one that is a claim or shares a word.
  if (demonstrative && !ref.owner) pool = pool.filter((b) => b.act === 'allege' || shared(mine, r.wordsOf(b)) >= 1);
  return demonstrative && !ref.owner ? (pool[pool.length - 1] ?? null) : r.best(pool, mine);
}

export const relationsStage: Stage = {
  name: 'relations',
  requires: ['tokens', 'statements', 'acts'],
  provides: ['relations'],
  run(doc: Doc) {
    const statements = doc.statements;
    if (statements.length < 2) return;
    const relating = new Relating(doc, statements);
    for (let ai = 0; ai < statements.length; ai++) relateStatement(relating, statements[ai]!, ai);
    const all: Relation[] = [];
    for (const relation of doc.relations) all.push(relation);
    for (const relation of relating.relations) all.push(relation);
    doc.relations = all;
  },
};
