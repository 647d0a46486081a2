// RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed to ingest items, parsed by feedsmith. Each item keeps
// its link (resolved against xml:base, the feed's own link or the feed's URL), id, title, date,
// authors and the feed's title as publisher. A malformed feed throws BAD_FEED before any item is
// yielded, so nothing is stored from it. Whether an item's page is fetched is the caller's choice
// (sources.ts): this module only reads the feed.

import { parseFeed } from 'feedsmith';
import { HearsayError } from '../core/errors.js';
import { htmlFragmentToText } from './html.js';
import { isoDate } from './item.js';

export interface FeedEntry {
  id: string | null;
  link: string | null;
  title: string | null;
  published: string | null;
  byline: string | null;
  /** The item's own content as text (content:encoded, content, summary, description), possibly empty. */
  text: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  entries: FeedEntry[];
}

type Loose = Record<string, unknown> | undefined | null;

/** Text of a feed field that may be a string, or an Atom text construct {value, type}. */
function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && typeof (v as { value?: unknown }).value === 'string') return ((v as { value: string }).value.trim() || null);
  return null;
}

function resolve(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return base ? null : href;
  }
}

function names(list: unknown): string | null {
  if (!Array.isArray(list)) return str(list);
  const out = list.map((a) => (typeof a === 'string' ? a : str((a as Loose)?.name) ?? str((a as Loose)?.email))).filter(Boolean);
  return out.length ? out.join(', ') : null;
}

function looksLikeHtml(s: string): boolean {
  return /<\/?[a-z][\s\S]*>/i.test(s) || /&(?:[a-z]+|#\d+);/i.test(s);
}

/** A title: an Atom text construct says whether it is HTML; elsewhere titles are plain text. */
function titleText(v: unknown): string | null {
  const raw = str(v);
  if (!raw) return null;
  const type = v && typeof v === 'object' ? str((v as { type?: unknown }).type) : null;
  const text = type === 'html' || type === 'xhtml' ? htmlFragmentToText(raw) : raw;
  return text.replace(/\s+/g, ' ').trim() || null;
}

function toText(s: string | null, isHtml?: boolean): string {
  if (!s) return '';
  return isHtml ?? looksLikeHtml(s) ? htmlFragmentToText(s) : s.trim();
}

/** Parses a feed document; `feedUrl` (where it was read from) resolves relative links. */
export function parseFeedDocument(content: string, feedUrl?: string | null): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(content) as { format: string; feed: unknown };
  } catch (error) {
    throw new HearsayError('BAD_FEED', `Not a valid RSS, Atom or JSON feed${feedUrl ? ` (${feedUrl})` : ''}: ${error instanceof Error ? error.message : String(error)}`, {
      url: feedUrl ?? null,
    });
  }
  const feed = parsed.feed as Record<string, unknown>;
  if (parsed.format === 'atom') {
    const base = resolve(str((feed.xml as Loose)?.base), feedUrl ?? null) ?? feedUrl ?? null;
    const links = (feed.links as Loose[] | undefined) ?? [];
    const feedLink = resolve(str(links.find((l) => !l?.rel || l.rel === 'alternate')?.href), base);
    const entries = ((feed.entries as Loose[] | undefined) ?? []).map((e): FeedEntry => {
      const entryBase = resolve(str((e?.xml as Loose)?.base), base) ?? base ?? feedLink;
      const elinks = (e?.links as Loose[] | undefined) ?? [];
      const link = resolve(str(elinks.find((l) => !l?.rel || l.rel === 'alternate')?.href ?? elinks[0]?.href), entryBase);
      const content = e?.content as Loose;
      const summary = e?.summary as Loose;
      const body = str(content) ?? str(summary);
      const type = str(content?.type) ?? str(summary?.type);
      return {
        id: str(e?.id),
        link,
        title: titleText(e?.title),
        published: isoDate(str(e?.published) ?? str(e?.updated)),
        byline: names(e?.authors),
        text: toText(body, type === 'html' || type === 'xhtml' ? true : type === 'text' ? false : undefined),
      };
    });
    return { format: 'atom', title: titleText(feed.title), link: feedLink, entries };
  }
  if (parsed.format === 'json') {
    const base = resolve(str(feed.home_page_url), feedUrl ?? null) ?? str(feed.feed_url) ?? feedUrl ?? null;
    const entries = ((feed.items as Loose[] | undefined) ?? []).map(
      (e): FeedEntry => ({
        id: str(e?.id) ?? (typeof e?.id === 'number' ? String(e.id) : null),
        link: resolve(str(e?.url) ?? str(e?.external_url), base),
        title: titleText(e?.title),
        published: isoDate(str(e?.date_published) ?? str(e?.date_modified)),
        byline: names(e?.authors ?? (e?.author ? [e.author] : undefined)),
        text: str(e?.content_html) ? toText(str(e?.content_html), true) : toText(str(e?.content_text) ?? str(e?.summary), false),
      }),
    );
    return { format: 'json', title: titleText(feed.title), link: base, entries };
  }
  // rss and rdf
  const base = resolve(str(feed.link), feedUrl ?? null) ?? feedUrl ?? null;
  const entries = ((feed.items as Loose[] | undefined) ?? []).map((e): FeedEntry => {
    const guid = e?.guid as Loose | string | undefined;
    const guidValue = typeof guid === 'string' ? guid : str((guid as Loose)?.value);
    const encoded = str((e?.content as Loose)?.encoded);
    const dc = e?.dc as Loose;
    return {
      id: guidValue,
      link: resolve(str(e?.link) ?? (guidValue && /^https?:/i.test(guidValue) ? guidValue : null), base),
      title: titleText(e?.title),
      published: isoDate(str(e?.pubDate) ?? str(dc?.date) ?? str((dc?.dates as unknown[] | undefined)?.[0])),
      byline: names(e?.authors) ?? names(dc?.creators) ?? str(dc?.creator),
      text: toText(encoded ?? str(e?.description)),
    };
  });
  return { format: parsed.format === 'rdf' ? 'rdf' : 'rss', title: titleText(feed.title), link: base, entries };
}

/** Whether a document looks like a feed rather than a page (by its first element or JSON Feed version). */
export function looksLikeFeed(content: string): boolean {
  const head = content.slice(0, 2000).replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(head);
  const withoutProlog = head.replace(/^<\?xml[^>]*\?>\s*/i, '').replace(/^(<!--[\s\S]*?-->\s*|<\?[^>]*\?>\s*)*/g, '');
  return /^<(rss|feed|rdf:RDF)\b/i.test(withoutProlog);
}
