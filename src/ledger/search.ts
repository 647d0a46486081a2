// Search over the ledger: the user's words become an FTS5 query (each word a quoted term, all
// required; a trailing * keeps prefix search; OR between words is kept), run over statements
// (content, source, cue), speakers (names and aliases) and articles (title and text), with filters
// on speaker, act, kind, date range and publisher.

import type { Act, StatementKind } from '../core/model.js';
import type { ArticleHit, SpeakerHit, StatementFilter, StatementHit, StoreOps } from '../store/port.js';
import { normalizeName, personNameNorm } from './speakers.js';

/** The FTS5 query for the user's words, or null when they hold no searchable word. */
export function ftsQuery(input: string): string | null {
  const parts: string[] = [];
  for (const raw of input.trim().split(/\s+/)) {
    if (!raw) continue;
    if (raw === 'OR') {
      if (parts.length && parts[parts.length - 1] !== 'OR') parts.push('OR');
      continue;
    }
    const prefix = raw.endsWith('*');
    const words = raw.replace(/\*+$/, '').match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    const phrase = `"${words.join(' ')}"`;
    parts.push(prefix ? `${phrase} *` : phrase);
  }
  while (parts[parts.length - 1] === 'OR') parts.pop();
  while (parts[0] === 'OR') parts.shift();
  return parts.length ? parts.join(' ') : null;
}

export interface SearchOptions {
  speaker?: string;
  acts?: Act[];
  kinds?: StatementKind[];
  from?: string;
  to?: string;
  publishers?: string[];
  limit?: number;
  /** Include statements of superseded versions too. */
  allVersions?: boolean;
}

export interface SearchResult {
  query: string;
  statements: StatementHit[];
  speakers: SpeakerHit[];
  articles: ArticleHit[];
}

/** Speaker ids whose names or aliases match a name (exact normal form first, then any word match). */
export async function speakerIdsByName(store: StoreOps, name: string): Promise<number[]> {
  if (/^#?\d+$/.test(name.trim())) {
    const sp = await store.getSpeaker(Number(name.trim().replace('#', '')));
    if (sp) return [sp.mergedInto ?? sp.id];
  }
  const exact = await store.aliasMatches([...new Set([normalizeName(name), personNameNorm(name)])]);
  if (exact.length) return [...new Set(exact.map((m) => m.speakerId))];
  const q = ftsQuery(name);
  if (!q) return [];
  return (await store.searchSpeakers(q, 20)).map((h) => h.speakerId);
}

export async function search(store: StoreOps, input: string, opts: SearchOptions = {}): Promise<SearchResult> {
  const match = ftsQuery(input);
  const limit = opts.limit ?? 20;
  const filter: StatementFilter = { limit, latestOnly: !opts.allVersions };
  if (opts.acts?.length) filter.acts = opts.acts;
  if (opts.kinds?.length) filter.kinds = opts.kinds;
  if (opts.from) filter.from = opts.from;
  if (opts.to) filter.to = opts.to;
  if (opts.publishers?.length) filter.publishers = opts.publishers;
  if (opts.speaker) {
    filter.speakerIds = await speakerIdsByName(store, opts.speaker);
    if (!filter.speakerIds.length) return { query: match ?? '', statements: [], speakers: [], articles: [] };
  }
  if (!match) {
    // No words: the filters alone select statements (e.g. everything a speaker denied).
    const rows = await store.statements(filter);
    const statements = rows.map((r) => ({ ...r, articleKey: '', articleTitle: null, publisher: null, storyGroup: 0, rank: 0 }));
    return { query: '', statements, speakers: [], articles: [] };
  }
  const statements = await store.searchStatements({ ...filter, match });
  const speakers = opts.speaker ? [] : await store.searchSpeakers(match, limit);
  const articles = opts.speaker || opts.acts?.length || opts.kinds?.length ? [] : await store.searchArticles(match, filter);
  return { query: match, statements, speakers, articles };
}
