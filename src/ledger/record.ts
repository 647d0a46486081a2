// Recording one article version in the ledger, inside a store transaction: the article (new, or a
// revision of the one under the same key), its text (stored once per hash), its statements linked
// to ledger speakers, the statement-level diff against the previous version, and its story group
// (exact duplicate by text hash, else near duplicate by MinHash).

import type { Analysis, StatementWrite, StoreOps } from '../store/port.js';
import { bandKeys, minhash as computeMinhash, NEAR_DUPLICATE_THRESHOLD, similarity } from './minhash.js';
import { diffStatements, revisionNotes, toDiffStatements, contentText } from './revisions.js';
import { isNameLike, linkSpeaker, type SpeakerLink } from './speakers.js';

export interface PreparedArticle {
  /** `url:<url>`, `id:<id>` or `hash:<sha256>` (see articleKey). */
  key: string;
  externalId: string | null;
  url: string | null;
  title: string | null;
  publisher: string | null;
  published: string | null;
  byline: string | null;
  canonicalUrl: string | null;
  origin: string | null;
  /** Normalised text and its hash. */
  text: string;
  hash: string;
  /** The extraction result; null when the ledger already holds this text (its analysis is reused). */
  analysis: Analysis | null;
  minhash: Uint32Array | null;
}

export interface RecordOutcome {
  status: 'new' | 'unchanged' | 'revised';
  articleId: number;
  versionId: number;
  /** Statement-level changes, for a revision. */
  changes?: number;
  /** The story group this article joined when it duplicates others (exactly or nearly). */
  syndicatedWith?: number;
  exactDuplicate?: boolean;
}

