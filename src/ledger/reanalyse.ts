// Replacing one stored text's analysis by a newer extractor's, inside a store transaction, and
// everything derived from it: the statement rows of every version that carries the text (linked
// again through the same path as ingest, so manual merges, splits and pinned names decide as they
// do for new articles, and the old links given back; their search rows), and the statement
// diffs of every revision from or to those versions, so that a revision compares the analyses of
// one extractor. Texts, signatures, story groups and articles' search rows depend on the text only
// and stay.

import type { Analysis, StatementRow, StatementWrite, StoreOps } from '../store/port.js';
import { diffStatements, revisionNotes, toDiffStatements } from './revisions.js';
import { linkStatements, unlinkStatements } from './statement-links.js';

export interface ReanalyseOutcome {
  /** The extractor that had written the replaced analysis (null: unknown). */
  previousExtractor: string | null;
  /** Versions whose statement rows were rewritten. */
  versions: number;
  statementsBefore: number;
  statementsAfter: number;
  /** Revisions whose statement diff was recomputed. */
  revisions: number;
}

/**
 * A statement linked through the same name to the same speaker as before keeps the old link's
 * confidence: re-linking finds the speaker by the name this very version gave it (0.95 where
 * creating it said 1), and a manual merge or split set 1; neither should weaken on re-analysis.
 */
function keepConfidence(rows: StatementWrite[], old: StatementRow[]): void {
  const before = new Map<string, number>();
  for (const r of old) if (r.speakerId !== null && r.speakerNorm !== null && r.linkConfidence !== null) before.set(`${r.speakerId}\u0001${r.speakerNorm}`, r.linkConfidence);
  for (const r of rows) {
    const confidence = r.speakerId !== null && r.speakerNorm !== null ? before.get(`${r.speakerId}\u0001${r.speakerNorm}`) : undefined;
    if (confidence !== undefined) r.linkConfidence = confidence;
  }
}

export async function reanalyseText(tx: StoreOps, hash: string, analysis: Analysis, extractor: string): Promise<ReanalyseOutcome> {
  const stored = await tx.getText(hash);
  if (!stored) throw new Error(`the ledger holds no text ${hash.slice(0, 12)}`);
  const versions = await tx.versionsOfText(hash);
  await tx.replaceAnalysis(hash, analysis, extractor);
  let statementsBefore = 0;
  let statementsAfter = 0;
  for (const v of versions) {
    // The new statements are linked while the old ones still stand, then the old links are given
    // back: a speaker keeps its record (and its number) when the new analysis still names it,
    // and names only the old analysis gave disappear. Dated as ingest dated them: the version's
    // publish date, else its ingest time.
    const old = await tx.statementsOfVersion(v.id);
    const rows = await linkStatements(tx, analysis, { versionId: v.id, articleId: v.articleId, date: v.published ?? v.ingestedAt });
    keepConfidence(rows, old);
    statementsBefore += await tx.deleteStatementsOfVersion(v.id);
    await tx.insertStatements(rows);
    await unlinkStatements(tx, stored.analysis, old);
    statementsAfter += rows.length;
  }

  const revisions = await tx.revisionsOfVersions(versions.map((v) => v.id));
  const analysisOfVersion = async (versionId: number): Promise<Analysis | null> => {
    const v = await tx.getVersion(versionId);
    return v ? ((await tx.getText(v.textHash))?.analysis ?? null) : null;
  };
  for (const r of revisions) {
    const before = await analysisOfVersion(r.fromVersion);
    const after = await analysisOfVersion(r.toVersion);
    if (!after) continue;
    const diff = diffStatements(before ? toDiffStatements(before) : [], toDiffStatements(after));
    await tx.updateRevision(r.id, diff.changes, revisionNotes(after));
  }
  return { previousExtractor: stored.extractor, versions: versions.length, statementsBefore, statementsAfter, revisions: revisions.length };
}
