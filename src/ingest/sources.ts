// Turns what the user names (files, directories, URLs, `-` for standard input) into a stream of
// ingest items and failures. Files are read by kind: plain text, HTML, JSONL
// (`{id?, url?, title?, published?, publisher?, text|html}` per line), and feeds (RSS, Atom, JSON
// Feed); directories are walked in name order, hidden entries skipped. A feed's items are taken
// from their pages when those can be fetched, else from the feed's own content. Every problem
// becomes a failure event naming its origin, so one bad item never stops the rest.

import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, resolve as resolvePath } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { HearsayError, isHearsayError, type ErrorCode } from '../core/errors.js';
import { looksLikeFeed, parseFeedDocument, type ParsedFeed } from './feed.js';
import { safeFetch, type FetchOptions } from './fetch.js';
import { extractHtmlArticle } from './html.js';
import { isoDate, type IngestItem, type SourceEvent } from './item.js';

export interface SourceOptions extends FetchOptions {
  /** Fetch each feed item's page (default true); when false, or when the page fails, the feed's content is used. */
  fetchItems?: boolean;
  /** Standard input, for `-`. */
  stdin?: NodeJS.ReadableStream;
  cwd?: string;
  /** Fetcher (tests may replace it). */
  fetch?: typeof safeFetch;
}

const TEXT_EXT = new Set(['.txt', '.text', '.md']);
const HTML_EXT = new Set(['.html', '.htm', '.xhtml']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);
const FEED_EXT = new Set(['.rss', '.atom', '.xml', '.json']);

function failure(origin: string, error: unknown, code?: ErrorCode): SourceEvent {
  if (isHearsayError(error)) {
    // "FILE looks binary" reads as "FILE: looks binary" in the summary, which names the origin.
    const reason = error.message.startsWith(`${origin} `) ? error.message.slice(origin.length + 1) : error.message;
    return { failure: { origin, reason, code: error.code } };
  }
  return { failure: { origin, reason: error instanceof Error ? error.message : String(error), ...(code ? { code } : {}) } };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a file's bytes as UTF-8, refusing binary data and invalid UTF-8 with clear errors. */
export function decodeText(bytes: Uint8Array, origin: string): string {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) throw new HearsayError('BINARY_INPUT', `${origin} looks binary (it contains NUL bytes).`, { origin });
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HearsayError('INVALID_UTF8', `${origin} is not valid UTF-8.`, { origin });
  }
}

function stringField(o: Record<string, unknown>, k: string): string | null {
  const v = o[k];
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null;
}

/** One JSONL record to an item, or a reason it is not one. */
export function jsonlRecord(line: string, origin: string): SourceEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { failure: { origin, reason: `not JSON: ${error instanceof Error ? error.message : String(error)}`, code: 'BAD_JSONL_LINE' } };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { failure: { origin, reason: 'not a JSON object', code: 'BAD_JSONL_LINE' } };
  const o = value as Record<string, unknown>;
  const url = stringField(o, 'url');
  let text = typeof o.text === 'string' ? o.text : null;
  let meta: Partial<IngestItem> = {};
  if (text === null && typeof o.html === 'string') {
    const page = extractHtmlArticle(o.html, url);
    text = page.text;
    meta = { title: page.title, byline: page.byline, published: page.published, canonicalUrl: page.canonicalUrl, publisher: page.publisher };
  }
  if (text === null) return { failure: { origin, reason: 'no string "text" or "html" field', code: 'BAD_JSONL_LINE' } };
  return {
    item: {
      origin,
      id: stringField(o, 'id'),
      url,
      title: stringField(o, 'title') ?? meta.title ?? null,
      published: isoDate(o.published ?? o.date) ?? meta.published ?? null,
      publisher: stringField(o, 'publisher') ?? meta.publisher ?? null,
      byline: stringField(o, 'byline') ?? meta.byline ?? null,
      canonicalUrl: meta.canonicalUrl ?? null,
      text,
    },
  };
}

async function* jsonlLines(lines: AsyncIterable<string> | Iterable<string>, name: string): AsyncGenerator<SourceEvent> {
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    yield jsonlRecord(line, `${name}:${n}`);
  }
}

async function* feedItems(feed: ParsedFeed, origin: string, options: SourceOptions): AsyncGenerator<SourceEvent> {
  const fetcher = options.fetch ?? safeFetch;
  let i = 0;
  for (const entry of feed.entries) {
    i++;
    const itemOrigin = entry.link ?? `${origin}#${i}`;
    let text = entry.text;
    let page: ReturnType<typeof extractHtmlArticle> | null = null;
    if (options.fetchItems !== false && entry.link && /^https?:/i.test(entry.link)) {
      try {
        const res = await fetcher(entry.link, options);
        page = extractHtmlArticle(res.body, res.url);
        if (page.text.trim()) text = page.text;
      } catch {
        // The page is not reachable: the feed's own content stands in for it.
      }
    }
    if (!text.trim()) {
      yield { failure: { origin: itemOrigin, reason: 'the feed item has no content and its page could not be read', code: 'EMPTY_INPUT' } };
      continue;
    }
    yield {
      item: {
        origin: itemOrigin,
        id: entry.id,
        // The feed's link is the item's identity, whether or not its page could be read this
        // time (so a later, successful fetch revises the same article); the page's canonical
        // URL is kept beside it.
        url: entry.link ?? page?.canonicalUrl ?? null,
        title: entry.title ?? page?.title ?? null,
        published: entry.published ?? page?.published ?? null,
        publisher: feed.title ?? page?.publisher ?? null,
        byline: entry.byline ?? page?.byline ?? null,
        canonicalUrl: page?.canonicalUrl ?? null,
        text,
      },
    };
  }
}