/** The name in a source mention ("John Smith, the opposition leader" -> "John Smith"), or null when it names no one. */
export function sourceName(source: string): string | null {
  const head = source
    .split(/,|\s[\u2013\u2014-]\s|\(/)[0]!
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .trim();
  if (!head || !isNameLike(head) || head.split(' ').length > 6 || /\p{N}/u.test(head)) return null;
  return head;
}

export function articleKey(url: string | null | undefined, id: string | null | undefined, hash: string): string {
  if (url) return `url:${url}`;
  if (id) return `id:${id}`;
  return `hash:${hash}`;
}

function statementRows(analysis: Analysis, links: Map<string, SpeakerLink | null>, base: Pick<StatementWrite, 'versionId' | 'articleId' | 'date'>): StatementWrite[] {
  const rows: StatementWrite[] = new Array(analysis.statements.length);
  for (let ordinal = 0; ordinal < analysis.statements.length; ordinal++) {
    const s = analysis.statements[ordinal]!;
    const link = s.speaker ? (links.get(s.speaker) ?? null) : null;
    rows[ordinal] = {
      versionId: base.versionId,
      articleId: base.articleId,
      date: base.date,
      localId: s.id,
      ordinal,
      kind: s.kind,
      act: s.act,
      source: s.source?.text ?? null,
      cue: s.cue.text,
      content: contentText(s),
      speakerId: link?.speakerId ?? null,
      linkConfidence: link ? link.confidence : null,
      speakerNorm: link?.norm ?? null,
      channel: s.channel?.text ?? null,
      confidence: s.confidence,
      json: s,
    };
  }
  return rows;
}

export async function recordArticle(tx: StoreOps, item: PreparedArticle, now: string): Promise<RecordOutcome> {
  const latest = (await tx.latestVersions([item.key])).get(item.key);
  if (latest && latest.textHash === item.hash) return { status: 'unchanged', articleId: latest.articleId, versionId: latest.versionId };

  let analysis = item.analysis;
  let signature = item.minhash;
  // A text the ledger holds already keeps its stored analysis (the same text may arrive twice in
  // one batch, analysed once); only when the item comes without one is the stored one read.
  // putText stores a new text and says whether it was new, so the common case costs no look-up.
  const stored = analysis && signature && (await tx.putText({ hash: item.hash, text: item.text, analysis, minhash: signature })) ? null : await tx.getText(item.hash);
  if (stored) {
    analysis = stored.analysis;
    signature = stored.minhash ?? signature;
  } else if (!(analysis && signature)) {
    if (!analysis) throw new Error(`no analysis for text ${item.hash.slice(0, 12)}`);
    signature = computeMinhash(item.text);
    await tx.putText({ hash: item.hash, text: item.text, analysis, minhash: signature });
  }

  const publisher = item.publisher ?? analysis.meta.publisher ?? null;
  let articleId: number;
  if (latest) {
    articleId = latest.articleId;
    const patch: Parameters<StoreOps['updateArticle']>[1] = {};
    if (item.title) patch.title = item.title;
    if (publisher) patch.publisher = publisher;
    if (item.published) patch.published = item.published;
    await tx.updateArticle(articleId, patch, now);
  } else {
    articleId = await tx.insertArticle(
      { key: item.key, externalId: item.externalId, url: item.url ?? item.canonicalUrl, title: item.title, publisher, published: item.published },
      now,
    );
  }
  const version = await tx.insertVersion({
    articleId,
    textHash: item.hash,
    title: item.title,
    byline: item.byline ?? analysis.meta.byline ?? null,
    published: item.published,
    canonicalUrl: item.canonicalUrl,
    origin: item.origin,
    ingestedAt: now,
  });

  // Speakers: only entities that speak in this article become ledger speakers. A statement whose
  // source the extractor named but did not resolve to an entity is linked through its source's
  // name (the part before any appositive), at a lower confidence.
  const seen = item.published ?? now;
  const speaking = new Set(analysis.statements.map((s) => s.speaker).filter((x): x is string => !!x));
  const links = new Map<string, SpeakerLink | null>();
  for (const e of analysis.entities) {
    if (!speaking.has(e.id)) continue;
    links.set(e.id, await linkSpeaker(tx, e, seen));
  }
  const sourceLinks = new Map<string, SpeakerLink | null>();
  for (const st of analysis.statements) {
    if (st.speaker || !st.source) continue;
    const name = sourceName(st.source.text);
    if (!name || sourceLinks.has(name)) continue;
    const link = await linkSpeaker(tx, { id: `source:${name}`, name, type: 'other', mentions: [{ ...st.source, text: name }], descriptors: [] }, seen);
    sourceLinks.set(name, link ? { ...link, confidence: Math.round(link.confidence * 0.8 * 100) / 100 } : null);
  }
  const rows = statementRows(analysis, links, { versionId: version.id, articleId, date: seen });
  rows.forEach((row, i) => {
    const st = analysis.statements[i]!;
    if (row.speakerId !== null || st.speaker || !st.source) return;
    const link = sourceLinks.get(sourceName(st.source.text) ?? '');
    if (!link) return;
    row.speakerId = link.speakerId;
    row.linkConfidence = link.confidence;
    row.speakerNorm = link.norm;
  });
  await tx.insertStatements(rows);

  const outcome: RecordOutcome = { status: latest ? 'revised' : 'new', articleId, versionId: version.id };
  if (latest) {
    const previous = await tx.getText(latest.textHash);
    const diff = diffStatements(previous ? toDiffStatements(previous.analysis) : [], toDiffStatements(analysis));
    await tx.insertRevision({
      articleId,
      fromVersion: latest.versionId,
      toVersion: version.id,
      changes: diff.changes,
      notes: revisionNotes(analysis),
      createdAt: now,
    });
    outcome.changes = diff.changes.length;
  }

  // Syndication: the same text elsewhere, else a near duplicate by MinHash.
  let group: number | null = await tx.groupOfText(item.hash, articleId);
  if (group !== null) outcome.exactDuplicate = true;
  const bands = signature ? bandKeys(signature) : [];
  if (group === null && signature) {
    let best = 0;
    for (const c of await tx.nearCandidates(bands, articleId)) {
      const sim = similarity(signature, c.minhash);
      if (sim >= NEAR_DUPLICATE_THRESHOLD && (sim > best || (sim === best && group !== null && c.storyGroup < group))) {
        best = sim;
        group = c.storyGroup;
      }
    }
  }
  if (bands.length) await tx.putBands(articleId, bands, Boolean(latest));
  const keepGroup = latest && latest.storyGroup !== articleId ? latest.storyGroup : null;
  const storyGroup = keepGroup ?? group ?? articleId;
  if (storyGroup !== articleId) outcome.syndicatedWith = storyGroup;
  await tx.updateArticle(articleId, { latestVersion: version.id, storyGroup }, now);
  return outcome;
}
