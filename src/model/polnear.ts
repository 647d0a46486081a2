// Reader for PolNeAR in the converted JSONL form (../shared/data/polnear/*.jsonl): one article a
// line, {id, text, attributions: [{source, cue, content}]}, each role a list of UTF-16 spans.
// The data is research-only: it is read from disk at run time and never copied into the package.

import { readFileSync } from 'node:fs';
import { HearsayError } from '../core/errors.js';
import type { Span } from '../core/span.js';

export interface GoldAttribution {
  source: Span[];
  cue: Span[];
  content: Span[];
}

export interface GoldArticle {
  id: string;
  text: string;
  attributions: GoldAttribution[];
}

function spans(value: unknown): Span[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((s): s is Span => !!s && typeof s.start === 'number' && typeof s.end === 'number')
    .map((s) => ({ start: s.start, end: s.end }));
}

/** Reads a PolNeAR-format JSONL file; a malformed line is a BAD_GOLD error naming its line. */
export function readPolnear(path: string): GoldArticle[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new HearsayError('FILE_NOT_FOUND', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
  }
  const articles: GoldArticle[] = [];
  raw.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let d: { id?: unknown; text?: unknown; attributions?: unknown };
    try {
      d = JSON.parse(line);
    } catch {
      throw new HearsayError('BAD_GOLD', `${path}:${i + 1}: not JSON`, { path, line: i + 1 });
    }
    if (typeof d.text !== 'string' || !Array.isArray(d.attributions)) {
      throw new HearsayError('BAD_GOLD', `${path}:${i + 1}: needs a string "text" and an "attributions" list`, { path, line: i + 1 });
    }
    articles.push({
      id: String(d.id ?? i + 1),
      text: d.text,
      attributions: (d.attributions as Record<string, unknown>[]).map((a) => ({
        source: spans(a.source),
        cue: spans(a.cue),
        content: spans(a.content),
      })),
    });
  });
  return articles;
}
