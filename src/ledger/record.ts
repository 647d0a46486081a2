// Recording one article version in the ledger, inside a store transaction: the article (new, or a
// revision of the one under the same key), its text (stored once per hash), its statements linked
// to ledger speakers, the statement-level diff against the previous version, and its story group
// (exact duplicate by text hash, else near duplicate by MinHash).

import type { Analysis, StoreOps } from '../store/port.js';
import { bandKeys, minhash as computeMinhash, NEAR_DUPLICATE_THRESHOLD, similarity } from './minhash.js';
import { diffStatements, revisionNotes, toDiffStatements } from './revisions.js';
import { linkStatements } from './statement-links.js';

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
  /** The fingerprint of the extractor that wrote `analysis` (src/ledger/extractor-identity.ts). */
  extractor: string | null;
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

export function articleKey(url: string | null | undefined, id: string | null | undefined, hash: string): string {
  if (url) return `url:${url}`;
  if (id) return `id:${id}`;
  return `hash:${hash}`;
}

export async function recordArticle(tx: StoreOps, item: PreparedArticle, now: string): Promise<RecordOutcome> {
  const latest = (await tx.latestVersions([item.key])).get(item.key);
  if (latest && latest.textHash === item.hash) return { status: 'unchanged', articleId: latest.articleId, versionId: latest.versionId };

  let analysis = item.analysis;
  let signature = item.minhash;
  // A text the ledger holds already keeps its stored analysis (the same text may arrive twice in
  // one batch, analysed once; a stored analysis from another extractor has been replaced before,
  // by reanalyseText); only when the item comes without one is the stored one read.
  // putText stores a new text and says whether it was new, so the common case costs no look-up.
  const stored =
    analysis && signature && (await tx.putText({ hash: item.hash, text: item.text, analysis, minhash: signature, extractor: item.extractor }))
      ? null
      : await tx.getText(item.hash);
  if (stored) {
    analysis = stored.analysis;
    signature = stored.minhash ?? signature;
  } else if (!(analysis && signature)) {
    if (!analysis) throw new Error(`no analysis for text ${item.hash.slice(0, 12)}`);
    signature = computeMinhash(item.text);
    await tx.putText({ hash: item.hash, text: item.text, analysis, minhash: signature, extractor: item.extractor });
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

  // Statements, linked to ledger speakers; dated by the publish date, else the ingest time (the
  // same date re-analysis gives them: the version's published, else its ingestedAt).
  await tx.insertStatements(await linkStatements(tx, analysis, { versionId: version.id, articleId, date: item.published ?? now }));

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
