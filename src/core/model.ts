// The document model shared by every stage: entities, statements, notes, relations and article
// metadata, with positions as Spans (no text). The JSON output contract (format.ts) adds the text.

import type { Span } from './span.js';

export const ENTITY_TYPES = ['person', 'organization', 'place', 'group', 'document', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const STATEMENT_KINDS = ['direct', 'indirect', 'mixed'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const ACTS = ['assert', 'allege', 'deny', 'evade', 'promise', 'warn', 'refer', 'other'] as const;
export type Act = (typeof ACTS)[number];

export const NOTE_KINDS = ['unverified', 'denied', 'correction', 'update', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const RELATION_KINDS = ['disputes', 'supports', 'repeats'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  mentions: Span[];
  descriptors: Span[];
}

export interface Statement {
  id: string;
  kind: StatementKind;
  /** The source mention as written ("Putin", "he", "the intelligence service"); null when agentless. */
  source: Span | null;
  /** The entity the source refers to. */
  speaker: string | null;
  cue: Span;
  /** One or more content fragments, sorted, non-overlapping. */
  content: Span[];
  channel: Span | null;
  setting: Span | null;
  addressee: Span | null;
  act: Act;
  /** 0..1: how sure the extractor is that this is an attribution with these spans. */
  confidence: number;
}

/**
 * A copy of a statement as an object of one fixed shape (its fields always in this order). Every
 * stage that makes or copies a statement goes through this or a literal in the same order, so the
 * code that reads statements sees one hidden class: copies made with object spread had other
 * shapes, and the stages reading them were deoptimised and recompiled again and again.
 */
export function statementOf(s: Statement): Statement {
  return { id: s.id, kind: s.kind, source: s.source, speaker: s.speaker, cue: s.cue, content: s.content, channel: s.channel, setting: s.setting, addressee: s.addressee, act: s.act, confidence: s.confidence };
}

export interface Note {
  id: string;
  kind: NoteKind;
  span: Span;
  by: string | null;
  targets: string[];
}

export interface Relation {
  kind: RelationKind;
  from: string;
  to: string;
  evidence: Span | null;
}

export interface ArticleMeta {
  publisher: string | null;
  dateline: string | null;
  byline: string | null;
  contributors: string[];
  updates: Span[];
  copyright: string | null;
}

export function emptyMeta(): ArticleMeta {
  return { publisher: null, dateline: null, byline: null, contributors: [], updates: [], copyright: null };
}
