// A version's statement rows and their links to ledger speakers, made from its text's analysis;
// and the undoing of those links when the analysis is replaced. Ingest (record.ts) and re-analysis
// (reanalyse.ts) both go through here, so a re-analysed version is linked exactly as an ingested one:
// only entities that speak become ledger speakers; a statement whose source the extractor named
// but did not resolve to an entity is linked through its source's name (the part before any
// appositive), at 0.8 times the confidence.

import type { EntityJson, StatementJson } from '../core/format.js';
import type { Analysis, StatementRow, StatementWrite, StoreOps } from '../store/port.js';
import { contentText } from './revisions.js';
import { isNameLike, linkSpeaker, unlinkSpeaker, type SpeakerLink } from './speakers.js';

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

/** The analysis's entities that speak, in entity order. */
function speakingEntities(analysis: Analysis): EntityJson[] {
  const speaking = new Set(analysis.statements.map((s) => s.speaker).filter((x): x is string => !!x));
  return analysis.entities.filter((e) => speaking.has(e.id));
}

/** The name of a statement's source when it has no speaker entity (the statement is linked through it), else null. */
function unresolvedSourceName(st: StatementJson): string | null {
  return st.speaker || !st.source ? null : sourceName(st.source.text);
}

/** The sources named without an entity, by name in order of first use, as entities of their own. */
function sourceEntities(analysis: Analysis): Map<string, EntityJson> {
  const out = new Map<string, EntityJson>();
  for (const st of analysis.statements) {
    const name = unresolvedSourceName(st);
    if (!name || out.has(name)) continue;
    out.set(name, { id: `source:${name}`, name, type: 'other', mentions: [{ ...st.source!, text: name }], descriptors: [] });
  }
  return out;
}

/** The statement rows of one version, each linked to its ledger speaker (creating speakers as needed). */
export async function linkStatements(tx: StoreOps, analysis: Analysis, base: Pick<StatementWrite, 'versionId' | 'articleId' | 'date'>): Promise<StatementWrite[]> {
  const links = new Map<string, SpeakerLink | null>();
  for (const e of speakingEntities(analysis)) links.set(e.id, await linkSpeaker(tx, e, base.date));
  const sourceLinks = new Map<string, SpeakerLink | null>();
  for (const [name, e] of sourceEntities(analysis)) {
    const link = await linkSpeaker(tx, e, base.date);
    sourceLinks.set(name, link ? { ...link, confidence: Math.round(link.confidence * 0.8 * 100) / 100 } : null);
  }
  const rows: StatementWrite[] = new Array(analysis.statements.length);
  for (let ordinal = 0; ordinal < analysis.statements.length; ordinal++) {
    const s = analysis.statements[ordinal]!;
    const name = unresolvedSourceName(s);
    const link = s.speaker ? (links.get(s.speaker) ?? null) : name ? (sourceLinks.get(name) ?? null) : null;
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

/**
 * Undoes linkStatements for one version whose rows are `rows` and whose analysis is `analysis`:
 * each entity (or source name) that was linked gives back its names and descriptors on the
 * speaker its statements point to now (manual merges and splits move statements, and the names
 * with them). The rows themselves are the caller's to delete.
 */
export async function unlinkStatements(tx: StoreOps, analysis: Analysis, rows: StatementRow[]): Promise<void> {
  const speakerOf = new Map<string, number>();
  for (const r of rows) if (r.speakerId !== null) speakerOf.set(r.localId, r.speakerId);
  const linkedSpeaker = (matches: (s: StatementJson) => boolean): number | undefined => {
    for (const s of analysis.statements) {
      const id = matches(s) ? speakerOf.get(s.id) : undefined;
      if (id !== undefined) return id;
    }
    return undefined;
  };
  for (const e of speakingEntities(analysis)) {
    const id = linkedSpeaker((s) => s.speaker === e.id);
    if (id !== undefined) await unlinkSpeaker(tx, e, id);
  }
  for (const [name, e] of sourceEntities(analysis)) {
    const id = linkedSpeaker((s) => unresolvedSourceName(s) === name);
    if (id !== undefined) await unlinkSpeaker(tx, e, id);
  }
}
