// HTML pages to article text and metadata. The main text is found by @mozilla/readability over a
// linkedom document; title, byline, publish date, canonical URL and publisher come from the page's
// own metadata (<link rel=canonical>, Open Graph, article:published_time, JSON-LD, <time>), with
// Readability's findings as fallback. Relative URLs are resolved against the page's address.
//
// Readability's textContent runs paragraphs together, so its HTML is turned into text here with one
// paragraph per block element (blank line between). That walk is hand-written: it is a dozen lines
// over the DOM, and none of the installed libraries keeps block boundaries.

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isoDate } from './item.js';

export interface HtmlArticle {
  title: string | null;
  byline: string | null;
  published: string | null;
  canonicalUrl: string | null;
  publisher: string | null;
  text: string;
}

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3',
  'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'HEAD']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Text of a DOM subtree: one paragraph per block element, spaces collapsed inside paragraphs. */
export function domToText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const breakParagraph = (): void => {
    const p = current.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();
    if (p) paragraphs.push(p);
    current = '';
  };
  const walk = (node: DomNode): void => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    const block = BLOCKS.has(name);
    if (block) breakParagraph();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) breakParagraph();
  };
  walk(root);
  breakParagraph();
  return paragraphs.join('\n\n');
}

/** Plain text of an HTML fragment (feed item content, JSONL `html`). */
export function htmlFragmentToText(html: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`);
  return domToText(document.body as unknown as DomNode);
}

function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (!href || !href.trim()) return null;
  try {
    return new URL(href.trim(), base ?? undefined).href;
  } catch {
    return null;
  }
}

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(document: Doc, selectors: string[]): string | null {
  for (const sel of selectors) {
    const el = document.querySelector(sel);
    const v = el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

function jsonLd(document: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const el of document.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      const value = JSON.parse(el.textContent ?? '') as unknown;
      const list = Array.isArray(value) ? value : [value];
      for (const v of list) {
        if (v && typeof v === 'object') {
          out.push(v as Record<string, unknown>);
          const graph = (v as Record<string, unknown>)['@graph'];
          if (Array.isArray(graph)) for (const g of graph) if (g && typeof g === 'object') out.push(g as Record<string, unknown>);
        }
      }
    } catch {
      // A broken JSON-LD block is ignored; the page's other metadata still counts.
    }
  }
  return out;
}

function ldName(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(ldName).filter(Boolean).join(', ') || null;
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  return null;
}

/** Extracts an article from a whole HTML page. `pageUrl` resolves relative links. */
export function extractHtmlArticle(html: string, pageUrl?: string | null): HtmlArticle {
  const { document } = parseHTML(html);
  const base = resolveUrl(document.querySelector('base[href]')?.getAttribute('href'), pageUrl) ?? pageUrl ?? null;
  const ld = jsonLd(document).find((o) => typeof o['@type'] === 'string' && /Article|Posting|Report/i.test(o['@type'] as string));
  const canonicalUrl = resolveUrl(meta(document, ['link[rel="canonical"]', 'meta[property="og:url"]']), base);
  const metaTitle = meta(document, ['meta[property="og:title"]', 'meta[name="twitter:title"]']);
  const published =
    isoDate(
      meta(document, [
        'meta[property="article:published_time"]',
        'meta[name="article:published_time"]',
        'meta[itemprop="datePublished"]',
        'meta[name="date"]',
        'meta[name="pubdate"]',
        'meta[name="DC.date.issued"]',
        'time[datetime]',
      ]) ?? (ld?.datePublished as string | undefined),
    ) ?? null;
  const metaByline = meta(document, ['meta[name="author"]', 'meta[property="article:author"]']) ?? ldName(ld?.author);
  const publisher = meta(document, ['meta[property="og:site_name"]', 'meta[name="application-name"]']) ?? ldName(ld?.publisher);
  const pageTitle = document.querySelector('title')?.textContent?.trim() || null;

  let text = '';
  let readTitle: string | null = null;
  let readByline: string | null = null;
  let readPublished: string | null = null;
  try {
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    if (article?.content) text = htmlFragmentToText(article.content);
    readTitle = article?.title?.trim() || null;
    readByline = article?.byline?.trim() || null;
    readPublished = isoDate(article?.publishedTime ?? null);
  } catch {
    // Readability could not find an article: fall back to the body text below.
  }
  if (!text.trim()) {
    const fallback = parseHTML(html).document;
    text = fallback.body ? domToText(fallback.body as unknown as DomNode) : '';
  }
  return {
    title: metaTitle || readTitle || pageTitle,
    byline: metaByline || readByline,
    published: published ?? readPublished,
    canonicalUrl,
    publisher: publisher || null,
    text,
  };
}
