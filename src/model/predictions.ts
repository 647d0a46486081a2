// Model output as character spans: token runs become {start, end} spans into the article text,
// and whole-article predictions become the reference scorer's PRED lines.

import type { Doc } from '../core/doc.js';
import type { Span } from '../core/span.js';
import type { AttributionModel, PredictedAttribution, TokenRun } from './attribution-model.js';

export function runSpan(doc: Doc, run: TokenRun): Span {
  return { start: doc.tokens[run.first]!.start, end: doc.tokens[run.end - 1]!.end };
}

export interface SpanAttribution {
  source: Span[];
  cue: Span;
  content: Span[];
  margin: number;
}

export function toSpans(doc: Doc, predicted: readonly PredictedAttribution[]): SpanAttribution[] {
  return predicted.map((p) => ({
    source: p.source.map((r) => runSpan(doc, r)),
    cue: runSpan(doc, p.cue),
    content: p.content.map((r) => runSpan(doc, r)),
    margin: p.margin,
  }));
}

/** One PRED line for score-attributions.mjs / `hearsay eval`. */
export function predLine(id: string, doc: Doc, model: AttributionModel): string {
  const statements = toSpans(doc, model.predict(doc)).map((a) => ({ source: a.source, cue: a.cue, content: a.content }));
  return JSON.stringify({ id, statements });
}
