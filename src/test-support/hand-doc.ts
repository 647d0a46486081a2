// Test kit for the statement-semantics stages (channels, acts, notes, relations, meta): builds a
// Doc from text and hand-written statements and entities located by anchors, so those stages can
// be tested apart from the attribution and entity stages that normally produce their input.

import { Doc } from '../core/doc.js';
import type { Entity, EntityType, Statement, StatementKind } from '../core/model.js';
import type { Span } from '../core/span.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { channelsStage } from '../extract/channels/stage.js';
import { actsStage } from '../extract/acts/stage.js';
import { notesStage } from '../extract/notes/stage.js';
import { relationsStage } from '../extract/relations/stage.js';
import { metaStage } from '../extract/meta/stage.js';

/**
 * Where a span is: the text itself (first occurrence), [context, inner] (inner's first occurrence
 * inside the first occurrence of context), or [context, inner, n] (context's n-th occurrence, from 0).
 */
export type Anchor = string | [string, string] | [string, string, number];

export function locate(text: string, anchor: Anchor): Span {
  const [context, inner, nth] = typeof anchor === 'string' ? [anchor, anchor, 0] : [anchor[0], anchor[1], anchor[2] ?? 0];
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(context, at + 1);
    if (at < 0) throw new Error(`anchor not found: ${JSON.stringify(anchor)}`);
  }
  const start = text.indexOf(inner, at);
  if (start < 0 || start + inner.length > at + context.length) throw new Error(`inner not in context: ${JSON.stringify(anchor)}`);
  return { start, end: start + inner.length };
}

export interface HandStatement {
  cue: Anchor;
  source?: Anchor;
  content?: Anchor[];
  speaker?: string;
  kind?: StatementKind;
}

export interface HandEntity {
  id: string;
  name: string;
  type: EntityType;
  mentions: Anchor[];
}

/** A Doc with tokens, the given statements (ids s1, s2, … in cue order) and entities. */
export function handDoc(text: string, statements: HandStatement[], entities: HandEntity[] = []): Doc {
  const doc = new Doc(text);
  tokensStage.run(doc, {});
  doc.entities = entities.map<Entity>((e) => ({ id: e.id, name: e.name, type: e.type, mentions: e.mentions.map((m) => locate(text, m)), descriptors: [] }));
  const built: Statement[] = statements.map((s) => ({
    id: '',
    kind: s.kind ?? 'indirect',
    source: s.source ? locate(text, s.source) : null,
    speaker: s.speaker ?? null,
    cue: locate(text, s.cue),
    content: (s.content ?? []).map((c) => locate(text, c)).sort((a, b) => a.start - b.start),
    channel: null,
    setting: null,
    addressee: null,
    act: 'assert',
    confidence: 0.9,
  }));
  built.sort((a, b) => a.cue.start - b.cue.start || a.cue.end - b.cue.end);
  built.forEach((s, i) => (s.id = `s${i + 1}`));
  doc.statements = built;
  return doc;
}

export const SEMANTIC_STAGES = [channelsStage, actsStage, notesStage, relationsStage, metaStage];

/** Runs the statement-semantics stages over a hand-built Doc. */
export function runSemantics(doc: Doc): Doc {
  for (const stage of SEMANTIC_STAGES) stage.run(doc, {});
  return doc;
}

/** The id of the statement whose cue is at an anchor. */
export function statementAt(doc: Doc, cue: Anchor): Statement {
  const span = locate(doc.text, cue);
  const found = doc.statements.find((s) => s.cue.start === span.start && s.cue.end === span.end);
  if (!found) throw new Error(`no statement with cue ${JSON.stringify(cue)}`);
  return found;
}
