// Reader for PolNeAR in the converted JSONL form (../shared/data/polnear/*.jsonl): one article a
// line, {id, text, attributions: [{source, cue, content}]}, each role a list of UTF-16 spans.
// Parsing is the scorer's (src/eval/records.ts); this adds the clean Span lists training needs.
// The data is research-only: it is read from disk at run time and never copied into the package.

import type { Span } from '../core/span.js';
import { parseGold, readScorerFile, spanList, type GoldArticle as ScorerGold } from '../eval/records.js';
import type { LooseSpan } from '../eval/positions.js';

export interface GoldAttribution {
  source: Span[];
  cue: Span[];
  content: Span[];
}

export interface GoldArticle {
  id: string;
  text: string;
  attributions: GoldAttribution[];
  /** The record as the scorer reads it. */
  scorer: ScorerGold;
}

function clean(spans: readonly LooseSpan[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) if (s && typeof s.start === 'number' && typeof s.end === 'number') out.push({ start: s.start, end: s.end });
  return out;
}

/** Reads a PolNeAR-format JSONL file (FILE_NOT_FOUND / BAD_GOLD naming the line on bad input).
 * With `alternatives`, each other annotator's annotation of a multi-annotated article is one more
 * article (same text, id "ID#annotator"). */
export function readPolnear(path: string, alternatives = false): GoldArticle[] {
  const raw = readScorerFile(path);
  const out: GoldArticle[] = parseGold(raw, path).map((g) => ({
    id: g.id,
    text: g.text,
    attributions: g.attributions.map((a) => ({ source: clean(a.source), cue: clean(a.cue), content: clean(a.content) })),
    scorer: g,
  }));
  if (!alternatives) return out;
  const lines = raw.split('\n').filter((l) => l.trim());
  lines.forEach((line, i) => {
    const alts = (JSON.parse(line) as { alt_annotations?: { annotator?: string; attributions?: Record<string, unknown>[] }[] }).alt_annotations ?? [];
    for (const alt of alts) {
      const base = out[i]!;
      const attributions = (alt.attributions ?? []).map((a) => ({
        source: clean(spanList(a.source)),
        cue: clean(spanList(a.cue)),
        content: clean(spanList(a.content)),
      }));
      out.push({ id: `${base.id}#${alt.annotator ?? 'alt'}`, text: base.text, attributions, scorer: base.scorer });
    }
  });
  return out;
}
