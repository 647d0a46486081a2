// What can be read of one of the model's own statements once the learned stage has arbitrated:
// whether the rules agree (a rule statement or the cue stage's lexicon at the same cue), the cue
// tagger's margin (through the statement's confidence), nesting in another statement's content,
// the shape of the content and the source, the cue's lemma and part of speech, and the sentence
// around it. These are the readings the model-statement filter (model-filter.ts) weighs and what
// src/model/model-filter-training.ts fits it on; the perceptron sees none of them as such.

import type { Cue, Doc } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import { overlaps, type Span } from '../../core/span.js';
import { tokenRun } from './extra-features.js';
import { ReadingRecord, type ReadingSink, type Readings } from './reading-sink.js';
import { SpanIndex } from './span-index.js';

/** The readings of one model statement, each 0 or 1 (or a small count), by name. */
export type ModelReadings = Readings;

/** The cue tagger's per-token margin the stage squashed into the statement's confidence (stage.ts). */
export function marginOf(confidence: number): number {
  const c = Math.min(0.999, Math.max(0.001, confidence));
  return 10 * Math.log(c / (1 - c));
}

/** What every statement of one document is read against, indexed once per document (the stage
 * hands all of a document's statements the same `resolved` array). */
interface Context {
  cues: SpanIndex<null>;
  quotations: SpanIndex<null>;
  resolvedContents: SpanIndex<Statement>;
  resolvedCues: SpanIndex<Statement>;
  ruleContents: SpanIndex<Statement>;
  bySentence: Map<number, Statement[]>;
}

const contexts = new WeakMap<readonly Statement[], Context>();

/** The content spans of the statements, each with its statement. */
function contents(statements: readonly Statement[]): { span: Span; owner: Statement }[] {
  const out: { span: Span; owner: Statement }[] = [];
  for (const x of statements) for (const span of x.content) out.push({ span, owner: x });
  return out;
}

function contextOf(doc: Doc, rules: readonly Statement[], resolved: readonly Statement[]): Context {
  let c = contexts.get(resolved);
  if (c) return c;
  const bySentence = new Map<number, Statement[]>();
  for (const x of resolved) {
    const sentence = doc.tokens[doc.tokenFrom(x.cue.start)]?.sentence ?? -1;
    const list = bySentence.get(sentence);
    if (list) list.push(x);
    else bySentence.set(sentence, [x]);
  }
  c = {
    cues: new SpanIndex(doc.cues.map((span) => ({ span, owner: null }))),
    quotations: new SpanIndex(doc.quotations.map((q) => ({ span: q.inner, owner: null }))),
    resolvedContents: new SpanIndex(contents(resolved)),
    resolvedCues: new SpanIndex(resolved.map((x) => ({ span: x.cue, owner: x }))),
    ruleContents: new SpanIndex(contents(rules)),
    bySentence,
  };
  contexts.set(resolved, c);
  return c;
}

/** The reading names of the margin bands (below 10, 20, ... 60, then 60 or more) and of the
 * sentence's statement count (0 to 3 or more), written out so that none is built per statement. */
const MARGIN_BANDS = ['margin.lt10', 'margin.lt20', 'margin.lt30', 'margin.lt40', 'margin.lt50', 'margin.lt60', 'margin.ge60'];
const MARGIN_BANDS_RULE_NONE = MARGIN_BANDS.map((name) => `${name}&rule.none`);
const SENTENCE_STATEMENTS = ['sent.statements=0', 'sent.statements=1', 'sent.statements=2', 'sent.statements=3'];
const SENTENCE_STATEMENTS_RULE_NONE = SENTENCE_STATEMENTS.map((name) => `${name}&rule.none`);

/**
 * The readings of the model statement m, given the rule statement at the same cue (`agreed`, null
 * when the rules found none there), the rules' statements and the statements the arbitration
 * resolved at the model's cues (m among them). Names are prefixed by what they read: rule (the
 * rules' view of the cue), margin, cue, src, content, nest, sent.
 */
export function modelReadings(doc: Doc, m: Statement, agreed: Statement | null, rules: readonly Statement[], resolved: readonly Statement[]): ModelReadings {
  const record = new ReadingRecord();
  readModel(doc, m, agreed, rules, resolved, record);
  return record.readings;
}

