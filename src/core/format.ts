// The JSON output contract, version 1 ("format": "hearsay/1"): the Doc's layers turned into plain
// objects in which every span also carries its text. Fields may be added; none may change meaning
// without a new format version. docs/output-format.md documents it.

import type { Doc } from './doc.js';
import type { Act, ArticleMeta, EntityType, NoteKind, RelationKind, StatementKind } from './model.js';
import { type Span, type TextSpan, withText } from './span.js';

export const FORMAT_VERSION = 'hearsay/1';

export interface EntityJson {
  id: string;
  name: string;
  type: EntityType;
  mentions: TextSpan[];
  descriptors: TextSpan[];
}

export interface StatementJson {
  id: string;
  kind: StatementKind;
  source: TextSpan | null;
  speaker: string | null;
  cue: TextSpan;
  content: TextSpan[];
  channel: TextSpan | null;
  setting: TextSpan | null;
  addressee: TextSpan | null;
  act: Act;
  confidence: number;
}

export interface NoteJson {
  id: string;
  kind: NoteKind;
  span: TextSpan;
  by: string | null;
  targets: string[];
}

export interface RelationJson {
  kind: RelationKind;
  from: string;
  to: string;
  evidence: TextSpan | null;
}

export interface ArticleJson {
  format: typeof FORMAT_VERSION;
  id?: string;
  text: string;
  meta: Omit<ArticleMeta, 'updates'> & { updates: TextSpan[] };
  entities: EntityJson[];
  statements: StatementJson[];
  notes: NoteJson[];
  relations: RelationJson[];
  diagnostics?: { stage: string; message: string }[];
}

export interface FormatOptions {
  /** Include stage diagnostics (what a stage could not do). */
  diagnostics?: boolean;
}

export function toArticleJson(doc: Doc, options: FormatOptions = {}): ArticleJson {
  const t = doc.text;
  const ts = (s: Span): TextSpan => withText(t, s);
  const tsOrNull = (s: Span | null): TextSpan | null => (s ? withText(t, s) : null);
  const out: ArticleJson = {
    format: FORMAT_VERSION,
    ...(doc.id !== undefined ? { id: doc.id } : {}),
    text: t,
    meta: { ...doc.meta, contributors: [...doc.meta.contributors], updates: doc.meta.updates.map(ts) },
    entities: doc.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      mentions: e.mentions.map(ts),
      descriptors: e.descriptors.map(ts),
    })),
    statements: doc.statements.map((s) => ({
      id: s.id,
      kind: s.kind,
      source: tsOrNull(s.source),
      speaker: s.speaker,
      cue: ts(s.cue),
      content: s.content.map(ts),
      channel: tsOrNull(s.channel),
      setting: tsOrNull(s.setting),
      addressee: tsOrNull(s.addressee),
      act: s.act,
      confidence: Math.round(s.confidence * 1000) / 1000,
    })),
    notes: doc.notes.map((n) => ({ id: n.id, kind: n.kind, span: ts(n.span), by: n.by, targets: [...n.targets] })),
    relations: doc.relations.map((r) => ({ kind: r.kind, from: r.from, to: r.to, evidence: tsOrNull(r.evidence) })),
  };
  if (options.diagnostics) out.diagnostics = doc.diagnostics.map((d) => ({ stage: d.stage, message: d.message }));
  return out;
}
