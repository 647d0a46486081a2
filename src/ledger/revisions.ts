// Statement-level diff between two versions of one article: which statements were added, removed,
// or changed (content, speaker, source, cue, kind or act). Pure.
//
// Like a line diff, but over statements: identical statements in the same order (longest common
// subsequence) anchor the two versions; identical statements that moved are also unchanged; the
// rest are paired only inside the same gap between anchors, where a pair needs similar content or
// the same speaker (a lone old and a lone new statement of the same speaker in one gap are the same
// statement, changed). Whatever stays unpaired was removed or added.

import type { ArticleJson, StatementJson } from '../core/format.js';
import type { TextSpan } from '../core/span.js';

export interface DiffStatement {
  id: string;
  kind: string;
  act: string;
  /** The speaker entity's name when the statement has one, else the source as written. */
  speaker: string | null;
  source: string | null;
  cue: string;
  content: string;
}

export type ChangedField = 'content' | 'speaker' | 'source' | 'cue' | 'kind' | 'act';

export interface StatementChange {
  type: 'added' | 'removed' | 'changed';
  before?: DiffStatement;
  after?: DiffStatement;
  /** For `changed`: what differs. */
  fields?: ChangedField[];
}

export interface StatementDiff {
  changes: StatementChange[];
  unchanged: number;
}

/** Joins a statement's content fragments with " … ". */
export function contentText(s: Pick<StatementJson, 'content'>): string {
  return s.content.map((c) => c.text).join(' … ');
}

export function toDiffStatements(a: Pick<ArticleJson, 'statements' | 'entities'>): DiffStatement[] {
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  return a.statements.map((s) => ({
    id: s.id,
    kind: s.kind,
    act: s.act,
    speaker: (s.speaker && names.get(s.speaker)) ?? s.source?.text ?? null,
    source: s.source?.text ?? null,
    cue: s.cue.text,
    content: contentText(s),
  }));
}

const norm = (s: string | null): string =>
  (s ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function words(s: string): Set<string> {
  return new Set(norm(s).split(' ').filter(Boolean));
}

function jaccard(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (!x.size && !y.size) return 1;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}

function signature(s: DiffStatement): string {
  return [norm(s.content), norm(s.speaker), norm(s.source), norm(s.cue), s.kind, s.act].join('\u0001');
}

function changedFields(a: DiffStatement, b: DiffStatement): ChangedField[] {
  const fields: ChangedField[] = [];
  if (norm(a.content) !== norm(b.content)) fields.push('content');
  if (norm(a.speaker) !== norm(b.speaker)) fields.push('speaker');
  if (norm(a.source) !== norm(b.source)) fields.push('source');
  if (norm(a.cue) !== norm(b.cue)) fields.push('cue');
  if (a.kind !== b.kind) fields.push('kind');
  if (a.act !== b.act) fields.push('act');
  return fields;
}

/** Longest common subsequence of two signature lists, as index pairs in order. */
function lcs(a: string[], b: string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

export function diffStatements(before: DiffStatement[], after: DiffStatement[]): StatementDiff {
  const sigA = before.map(signature);
  const sigB = after.map(signature);
  const pairedA = new Int32Array(before.length).fill(-1);
  const pairedB = new Int32Array(after.length).fill(-1);
  let unchanged = 0;
  const anchors = lcs(sigA, sigB);
  for (const [i, j] of anchors) {
    pairedA[i] = j;
    pairedB[j] = i;
    unchanged++;
  }
  // Identical statements that moved are unchanged too.
  const freeB = new Map<string, number[]>();
  sigB.forEach((s, j) => {
    if (pairedB[j] === -1) freeB.set(s, [...(freeB.get(s) ?? []), j]);
  });
  sigA.forEach((s, i) => {
    if (pairedA[i] !== -1) return;
    const list = freeB.get(s);
    const j = list?.shift();
    if (j !== undefined) {
      pairedA[i] = j;
      pairedB[j] = i;
      unchanged++;
    }
  });

  const changes: StatementChange[] = [];
  // Gaps between consecutive anchors: [aStart, aEnd) x [bStart, bEnd).
  const bounds: [number, number][] = [[-1, -1], ...anchors, [before.length, after.length]];
  const changedPairs: [number, number][] = [];
  for (let g = 0; g + 1 < bounds.length; g++) {
    const [a0, b0] = bounds[g]!;
    const [a1, b1] = bounds[g + 1]!;
    const olds: number[] = [];
    const news: number[] = [];
    for (let i = a0 + 1; i < a1; i++) if (pairedA[i] === -1) olds.push(i);
    for (let j = b0 + 1; j < b1; j++) if (pairedB[j] === -1) news.push(j);
    if (!olds.length || !news.length) continue;
    const oneToOne = olds.length === 1 && news.length === 1;
    const candidates: { i: number; j: number; score: number }[] = [];
    for (const i of olds) {
      for (const j of news) {
        const a = before[i]!;
        const b = after[j]!;
        const sim = jaccard(a.content, b.content);
        const sameSpeaker = norm(a.speaker) !== '' && norm(a.speaker) === norm(b.speaker);
        const sameCue = norm(a.cue) === norm(b.cue);
        const ok = sim >= 0.5 || (sameSpeaker && (sim >= 0.2 || oneToOne || sameCue));
        if (ok) candidates.push({ i, j, score: sim + (sameSpeaker ? 0.3 : 0) + (sameCue ? 0.1 : 0) - Math.abs(i - a0 - (j - b0)) * 0.01 });
      }
    }
    candidates.sort((x, y) => y.score - x.score);
    for (const c of candidates) {
      if (pairedA[c.i] !== -1 || pairedB[c.j] !== -1) continue;
      pairedA[c.i] = c.j;
      pairedB[c.j] = c.i;
      changedPairs.push([c.i, c.j]);
    }
  }
  // Report in the order of the new version; a removal stands after the statement it followed.
  const changedByB = new Map(changedPairs.map(([i, j]) => [j, i]));
  const placed: { pos: number; change: StatementChange }[] = [];
  let lastPos = -1;
  for (let i = 0; i < before.length; i++) {
    if (pairedA[i] !== -1) lastPos = pairedA[i]!;
    else placed.push({ pos: lastPos + 0.5, change: { type: 'removed', before: before[i]! } });
  }
  for (let j = 0; j < after.length; j++) {
    const i = changedByB.get(j);
    if (i !== undefined) placed.push({ pos: j, change: { type: 'changed', before: before[i]!, after: after[j]!, fields: changedFields(before[i]!, after[j]!) } });
    else if (pairedB[j] === -1) placed.push({ pos: j, change: { type: 'added', after: after[j]! } });
  }
  placed.sort((x, y) => x.pos - y.pos);
  for (const p of placed) changes.push(p.change);
  return { changes, unchanged };
}

export interface RevisionNote {
  kind: string;
  text: string;
}

/** The update and correction notes a version carries (notes of those kinds, and meta.updates). */
export function revisionNotes(a: Pick<ArticleJson, 'notes' | 'meta'>): RevisionNote[] {
  const out: RevisionNote[] = [];
  const seen = new Set<string>();
  const push = (kind: string, s: TextSpan): void => {
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind, text: s.text });
  };
  for (const n of a.notes) if (n.kind === 'update' || n.kind === 'correction') push(n.kind, n.span);
  for (const u of a.meta.updates ?? []) push('update', u);
  return out;
}