async function* fromDocument(content: string, origin: string, kind: 'text' | 'html' | 'feed' | 'sniff', pageUrl: string | null, options: SourceOptions): AsyncGenerator<SourceEvent> {
  const sniffed = kind === 'sniff' ? (looksLikeFeed(content) ? 'feed' : /^\s*(<!doctype html|<html|<head|<body|<\?xml)/i.test(content) ? 'html' : 'text') : kind;
  if (sniffed === 'feed') {
    let feed: ParsedFeed;
    try {
      feed = parseFeedDocument(content, pageUrl);
    } catch (error) {
      yield failure(origin, error, 'BAD_FEED');
      return;
    }
    yield* feedItems(feed, origin, options);
    return;
  }
  if (sniffed === 'html') {
    const page = extractHtmlArticle(content, pageUrl);
    yield {
      item: {
        origin,
        url: page.canonicalUrl ?? pageUrl,
        title: page.title,
        published: page.published,
        publisher: page.publisher,
        byline: page.byline,
        canonicalUrl: page.canonicalUrl,
        text: page.text,
      },
    };
    return;
  }
  yield { item: { origin, url: pageUrl, text: content } };
}

async function* fromFile(path: string, options: SourceOptions): AsyncGenerator<SourceEvent> {
  const ext = extname(path).toLowerCase();
  const fileUrl = pathToFileURL(path).href;
  if (JSONL_EXT.has(ext)) {
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    yield* jsonlLines(lines, path);
    return;
  }
  let content: string;
  try {
    content = decodeText(await readFile(path), path);
  } catch (error) {
    yield failure(path, error, 'NOT_READABLE');
    return;
  }
  if (TEXT_EXT.has(ext)) {
    yield { item: { origin: path, url: fileUrl, text: content } };
    return;
  }
  if (HTML_EXT.has(ext)) {
    yield* fromDocument(content, path, 'html', null, options);
    return;
  }
  if (FEED_EXT.has(ext) && !looksLikeFeed(content)) {
    if (ext === '.json') {
      yield { failure: { origin: path, reason: 'a .json file that is not a JSON Feed (use .jsonl for article records)', code: 'BAD_FEED' } };
      return;
    }
    if (ext !== '.xml') {
      yield* fromDocument(content, path, 'feed', null, options);
      return;
    }
  }
  // Plain files keep their path as identity; a page's canonical URL, when it has one, wins.
  const events = fromDocument(content, path, 'sniff', null, options);
  for await (const e of events) {
    if ('item' in e && !e.item.url && !looksLikeFeed(content)) e.item.url = fileUrl;
    yield e;
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.')).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) yield* walk(path);
    else if (e.isFile()) {
      const ext = extname(e.name).toLowerCase();
      if (TEXT_EXT.has(ext) || HTML_EXT.has(ext) || JSONL_EXT.has(ext) || FEED_EXT.has(ext)) yield path;
    }
  }
}

async function* fromUrl(url: string, options: SourceOptions): AsyncGenerator<SourceEvent> {
  const fetcher = options.fetch ?? safeFetch;
  let res;
  try {
    res = await fetcher(url, options);
  } catch (error) {
    yield failure(url, error, 'FETCH_FAILED');
    return;
  }
  const type = res.contentType.toLowerCase();
  const kind = /(rss|atom|feed\+json)/.test(type) || looksLikeFeed(res.body) ? 'feed' : /html|xml/.test(type) ? 'html' : /text\/plain/.test(type) ? 'text' : 'sniff';
  yield* fromDocument(res.body, url, kind, res.url, options);
}

async function* readStdin(stdin: NodeJS.ReadableStream): AsyncGenerator<SourceEvent> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  let content: string;
  try {
    content = decodeText(Buffer.concat(chunks), 'standard input');
  } catch (error) {
    yield failure('-', error);
    return;
  }
  if (content.trimStart().startsWith('{') && !looksLikeFeed(content)) {
    yield* jsonlLines(content.split(/\r?\n/), '-');
    return;
  }
  yield* fromDocument(content, '-', 'sniff', null, {});
}

/** All items named by the inputs, in order. */
export async function* readSources(inputs: string[], options: SourceOptions = {}): AsyncGenerator<SourceEvent> {
  for (const input of inputs) {
    if (input === '-') {
      if (options.stdin) yield* readStdin(options.stdin);
      continue;
    }
    if (/^https?:\/\//i.test(input)) {
      yield* fromUrl(input, options);
      continue;
    }
    const path = resolvePath(options.cwd ?? process.cwd(), input);
    let info;
    try {
      info = await stat(path);
    } catch {
      yield { failure: { origin: input, reason: 'no such file or directory', code: 'FILE_NOT_FOUND' } };
      continue;
    }
    if (info.isDirectory()) {
      for await (const file of walk(path)) yield* fromFile(file, options);
    } else yield* fromFile(path, options);
  }
}

