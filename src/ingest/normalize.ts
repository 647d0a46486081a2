// Text normalisation at the ingest edge, and the text hash that makes ingest idempotent. The stored
// text is the normalised one and every offset points into it: a byte-order mark is dropped, line
// ends become \n (so a CRLF copy of an article is the same article), the text is put in Unicode
// NFC, trailing spaces are cut from lines, and runs of blank lines become one blank line.

import { createHash } from 'node:crypto';

export function normalizeText(raw: string): string {
  let t = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  t = t.replace(/\r\n?/g, '\n').normalize('NFC');
  t = t.replace(/[ \t\u00a0]+$/gm, '');
  t = t.replace(/\n{3,}/g, '\n\n');
  return t.trim();
}

/** sha256 of the normalised text, hex. */
export function textHash(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}
