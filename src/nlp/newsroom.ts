// Newsroom furniture: the lines around an article's body that a wire or a site adds — the
// "(Bloomberg) --" or "LONDON (Reuters) -" opener, a byline, "--With assistance from …",
// "(Updates with …)" and correction notices, "©2024 Bloomberg L.P.", contact and editing lines.
// The meta stage reads metadata from them; the notes stage reads update and correction notices
// and needs to know which paragraphs are body text. Patterns are data in lexicons/newsroom.json.

import type { Span } from '../core/span.js';
import { loadLexicon } from './lexicon.js';

interface NewsroomLexicon {
  openers: string[];
  publisherAliases: Record<string, string>;
  byline: string;
  contributors: string[];
  contributorSeparators: string;
  contributorRoles: string[];
  contributorDrop: string[];
  updates: string[];
  corrections: string[];
  copyright: string;
  holderSuffixes: string;
  trailers: string[];
  paragraphReferences: Record<string, number>;
}

const lexicon = loadLexicon<NewsroomLexicon>('newsroom');
const compile = (source: string): RegExp => new RegExp(source, 'u');
const OPENERS = lexicon.openers.map(compile);
const BYLINE = compile(lexicon.byline);
const CONTRIBUTORS = lexicon.contributors.map(compile);
const SEPARATORS = new RegExp(`\\s*(?:${lexicon.contributorSeparators})\\s*`, 'u');
const ROLES = new Set(lexicon.contributorRoles);
const DROP = lexicon.contributorDrop.map((s) => new RegExp(s, 'iu'));
const UPDATES = lexicon.updates.map(compile);
const CORRECTIONS = lexicon.corrections.map(compile);
const COPYRIGHT = compile(lexicon.copyright);
const HOLDER_SUFFIX = new RegExp(lexicon.holderSuffixes, 'u');
const TRAILERS = lexicon.trailers.map(compile);
const PARAGRAPH_WORDS = Object.keys(lexicon.paragraphReferences).sort((a, b) => b.length - a.length);
const PARAGRAPH_REFERENCE = new RegExp(
  `\\b(?:(?<word>${PARAGRAPH_WORDS.join('|')})\\s+(?:two\\s+|three\\s+)?(?:paragraphs?|graf|grafs|para|paras)\\b|(?:paragraphs?|graf|para)\\s+(?<number>\\d{1,2})\\b)`,
  'iu',
);

export interface Opener {
  publisher: string | null;
  dateline: string | null;
  /** Length of the opener at the start of the paragraph ("(Bloomberg) -- " is 15). */
  length: number;
}

/** The wire opener at the start of a paragraph, if any. */
export function readOpener(paragraph: string): Opener | null {
  for (const re of OPENERS) {
    const m = re.exec(paragraph);
    if (!m) continue;
    const publisherRaw = m.groups?.['publisher']?.trim() ?? null;
    const dateline = m.groups?.['dateline']?.trim().replace(/[,\s]+$/u, '') ?? null;
    // A dateline alone must look like a place in capitals ("WASHINGTON —"), not a shouted sentence.
    if (!publisherRaw && (!dateline || dateline.split(/\s+/).length > 5)) continue;
    return { publisher: publisherRaw ? publisherName(publisherRaw) : null, dateline: dateline || null, length: m[0].length };
  }
  return null;
}

/** A publisher's usual name: aliases ("AP" -> "Associated Press"), legal suffixes dropped. */
export function publisherName(raw: string): string {
  const trimmed = raw.trim();
  const alias = lexicon.publisherAliases[trimmed];
  if (alias) return alias;
  let name = trimmed;
  for (let i = 0; i < 3; i++) name = name.replace(HOLDER_SUFFIX, '').trim();
  return name.replace(/[.,;]+$/u, '').trim() || trimmed;
}

export interface Furniture {
  kind: 'byline' | 'contributors' | 'update' | 'correction' | 'copyright' | 'trailer';
  /** For update and correction: the notice's own words, as offsets into the paragraph. */
  note?: { start: number; end: number };
  names?: string[];
  holder?: string | null;
  year?: string | null;
}

