// What every ingest source yields: an article to store (text plus whatever metadata the source
// knew), or a failure that names where it came from and why. One failed item never stops the rest.

import type { ErrorCode } from '../core/errors.js';

export interface IngestItem {
  /** Where it came from: a file path, `FILE:LINE` for JSONL, a URL, `FEED#n`. */
  origin: string;
  id?: string | null;
  url?: string | null;
  title?: string | null;
  /** ISO 8601 when known. */
  published?: string | null;
  publisher?: string | null;
  byline?: string | null;
  canonicalUrl?: string | null;
  text: string;
}

export interface IngestFailure {
  origin: string;
  reason: string;
  code?: ErrorCode;
}

export type SourceEvent = { item: IngestItem } | { failure: IngestFailure };

/** A date as ISO 8601 (UTC) when it parses, else null. A bare YYYY-MM-DD is kept as it is. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  return new Date(t).toISOString();
}
