// Invariants every Doc must satisfy after every stage: spans within the text and well-ordered,
// statements sorted, ids unique, references resolvable. Returns the violations as data (tests
// assert the list is empty); never throws.

import type { Doc } from './doc.js';
import type { Span } from './span.js';

export function checkInvariants(doc: Doc): string[] {
  const problems: string[] = [];
  const n = doc.text.length;
  const checkSpan = (where: string, s: Span | null | undefined, nullable = false): void => {
    if (s == null) {
      if (!nullable) problems.push(`${where}: missing span`);
      return;
    }
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) problems.push(`${where}: non-integer offsets ${s.start}..${s.end}`);
    else if (s.start < 0 || s.end > n || s.start > s.end) problems.push(`${where}: span ${s.start}..${s.end} outside 0..${n}`);
  };
  const checkSorted = (where: string, spans: Span[]): void => {
    for (let i = 1; i < spans.length; i++) {
      const a = spans[i - 1]!;
      const b = spans[i]!;
      if (a.start > b.start || (a.start === b.start && a.end > b.end)) problems.push(`${where}: not sorted at ${i}`);
    }
  };

  doc.tokens.forEach((t, i) => {
    checkSpan(`token ${i}`, t);
    if (t.start === t.end) problems.push(`token ${i}: empty`);
    if (t.index !== i) problems.push(`token ${i}: index ${t.index}`);
  });
  checkSorted('tokens', doc.tokens);
  doc.sentences.forEach((s, i) => checkSpan(`sentence ${i}`, s));
  checkSorted('sentences', doc.sentences);
  doc.paragraphs.forEach((p, i) => checkSpan(`paragraph ${i}`, p));
  doc.quotations.forEach((q, i) => {
    checkSpan(`quotation ${i}`, q);
    checkSpan(`quotation ${i} inner`, q.inner);
  });
  doc.cues.forEach((c, i) => checkSpan(`cue candidate ${i}`, c));

  const entityIds = new Set<string>();
  for (const e of doc.entities) {
    if (entityIds.has(e.id)) problems.push(`entity ${e.id}: duplicate id`);
    entityIds.add(e.id);
    e.mentions.forEach((m, i) => checkSpan(`entity ${e.id} mention ${i}`, m));
    e.descriptors.forEach((d, i) => checkSpan(`entity ${e.id} descriptor ${i}`, d));
  }
  const statementIds = new Set<string>();
  for (const s of doc.statements) {
    if (statementIds.has(s.id)) problems.push(`statement ${s.id}: duplicate id`);
    statementIds.add(s.id);
    checkSpan(`statement ${s.id} cue`, s.cue);
    checkSpan(`statement ${s.id} source`, s.source, true);
    checkSpan(`statement ${s.id} channel`, s.channel, true);
    checkSpan(`statement ${s.id} setting`, s.setting, true);
    checkSpan(`statement ${s.id} addressee`, s.addressee, true);
    s.content.forEach((c, i) => checkSpan(`statement ${s.id} content ${i}`, c));
    checkSorted(`statement ${s.id} content`, s.content);
    if (s.speaker !== null && !entityIds.has(s.speaker)) problems.push(`statement ${s.id}: speaker ${s.speaker} is no entity`);
    if (!(s.confidence >= 0 && s.confidence <= 1)) problems.push(`statement ${s.id}: confidence ${s.confidence} outside 0..1`);
  }
  checkSorted(
    'statements (by cue)',
    doc.statements.map((s) => s.cue),
  );
  const noteIds = new Set<string>();
  for (const note of doc.notes) {
    if (noteIds.has(note.id)) problems.push(`note ${note.id}: duplicate id`);
    noteIds.add(note.id);
    checkSpan(`note ${note.id}`, note.span);
    if (note.by !== null && !entityIds.has(note.by)) problems.push(`note ${note.id}: by ${note.by} is no entity`);
    for (const t of note.targets) if (!statementIds.has(t)) problems.push(`note ${note.id}: target ${t} is no statement`);
  }
  for (const r of doc.relations) {
    if (!statementIds.has(r.from)) problems.push(`relation ${r.kind}: from ${r.from} is no statement`);
    if (!statementIds.has(r.to)) problems.push(`relation ${r.kind}: to ${r.to} is no statement`);
    checkSpan(`relation ${r.from}->${r.to} evidence`, r.evidence, true);
  }
  doc.meta.updates.forEach((u, i) => checkSpan(`meta update ${i}`, u));
  return problems;
}