function groupOffsets(m: RegExpExecArray, name: string): { start: number; end: number } | undefined {
  const value = m.groups?.[name];
  if (value === undefined) return undefined;
  const at = m[0].indexOf(value);
  const start = m.index + (at < 0 ? 0 : at);
  return { start, end: start + value.length };
}

/** Names in a contributor list: "A and B", "A, B and C", "Associated Press writers A and B". */
export function splitNames(list: string): string[] {
  const names: string[] = [];
  for (let part of list.split(SEPARATORS)) {
    for (const re of DROP) part = part.replace(re, '');
    const words = part.trim().split(/\s+/).filter(Boolean);
    let from = 0;
    words.forEach((w, i) => {
      if (ROLES.has(w.toLowerCase())) from = i + 1;
    });
    const name = words.slice(from).join(' ').replace(/[.;:)]+$/u, '').trim();
    if (name && /^\p{Lu}/u.test(name) && name.split(/\s+/).length <= 5) names.push(name);
  }
  return names;
}

/** What kind of newsroom line a paragraph is, or null for body text. */
export function classifyParagraph(paragraph: string, isNearTop: boolean): Furniture | null {
  const text = paragraph.trim();
  if (!text) return null;
  for (const re of CORRECTIONS) {
    const m = re.exec(text);
    if (m) return { kind: 'correction', ...(groupOffsets(m, 'note') ? { note: groupOffsets(m, 'note')! } : {}) };
  }
  for (const re of UPDATES) {
    const m = re.exec(text);
    if (m) return { kind: 'update', ...(groupOffsets(m, 'note') ? { note: groupOffsets(m, 'note')! } : {}) };
  }
  const copyright = COPYRIGHT.exec(text);
  if (copyright && text.length < 120) {
    const holder = copyright.groups?.['holder']?.trim();
    return { kind: 'copyright', holder: holder ? publisherName(holder) : null, year: copyright.groups?.['year'] ?? null };
  }
  for (const re of CONTRIBUTORS) {
    const m = re.exec(text);
    if (m && text.length < 300) return { kind: 'contributors', names: splitNames(m.groups?.['names'] ?? '') };
  }
  if (isNearTop && text.length < 160) {
    const m = BYLINE.exec(text);
    if (m) return { kind: 'byline', names: splitNames(m.groups?.['names'] ?? '') };
  }
  if (TRAILERS.some((re) => re.test(text))) return { kind: 'trailer' };
  return null;
}

/** How many leading paragraphs may hold an opener or a byline. */
export const TOP_PARAGRAPHS = 3;

const furnitureCache = new WeakMap<readonly Span[], { text: string; count: number; lines: readonly (Furniture | null)[] }>();

/**
 * classifyParagraph for every paragraph of an article (the first TOP_PARAGRAPHS count as near the
 * top), worked out once per paragraphs layer: the notes and the meta stage both read it. The
 * result is shared between them, so it must not be changed.
 */
export function classifyParagraphs(text: string, paragraphs: readonly Span[]): readonly (Furniture | null)[] {
  const hit = furnitureCache.get(paragraphs);
  if (hit && hit.text === text && hit.count === paragraphs.length) return hit.lines;
  const lines = paragraphs.map((p, i) => classifyParagraph(text.slice(p.start, p.end), i < TOP_PARAGRAPHS));
  furnitureCache.set(paragraphs, { text, count: paragraphs.length, lines });
  return lines;
}

/**
 * The paragraph a notice points to ("in the last paragraph" -> -1, "third paragraph" -> 2,
 * "paragraph 5" -> 4): an index into the body paragraphs, negative from the end; null if none.
 */
export function paragraphReference(notice: string): number | null {
  const m = PARAGRAPH_REFERENCE.exec(notice);
  if (!m) return null;
  if (m.groups?.['number']) return Number(m.groups['number']) - 1;
  const word = m.groups?.['word']?.toLowerCase();
  return word !== undefined && word in lexicon.paragraphReferences ? lexicon.paragraphReferences[word]! : null;
}
