// Exports of the ledger's articles (latest versions) and statements, streamed as text chunks:
//   json           a JSON array of {article, version, speakers, analysis} (analysis = hearsay/1 with text)
//   csv            one row per statement (RFC 4180 quoting), offsets in UTF-16 code units
//   webannotation  a W3C Web Annotation collection (JSON-LD): one annotation per statement whose
//                  targets carry TextQuoteSelector and TextPositionSelector, so a statement can be
//                  re-anchored in the article; positions in code points, as the model requires
//   citron         JSON lines in the format of BBC's Citron ({text, quotes:[{cue, sources, contents,
//                  confidence}]}), offsets in code points as Python counts them
// The CSV quoting is the standard three rules and is written here rather than adding a dependency.

import type { ArticleJson } from '../core/format.js';
import { utf16ToCodePointOffset } from '../core/span.js';
import type { TextSpan } from '../core/span.js';
import type { ArticleRow, StatementFilter, StatementRow, StoreOps, VersionRow } from '../store/port.js';

export const EXPORT_FORMATS = ['json', 'csv', 'webannotation', 'citron'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  filter?: Pick<StatementFilter, 'from' | 'to' | 'publishers'>;
  /** Page size when reading articles (default 200). */
  pageSize?: number;
}

interface Loaded {
  article: ArticleRow;
  version: VersionRow;
  analysis: ArticleJson;
  statements: StatementRow[];
}

async function* articles(store: StoreOps, opts: ExportOptions): AsyncGenerator<Loaded> {
  let after = 0;
  const size = opts.pageSize ?? 200;
  for (;;) {
    const page = await store.listArticles(after, size, opts.filter ?? {});
    if (!page.length) return;
    for (const article of page) {
      after = article.id;
      const version = await store.getVersion(article.latestVersion);
      if (!version) continue;
      const text = await store.getText(version.textHash);
      if (!text) continue;
      const analysis: ArticleJson = { ...text.analysis, text: text.text };
      yield { article, version, analysis, statements: await store.statementsOfVersion(version.id) };
    }
  }
}

export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = [
  'article_id', 'article_key', 'title', 'publisher', 'published', 'story_group', 'version', 'statement', 'kind', 'act',
  'speaker_id', 'speaker', 'link_confidence', 'source', 'cue', 'content', 'channel', 'confidence', 'date', 'cue_start', 'cue_end',
  'content_start', 'content_end',
] as const;

function articleTarget(a: ArticleRow): string {
  return a.url ?? (a.externalId ? `urn:hearsay:article:${encodeURIComponent(a.externalId)}` : `urn:hearsay:article:${a.id}`);
}

const CONTEXT = 32;

function selectors(text: string, s: TextSpan): Record<string, unknown>[] {
  return [
    { type: 'TextQuoteSelector', exact: s.text, prefix: text.slice(Math.max(0, s.start - CONTEXT), s.start), suffix: text.slice(s.end, s.end + CONTEXT) },
    { type: 'TextPositionSelector', start: utf16ToCodePointOffset(text, s.start), end: utf16ToCodePointOffset(text, s.end) },
  ];
}

function citronSpan(text: string, s: TextSpan): { start: number; end: number; text: string } {
  return { start: utf16ToCodePointOffset(text, s.start), end: utf16ToCodePointOffset(text, s.end), text: s.text };
}

/** Streams an export as text chunks. */
export async function* exportLedger(store: StoreOps, format: ExportFormat, opts: ExportOptions = {}): AsyncGenerator<string> {
  if (format === 'csv') {
    yield `${CSV_COLUMNS.join(',')}\r\n`;
    for await (const { article, version, statements } of articles(store, opts)) {
      for (const s of statements) {
        const content = s.json.content;
        const row = [
          article.id, article.key, article.title, article.publisher, article.published, article.storyGroup, version.seq, s.localId, s.kind, s.act,
          s.speakerId, s.speakerName, s.linkConfidence, s.source, s.cue, s.content, s.channel, s.confidence, s.date, s.json.cue.start, s.json.cue.end,
          content[0]?.start ?? '', content[content.length - 1]?.end ?? '',
        ];
        yield `${row.map(csvField).join(',')}\r\n`;
      }
    }
    return;
  }
  if (format === 'citron') {
    for await (const { article, analysis, statements } of articles(store, opts)) {
      const text = analysis.text;
      const quotes = statements.map((s) => ({
        id: s.localId,
        cue: citronSpan(text, s.json.cue),
        sources: s.json.source ? [citronSpan(text, s.json.source)] : [],
        contents: s.json.content.map((c) => citronSpan(text, c)),
        coreferences: [] as unknown[],
        confidence: s.confidence,
      }));
      yield `${JSON.stringify({ id: article.externalId ?? article.key, text, quotes })}\n`;
    }
    return;
  }
  if (format === 'webannotation') {
    yield `{"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:hearsay:export","type":"AnnotationCollection","label":"hearsay statements","first":{"type":"AnnotationPage","items":[\n`;
    let first = true;
    for await (const { article, analysis, statements } of articles(store, opts)) {
      const source = articleTarget(article);
      for (const s of statements) {
        const who = s.speakerName ?? s.source ?? 'unattributed';
        const annotation = {
          id: `urn:hearsay:statement:${article.id}:${s.localId}`,
          type: 'Annotation',
          motivation: 'describing',
          ...(article.published ? { created: article.published } : {}),
          body: [
            { type: 'TextualBody', purpose: 'describing', format: 'text/plain', value: `${who} · ${s.cue} · ${s.content}` },
            { type: 'TextualBody', purpose: 'tagging', value: s.act },
            { type: 'TextualBody', purpose: 'classifying', value: s.kind },
            ...(s.speakerName ? [{ type: 'TextualBody', purpose: 'identifying', value: s.speakerName, id: `urn:hearsay:speaker:${s.speakerId}` }] : []),
          ],
          target: [
            ...s.json.content.map((c) => ({ type: 'SpecificResource', source, selector: selectors(analysis.text, c) })),
            { type: 'SpecificResource', source, purpose: 'cue', selector: selectors(analysis.text, s.json.cue) },
            ...(s.json.source ? [{ type: 'SpecificResource', source, purpose: 'source', selector: selectors(analysis.text, s.json.source) }] : []),
          ],
        };
        yield `${first ? '' : ',\n'}${JSON.stringify(annotation)}`;
        first = false;
      }
    }
    yield `\n]}}\n`;
    return;
  }
  // json
  yield '[\n';
  let first = true;
  for await (const { article, version, analysis, statements } of articles(store, opts)) {
    const speakers: Record<string, { id: number | null; name: string | null; confidence: number | null }> = {};
    for (const s of statements) speakers[s.localId] = { id: s.speakerId, name: s.speakerName, confidence: s.linkConfidence };
    yield `${first ? '' : ',\n'}${JSON.stringify({ article, version, speakers, analysis })}`;
    first = false;
  }
  yield '\n]\n';
}
