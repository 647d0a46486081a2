// Predictions from hearsay's own extractor, in the scorer's record shape, so `hearsay eval GOLD`
// (no PRED file), the CI quality gate and the model trainer all score the same thing.

import { analyse } from '../extract/pipeline.js';
import { withText, type TextSpan } from '../core/span.js';
import type { StatementKind } from '../core/model.js';
import type { GoldArticle, PredArticle } from './records.js';

/** One line of a predictions file (`hearsay eval --write-pred`): the statements' spans with text. */
export interface PredictionRecord {
  id: string;
  statements: { id: string; kind: StatementKind; source: TextSpan | null; cue: TextSpan; content: TextSpan[] }[];
}

/** Runs the extractor over one gold article's text. */
export function predictArticle(gold: Pick<GoldArticle, 'id' | 'text'>): PredictionRecord {
  const doc = analyse(gold.text, gold.id);
  const t = doc.text;
  return {
    id: gold.id,
    statements: doc.statements.map((s) => ({
      id: s.id,
      kind: s.kind,
      source: s.source ? withText(t, s.source) : null,
      cue: withText(t, s.cue),
      content: s.content.map((c) => withText(t, c)),
    })),
  };
}

/** The scorer's view of a prediction record. */
export function asPredArticle(record: PredictionRecord): PredArticle {
  return {
    id: record.id,
    statements: record.statements.map((s) => ({ source: s.source ? [s.source] : [], cue: [s.cue], content: s.content })),
  };
}
