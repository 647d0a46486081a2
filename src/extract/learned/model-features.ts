// What can be read of one of the model's own statements once the learned stage has arbitrated:
// whether the rules agree (a rule statement or the cue stage's lexicon at the same cue), the cue
// tagger's margin (through the statement's confidence), nesting in another statement's content,
// the shape of the content and the source, the cue's lemma and part of speech, and the sentence
// around it. These are the readings the model-statement filter (model-filter.ts) weighs and what
// src/model/model-filter-training.ts fits it on; the perceptron sees none of them as such.

import type { Cue, Doc } from '../../core/doc.js';
import type { Statement } from '../../core/model.js';
import { overlaps } from '../../core/span.js';
import { tokenRun } from './extra-features.js';
import { SpanIndex } from './span-index.js';

/** The readings of one model statement, each 0 or 1 (or a small count), by name. */
export type ModelReadings = Record<string, number>;

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

function contextOf(doc: Doc, rules: readonly Statement[], resolved: readonly Statement[]): Context {
  let c = contexts.get(resolved);
  if (c) return c;
  const contents = (statements: readonly Statement[]) => statements.flatMap((x) => x.content.map((span) => ({ span, owner: x })));
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

/**
 * The readings of the model statement m, given the rule statement at the same cue (`agreed`, null
 * when the rules found none there), the rules' statements and the statements the arbitration
 * resolved at the model's cues (m among them). Names are prefixed by what they read: rule (the
 * rules' view of the cue), margin, cue, src, content, nest, sent.
 */
export function modelReadings(doc: Doc, m: Statement, agreed: Statement | null, rules: readonly Statement[], resolved: readonly Statement[]): ModelReadings {
  // A null-prototype object is a hash table from the start: with a plain literal, every new key
  // sequence (the lemma and POS readings vary) gave V8 a fresh hidden-class chain, about 30 µs per
  // statement. Keys still enumerate in insertion order, so the weighted sums are unchanged.
  const f: ModelReadings = Object.create(null) as ModelReadings;
  const cue = tokenRun(doc, m.cue);
  const first = doc.tokens[cue.first];
  const context = contextOf(doc, rules, resolved);
  const at = context.cues.firstOverlapping(m.cue);
  const entry: Cue | null = at < 0 ? null : doc.cues[at]!;
  f['rule.statement'] = agreed ? 1 : 0;
  if (agreed) f[`rule.kind=${agreed.kind}`] = 1;
  f['rule.lexicon'] = entry ? 1 : 0;
  f[`cue.cls=${entry?.cls ?? 'none'}`] = 1;
  // The margin in bands (the squashed confidence is monotone in it; bands let the fit bend).
  const margin = marginOf(m.confidence);
  const band = margin < 10 ? 'lt10' : margin < 20 ? 'lt20' : margin < 30 ? 'lt30' : margin < 40 ? 'lt40' : margin < 50 ? 'lt50' : margin < 60 ? 'lt60' : 'ge60';
  f[`margin.${band}`] = 1;
  // Where the rules found nothing at the cue, the model's margin is all there is to go by.
  if (!agreed) f[`margin.${band}&rule.none`] = 1;
  if (!agreed && !entry) f['rule.none&lexicon.none'] = 1;
  f[`cue.lemma=${first?.lemma ?? 'none'}`] = 1;
  // The cue's head: its last verb or noun ("has | said", "is | expected"), else its last token.
  let head = doc.tokens[cue.end - 1];
  for (let i = cue.first; i < cue.end; i++) if (doc.tokens[i]?.pos === 'VERB' || doc.tokens[i]?.pos === 'NOUN') head = doc.tokens[i];
  if (cue.end - cue.first > 1) f[`cue.head=${head?.lemma ?? 'none'}`] = 1;
  f[`cue.pos=${first?.pos ?? 'none'}`] = 1;
  f['cue.multiword'] = cue.end - cue.first > 1 ? 1 : 0;
  const before = doc.tokens[cue.first - 1]?.lower ?? '';
  f['cue.afterTo'] = before === 'to' ? 1 : 0;
  f['cue.afterAnd'] = before === 'and' || before === 'but' ? 1 : 0;
  f[`kind=${m.kind}`] = 1;
  if (!m.source) f['src.none'] = 1;
  else {
    f[m.source.end <= m.cue.start ? 'src.before' : 'src.after'] = 1;
    const run = tokenRun(doc, m.source);
    f[`src.pos=${doc.tokens[run.end - 1]?.pos ?? 'none'}`] = 1;
    f['src.long'] = run.end - run.first > 3 ? 1 : 0;
  }
  if (m.content.length === 0) f['content.none'] = 1;
  else {
    const c0 = m.content[0]!, cn = m.content[m.content.length - 1]!;
    f[cn.end <= m.cue.start ? 'content.before' : c0.start >= m.cue.end ? 'content.after' : 'content.around'] = 1;
    let n = 0, verb = 0, quoted = 0;
    for (const c of m.content) {
      const run = tokenRun(doc, c);
      n += run.end - run.first;
      for (let i = run.first; i < run.end; i++) if (doc.tokens[i]?.pos === 'VERB' || doc.tokens[i]?.pos === 'AUX') verb = 1;
      if (context.quotations.overlaps(c)) quoted = 1;
    }
    f['content.short'] = n <= 4 ? 1 : 0;
    f['content.long'] = n >= 25 ? 1 : 0;
    f['content.quoted'] = quoted;
    f['content.clause'] = verb;
    const head = doc.tokens[doc.tokenFrom(c0.start)];
    f['content.that'] = head?.lower === 'that' ? 1 : 0;
    f[`content.first=${head?.pos ?? 'none'}`] = 1;
  }
  // Nesting: the cue inside another resolved statement's content, a rule statement's, a quotation;
  // this statement's content holding another resolved cue.
  f['nest.inResolved'] = context.resolvedContents.contains(m.cue, m) ? 1 : 0;
  f['nest.inRule'] = context.ruleContents.contains(m.cue, agreed ?? undefined) ? 1 : 0;
  f['nest.inQuote'] = context.quotations.contains(m.cue) ? 1 : 0;
  let holds = 0;
  for (const c of m.content) if (context.resolvedCues.overlaps(c, m)) holds = 1;
  f['nest.holds'] = holds;
  f['nest.inResolved&content.none'] = f['nest.inResolved'] && f['content.none'] ? 1 : 0;
  f['nest.inResolved&rule.none'] = f['nest.inResolved'] && !agreed ? 1 : 0;
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
  f['sent.sharesContent'] = sharesContent;
  f['sent.sharesSource'] = sharesSource;
  f['sent.surerOther'] = surer;
  if (!agreed) f['sent.surerOther&rule.none'] = surer;
  f[`sent.statements=${Math.min(inSentence, 3)}`] = 1;
  if (!agreed) f[`sent.statements=${Math.min(inSentence, 3)}&rule.none`] = 1;
  const sent = doc.sentences[sentence];
  if (sent) {
    f['sent.cueFirst3'] = cue.first - sent.firstToken < 3 ? 1 : 0;
    f['sent.cueLast3'] = sent.endToken - cue.end <= 3 ? 1 : 0;
    f['doc.firstPara'] = sent.paragraph === 0 ? 1 : 0;
  }
  return f;
}