/** Reads the model statement m (as `modelReadings` describes) into the sink, each name once. */
export function readModel(doc: Doc, m: Statement, agreed: Statement | null, rules: readonly Statement[], resolved: readonly Statement[], f: ReadingSink): void {
  const cue = tokenRun(doc, m.cue);
  const first = doc.tokens[cue.first];
  const context = contextOf(doc, rules, resolved);
  const at = context.cues.firstOverlapping(m.cue);
  const entry: Cue | null = at < 0 ? null : doc.cues[at]!;
  f.set('rule.statement', agreed ? 1 : 0);
  if (agreed) f.setKeyed('rule.kind=', agreed.kind, 1);
  f.set('rule.lexicon', entry ? 1 : 0);
  f.setKeyed('cue.cls=', entry?.cls ?? 'none', 1);
  // The margin in bands (the squashed confidence is monotone in it; bands let the fit bend).
  const margin = marginOf(m.confidence);
  const band = margin < 10 ? 0 : margin < 20 ? 1 : margin < 30 ? 2 : margin < 40 ? 3 : margin < 50 ? 4 : margin < 60 ? 5 : 6;
  f.set(MARGIN_BANDS[band]!, 1);
  // Where the rules found nothing at the cue, the model's margin is all there is to go by.
  if (!agreed) f.set(MARGIN_BANDS_RULE_NONE[band]!, 1);
  if (!agreed && !entry) f.set('rule.none&lexicon.none', 1);
  f.setKeyed('cue.lemma=', first?.lemma ?? 'none', 1);
  // The cue's head: its last verb or noun ("has | said", "is | expected"), else its last token.
  let head = doc.tokens[cue.end - 1];
  for (let i = cue.first; i < cue.end; i++) if (doc.tokens[i]?.pos === 'VERB' || doc.tokens[i]?.pos === 'NOUN') head = doc.tokens[i];
  if (cue.end - cue.first > 1) f.setKeyed('cue.head=', head?.lemma ?? 'none', 1);
  f.setKeyed('cue.pos=', first?.pos ?? 'none', 1);
  f.set('cue.multiword', cue.end - cue.first > 1 ? 1 : 0);
  const before = doc.tokens[cue.first - 1]?.lower ?? '';
  f.set('cue.afterTo', before === 'to' ? 1 : 0);
  f.set('cue.afterAnd', before === 'and' || before === 'but' ? 1 : 0);
  f.setKeyed('kind=', m.kind, 1);
  if (!m.source) f.set('src.none', 1);
  else {
    f.set(m.source.end <= m.cue.start ? 'src.before' : 'src.after', 1);
    const run = tokenRun(doc, m.source);
    f.setKeyed('src.pos=', doc.tokens[run.end - 1]?.pos ?? 'none', 1);
    f.set('src.long', run.end - run.first > 3 ? 1 : 0);
  }
  if (m.content.length === 0) f.set('content.none', 1);
  else {
    const c0 = m.content[0]!, cn = m.content[m.content.length - 1]!;
    f.set(cn.end <= m.cue.start ? 'content.before' : c0.start >= m.cue.end ? 'content.after' : 'content.around', 1);
    let n = 0, verb = 0, quoted = 0;
    for (const c of m.content) {
      const run = tokenRun(doc, c);
      n += run.end - run.first;
      for (let i = run.first; i < run.end; i++) if (doc.tokens[i]?.pos === 'VERB' || doc.tokens[i]?.pos === 'AUX') verb = 1;
      if (context.quotations.overlaps(c)) quoted = 1;
    }
    f.set('content.short', n <= 4 ? 1 : 0);
    f.set('content.long', n >= 25 ? 1 : 0);
    f.set('content.quoted', quoted);
    f.set('content.clause', verb);
    const head = doc.tokens[doc.tokenFrom(c0.start)];
    f.set('content.that', head?.lower === 'that' ? 1 : 0);
    f.setKeyed('content.first=', head?.pos ?? 'none', 1);
  }
  // Nesting: the cue inside another resolved statement's content, a rule statement's, a quotation;
  // this statement's content holding another resolved cue.
  const inResolved = context.resolvedContents.contains(m.cue, m);
  f.set('nest.inResolved', inResolved ? 1 : 0);
  f.set('nest.inRule', context.ruleContents.contains(m.cue, agreed ?? undefined) ? 1 : 0);
  f.set('nest.inQuote', context.quotations.contains(m.cue) ? 1 : 0);
  let holds = 0;
  for (const c of m.content) if (context.resolvedCues.overlaps(c, m)) holds = 1;
  f.set('nest.holds', holds);
  f.set('nest.inResolved&content.none', inResolved && m.content.length === 0 ? 1 : 0);
  f.set('nest.inResolved&rule.none', inResolved && !agreed ? 1 : 0);
  // The sentence: how many resolved statements it holds, the cue's place in it and in the document.
  const sentence = first?.sentence ?? -1;
  const sentenceStatements = context.bySentence.get(sentence) ?? [];
  const inSentence = sentenceStatements.length;
  // Another statement of the sentence that shares this one's content or source, or that the model
  // is surer of: two cues competing for one reading ("said … , adding").
  let sharesContent = 0, sharesSource = 0, surer = 0;
  for (const x of sentenceStatements) {
    if (x === m) continue;
    for (const c of m.content) for (const d of x.content) if (overlaps(c, d)) sharesContent = 1;
    if (m.source && x.source && overlaps(m.source, x.source)) sharesSource = 1;
    if (x.confidence > m.confidence) surer = 1;
  }
  f.set('sent.sharesContent', sharesContent);
  f.set('sent.sharesSource', sharesSource);
  f.set('sent.surerOther', surer);
  if (!agreed) f.set('sent.surerOther&rule.none', surer);
  f.set(SENTENCE_STATEMENTS[Math.min(inSentence, 3)]!, 1);
  if (!agreed) f.set(SENTENCE_STATEMENTS_RULE_NONE[Math.min(inSentence, 3)]!, 1);
  const sent = doc.sentences[sentence];
  if (sent) {
    f.set('sent.cueFirst3', cue.first - sent.firstToken < 3 ? 1 : 0);
    f.set('sent.cueLast3', sent.endToken - cue.end <= 3 ? 1 : 0);
    f.set('doc.firstPara', sent.paragraph === 0 ? 1 : 0);
  }
}
