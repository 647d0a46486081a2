// The records the scorer reads: gold articles in PolNeAR's JSONL shape
// ({id, text, attributions:[{source, cue, content, derived_quote_type?}]}, each role a list of spans)
// and predictions ({id, statements:[{source, cue, content}]}, each role a span or a list of spans;
// Citron's {id, quotes:[{sources, cue, contents}]} is accepted too, as by the reference scorer).
// A hearsay/1 article object is itself a valid prediction record.

import { readFileSync } from 'node:fs';
import { HearsayError, type ErrorCode } from '../core/errors.js';
import type { LooseSpan } from './positions.js';

export interface RoleSpans {
  source: LooseSpan[];
  cue: LooseSpan[];
  content: LooseSpan[];
}

export interface GoldAttribution extends RoleSpans {
  /** PolNeAR's derived_quote_type (direct, indirect, mixed, none); "all" when the gold has none. */
  quoteType: string;
}

export interface GoldArticle {
  id: string;
  text: string;
  attributions: GoldAttribution[];
}

export interface PredArticle {
  id: string;
  statements: RoleSpans[];
}

/** A role value as written: one span, a list of spans, or nothing. */
export function spanList(value: unknown): LooseSpan[] {
  if (value == null) return [];
  return (Array.isArray(value) ? value : [value]) as LooseSpan[];
}

function parseLines(text: string, what: string, code: ErrorCode): { line: number; value: unknown }[] {
  const out: { line: number; value: unknown }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (error) {
      throw new HearsayError(code, `${what} line ${i + 1} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { line: i + 1 });
    }
  }
  return out;
}

/** Parses gold JSONL text. Throws BAD_GOLD naming the line of the first malformed record. */
export function parseGold(jsonl: string, name = 'gold'): GoldArticle[] {
  return parseLines(jsonl, name, 'BAD_GOLD').map(({ line, value }) => {
    const g = value as { id?: unknown; text?: unknown; attributions?: unknown };
    if (!g || typeof g !== 'object' || typeof g.text !== 'string' || !Array.isArray(g.attributions)) {
      throw new HearsayError('BAD_GOLD', `${name} line ${line} lacks a string "text" or an "attributions" list.`, { line });
    }
    return {
      id: String(g.id),
      text: g.text,
      attributions: (g.attributions as Record<string, unknown>[]).map((a) => ({
        source: spanList(a?.source),
        cue: spanList(a?.cue),
        content: spanList(a?.content),
        quoteType: typeof a?.derived_quote_type === 'string' && a.derived_quote_type ? a.derived_quote_type : 'all',
      })),
    };
  });
}

/** Turns one prediction record into role spans (hearsay/1, {statements} or Citron {quotes}). */
export function toPredArticle(value: unknown): PredArticle {
  const d = (value ?? {}) as { id?: unknown; statements?: unknown; quotes?: unknown };
  let statements: RoleSpans[] = [];
  if (Array.isArray(d.statements)) {
    statements = (d.statements as Record<string, unknown>[]).map((s) => ({
      source: spanList(s?.source),
      cue: spanList(s?.cue),
      content: spanList(s?.content),
    }));
  } else if (Array.isArray(d.quotes)) {
    statements = (d.quotes as Record<string, unknown>[]).map((q) => ({
      source: spanList(q?.sources),
      cue: spanList(q?.cue),
      content: spanList(q?.contents),
    }));
  }
  return { id: String(d.id), statements };
}

/** Parses prediction JSONL text. Throws BAD_JSONL_LINE naming the line of the first bad record. */
export function parsePredictions(jsonl: string, name = 'predictions'): PredArticle[] {
  return parseLines(jsonl, name, 'BAD_JSONL_LINE').map(({ line, value }) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      throw new HearsayError('BAD_JSONL_LINE', `${name} line ${line} is not a JSON object.`, { line });
    }
    return toPredArticle(value);
  });
}

/** Reads a UTF-8 file for the scorer, with a clear error when it is missing. */
export function readScorerFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HearsayError('FILE_NOT_FOUND', `No such file: ${path}`, { path });
    if (code === 'EISDIR') throw new HearsayError('USAGE', `${path} is a directory; the scorer reads a JSONL file.`, { path });
    throw new HearsayError('NOT_READABLE', `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { path });
  }
}
