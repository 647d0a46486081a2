// What the rule side knows of one of its "extra" statements: a rule statement at a cue where the
// trained model found none, which the learned stage's arbitration would add. These readings are
// what the extra-statement veto (extra-veto.ts) weighs and what src/model/extra-veto-fit.ts fits
// it on. Everything here is read from the document as it stands in the learned stage (tokens,
// quotations, the cue stage's cues, the rules' statements and the statements the arbitration kept
// at the model's cues) and from the model's cue scores of the document (AttributionModel.cueScoresOf);
// nothing is recomputed.

import type { Doc } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import { contains, overlaps, type Span } from '../../core/span.js';
import { ReadingRecord, type ReadingSink, type Readings } from './reading-sink.js';

const MODALS = new Set(['would', 'could', 'might', 'may', 'will', 'can', 'should', 'must', "'d", "'ll"]);
/**
 * A set rather than comparisons: token strings are internalized or not depending on the word, and
 * a comparison compiled for the one kind deoptimised readExtra on the other ('wrong instance type').
 */
const NEGATIONS = new Set(['not', "n't", 'never']);

/** The readings of one extra statement, each 0 or 1 (or a small count), by name. */
export type ExtraReadings = Readings;

/** The tokens a span covers: first inclusive, end exclusive. */
export function tokenRun(doc: Doc, s: Span): { first: number; end: number } {
  return { first: doc.tokenFrom(s.start), end: Math.max(doc.tokenFrom(s.start) + 1, doc.tokenAt(Math.max(s.start, s.end - 1)) + 1) };
}

/** Whether span s lies inside one of the contents of the statements (other than self). */
function insideContent(s: Span, statements: readonly Statement[], self: Statement | null): boolean {
  for (const x of statements) if (x !== self) for (const c of x.content) if (contains(c, s)) return true;
  return false;
}

/** The cue stage's cue at the statement's cue, if any. */
function cueEntry(doc: Doc, s: Statement): { lemma: string; cls: string } | null {
  for (const c of doc.cues) if (overlaps(c, s.cue)) return c;
  return null;
}

/**
 * The readings of the extra statement r, given the rules' statements and the statements the
 * arbitration resolved at the model's cues (`resolved`: the model's reading where it won, the
 * rules' where they did; "model" in the names below means these). Names are
 * prefixed by what they read: cue (the lexicon entry and the cue's words, and the model's cue score
 * there), src (the source), content, nest (statements around it), sent (its place in the sentence
 * and paragraph).
 */
export function extraReadings(doc: Doc, r: Statement, rules: readonly Statement[], resolved: readonly Statement[], cueScores: Float32Array | null): ExtraReadings {
  const record = new ReadingRecord();
  readExtra(doc, r, rules, resolved, cueScores, record);
  return record.readings;
}

/**
 * Upper bounds of the bands of the model's cue score at an extra's cue (`cue.tagger=`): about the
 * deciles of the train folds' extras (all below 0, since the model found no cue there). In those
 * folds 21% of the extras under -300 stand at a gold cue, 55% of those from -25 to 0.
 */
const CUE_SCORE_BANDS: readonly [number, string][] = [[-300, 'lt-300'], [-200, 'lt-200'], [-120, 'lt-120'], [-80, 'lt-80'], [-50, 'lt-50'], [-25, 'lt-25'], [0, 'lt0']];

/** The band of the best cue score over tokens first .. end-1 ('none' where the model scored none). */
export function cueScoreBand(cueScores: Float32Array, first: number, end: number): string {
  let best = -Infinity;
  for (let i = first; i < end && i < cueScores.length; i++) if (cueScores[i]! > best) best = cueScores[i]!;
  if (best === -Infinity) return 'none';
  for (const [bound, name] of CUE_SCORE_BANDS) if (best < bound) return name;
  return 'ge0';
}

/** Reads the extra statement r (as `extraReadings` describes) into the sink, each name once. */
export function readExtra(doc: Doc, r: Statement, rules: readonly Statement[], resolved: readonly Statement[], cueScores: Float32Array | null, f: ReadingSink): void {
  const cue = tokenRun(doc, r.cue);
  const first = doc.tokens[cue.first];
  const entry = cueEntry(doc, r);
  // What the model made of these tokens: how far from a cue its decoding put them.
  if (cueScores) f.setKeyed('cue.tagger=', cueScoreBand(cueScores, cue.first, cue.end), 1);
  f.setKeyed('cue.cls=', entry?.cls ?? 'none', 1);
  f.setKeyed('cue.pos=', first?.pos ?? 'none', 1);
  f.set('cue.multiword', cue.end - cue.first > 1 ? 1 : 0);
  const lower = first?.lower ?? '';
  f.set('cue.ing', lower.endsWith('ing') ? 1 : 0);
  f.set('cue.colon', entry?.lemma === ':' ? 1 : 0);
  f.set('cue.according', entry?.lemma === 'according to' ? 1 : 0);
  f.setKeyed('cue.lemma=', entry?.lemma ?? 'none', 1);
  // Auxiliaries in the cue: a modal ("would continue", "might offer"), a negation, a perfect or
  // progressive ("has also sought", "is challenging").
  let modal = 0, negated = 0, aux = 0;
  for (let i = cue.first; i < cue.end; i++) {
    const w = doc.tokens[i]?.lower ?? '';
    if (MODALS.has(w)) modal = 1;
    else if (NEGATIONS.has(w)) negated = 1;
    else if (doc.tokens[i]?.pos === 'AUX') aux = 1;
  }
  f.set('cue.modal', modal);
  f.set('cue.negated', negated);
  f.set('cue.aux', aux);
  // The word before the cue: an infinitive ("to portray") or a relative pronoun ("who sought").
  const before = doc.tokens[cue.first - 1]?.lower ?? '';
  f.set('cue.afterTo', before === 'to' ? 1 : 0);
  f.set('cue.afterRelative', before === 'who' || before === 'which' || before === 'that' ? 1 : 0);
  // A coordinated predicate ("… did not ratify it, and mentioned a possible …"): inside the model's
  // content it is more likely the model's content running on than a nested statement.
  const afterAnd = before === 'and' || before === 'but';
  f.set('cue.afterAnd', afterAnd ? 1 : 0);
  f.setKeyed('kind=', r.kind, 1);
  // The source: missing, before or after the cue, and what it is (pronoun, name, noun phrase).
  if (!r.source) f.set('src.none', 1);
  else {
    f.set(r.source.end <= r.cue.start ? 'src.before' : 'src.after', 1);
    const run = tokenRun(doc, r.source);
    const last = doc.tokens[run.end - 1];
    f.setKeyed('src.pos=', last?.pos ?? 'none', 1);
    f.set('src.long', run.end - run.first > 3 ? 1 : 0);
    const only = run.end - run.first === 1 ? doc.tokens[run.first]?.lower ?? '' : '';
    f.set('src.relative', only === 'who' || only === 'which' || only === 'that' ? 1 : 0);
  }
  // The content: where it stands, how long, whether quoted.
  if (r.content.length === 0) f.set('content.none', 1);
  else {
    const c0 = r.content[0]!, cn = r.content[r.content.length - 1]!;
    f.set(cn.end <= r.cue.start ? 'content.before' : c0.start >= r.cue.end ? 'content.after' : 'content.around', 1);
    let n = 0;
    for (const c of r.content) { const run = tokenRun(doc, c); n += run.end - run.first; }
    f.set('content.short', n <= 4 ? 1 : 0);
    f.set('content.long', n >= 25 ? 1 : 0);
    let quoted = false;
    for (const q of doc.quotations) for (const c of r.content) if (overlaps(q.inner, c)) quoted = true;
    f.set('content.quoted', quoted ? 1 : 0);
    const head = doc.tokens[doc.tokenFrom(c0.start)];
    f.set('content.that', head?.lower === 'that' ? 1 : 0);
    f.setKeyed('content.first=', head?.pos ?? 'none', 1);
    // A clause (some verb inside) or a bare phrase ("a candidate", "up at the caucuses").
    let verb = 0;
    for (const c of r.content) {
      const run = tokenRun(doc, c);
      for (let i = run.first; i < run.end; i++) if (doc.tokens[i]?.pos === 'VERB' || doc.tokens[i]?.pos === 'AUX') verb = 1;
    }
    f.set('content.clause', verb);
  }
  // Nesting: the cue inside another statement's content (model or rules), or a quotation.
  const inModel = insideContent(r.cue, resolved, null);
  f.set('nest.inModel', inModel ? 1 : 0);
  f.set('nest.inRule', insideContent(r.cue, rules, r) ? 1 : 0);
  let inQuote = false;
  for (const q of doc.quotations) if (contains(q.inner, r.cue)) inQuote = true;
  f.set('nest.inQuote', inQuote ? 1 : 0);
  let holdsModelCue = false;
  for (const m of resolved) for (const c of r.content) if (overlaps(c, m.cue)) holdsModelCue = true;
  f.set('nest.holdsModelCue', holdsModelCue ? 1 : 0);
  // The sentence: whether the model found a cue in it, the cue's place, the paragraph's first.
  const sentence = first?.sentence ?? -1;
  let modelInSentence = false, modelInParagraph = false;
  for (const m of resolved) {
    const t = doc.tokens[doc.tokenFrom(m.cue.start)];
    if (t?.sentence === sentence) modelInSentence = true;
    if (t?.paragraph === first?.paragraph) modelInParagraph = true;
  }
  f.set('sent.modelCue', modelInSentence ? 1 : 0);
  f.set('sent.modelCue&nest.inModel', modelInSentence && inModel ? 1 : 0);
  f.set('cue.afterAnd&nest.inModel', afterAnd && inModel ? 1 : 0);
  // How many other extras the rules make in the same paragraph (rule activity the model ignored).
  let others = 0;
  for (const x of rules) {
    if (x === r) continue;
    const t = doc.tokens[doc.tokenFrom(x.cue.start)];
    if (t?.paragraph !== first?.paragraph) continue;
    let found = false;
    for (const m of resolved) if (overlaps(m.cue, x.cue)) found = true;
    if (!found) others++;
  }
  f.set('para.otherExtras', Math.min(others, 3));
  f.set('para.modelCue', modelInParagraph ? 1 : 0);
  const sent = doc.sentences[sentence];
  if (sent) {
    f.set('sent.cueFirst3', cue.first - sent.firstToken < 3 ? 1 : 0);
    f.set('sent.cueLast3', sent.endToken - cue.end <= 3 ? 1 : 0);
    f.set('para.first', doc.paragraphs[sent.paragraph] && sent.firstToken === firstTokenOfParagraph(doc, sent.paragraph) ? 1 : 0);
    f.set('doc.firstPara', sent.paragraph === 0 ? 1 : 0);
  }
}

function firstTokenOfParagraph(doc: Doc, p: number): number {
  for (const s of doc.sentences) if (s.paragraph === p) return s.firstToken;
  return -1;
}
