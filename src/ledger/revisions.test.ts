// Revisions: the statement-level diff on hand-made statements, and end to end through ingest and
// `hearsay history`: an article, then a version with one paragraph added, one quote changed and
// one statement removed, yields exactly those three changes.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../cli/dispatch.js';
import { captureIO } from '../test-support/capture-io.js';
import { diffStatements, revisionNotes, type DiffStatement, type StatementChange } from './revisions.js';

const st = (id: string, speaker: string, content: string, cue = 'said', extra: Partial<DiffStatement> = {}): DiffStatement => ({
  id,
  kind: 'indirect',
  act: 'assert',
  speaker,
  source: speaker,
  cue,
  content,
  ...extra,
});

test('diff: identical versions have no changes, whatever the ids', () => {
  const a = [st('s1', 'Ann', 'rates will rise'), st('s2', 'Bob', 'rates will fall')];
  const b = [st('s7', 'Ann', 'rates will rise'), st('s9', 'Bob', 'rates will fall')];
  assert.deepEqual(diffStatements(a, b), { changes: [], unchanged: 2 });
});

test('diff: a moved statement is unchanged', () => {
  const a = [st('s1', 'Ann', 'one'), st('s2', 'Bob', 'two'), st('s3', 'Cy', 'three')];
  const b = [st('s1', 'Cy', 'three'), st('s2', 'Ann', 'one'), st('s3', 'Bob', 'two')];
  assert.equal(diffStatements(a, b).changes.length, 0);
});

test('diff: added, removed and changed, in the order of the new version', () => {
  const a = [st('s1', 'Ann', 'we are ready to talk'), st('s2', 'Bob', 'the plan will fail'), st('s3', 'Cy', 'workers will strike')];
  const b = [st('s1', 'Ann', 'we are ready to talk today'), st('s2', 'Bob', 'the plan will fail'), st('s3', 'Dee', 'Berlin will send observers')];
  const d = diffStatements(a, b);
  assert.deepEqual(
    d.changes.map((c) => c.type),
    ['changed', 'removed', 'added'],
  );
  assert.deepEqual(d.changes[0]!.fields, ['content']);
  assert.equal(d.unchanged, 1);
});

test('diff: a new speaker for the same words is a change of speaker', () => {
  const d = diffStatements([st('s1', 'Ann', 'the plan will fail')], [st('s1', 'Anne Smith', 'the plan will fail', 'said', { source: 'Anne Smith' })]);
  assert.equal(d.changes.length, 1);
  assert.deepEqual(d.changes[0]!.fields, ['speaker', 'source']);
});

test('diff: a statement removed here and another by the same speaker added elsewhere are two changes', () => {
  const a = [st('s1', 'Ann', 'first point'), st('s2', 'Bob', 'anchor one'), st('s3', 'Cy', 'anchor two')];
  const b = [st('s1', 'Bob', 'anchor one'), st('s2', 'Cy', 'anchor two'), st('s3', 'Ann', 'something else entirely')];
  assert.deepEqual(
    diffStatements(a, b).changes.map((c) => c.type),
    ['removed', 'added'],
  );
});

test('diff: empty to some and some to empty', () => {
  assert.deepEqual(diffStatements([], [st('s1', 'A', 'x')]).changes.map((c) => c.type), ['added']);
  assert.deepEqual(diffStatements([st('s1', 'A', 'x')], []).changes.map((c) => c.type), ['removed']);
});

test('revision notes: update and correction notes and meta updates, once each', () => {
  const span = { start: 0, end: 5, text: 'Adds.' };
  const notes = revisionNotes({
    notes: [
      { id: 'n1', kind: 'update', span, by: null, targets: [] },
      { id: 'n2', kind: 'unverified', span: { start: 6, end: 9, text: 'x' }, by: null, targets: [] },
    ],
    meta: { publisher: null, dateline: null, byline: null, contributors: [], updates: [span], copyright: null },
  });
  assert.deepEqual(notes, [{ kind: 'update', text: 'Adds.' }]);
});

// ---- end to end

const dir = mkdtempSync(join(tmpdir(), 'hearsay-rev-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const V1 = [
  'Officials met in Geneva on Monday to discuss the ceasefire.',
  '“We are ready to talk,” said Maria Lopez, the foreign minister.',
  'John Smith, the opposition leader, said the plan would fail.',
  'Peter Brown, a union official, said workers would strike on Friday.',
  'The talks will continue next week, according to a spokesman for the United Nations.',
].join('\r\n\r\n');
const V2 = [
  'Officials met in Geneva on Monday to discuss the ceasefire.',
  '“We are ready to talk today, and we will not wait,” said Maria Lopez, the foreign minister.',
  'John Smith, the opposition leader, said the plan would fail.',
  'The talks will continue next week, according to a spokesman for the United Nations.',
  'Anna Weber, a German diplomat, said Berlin would send observers.',
].join('\r\n\r\n');

test('revision end to end: one paragraph added, one quote changed, one statement removed = exactly three changes', async () => {
  const db = join(dir, 'rev.db');
  writeFileSync(join(dir, 'v1.jsonl'), `${JSON.stringify({ id: 'geneva-talks', title: 'Talks', published: '2024-10-24', text: V1 })}\n`);
  writeFileSync(join(dir, 'v2.jsonl'), `${JSON.stringify({ id: 'geneva-talks', title: 'Talks', published: '2024-10-24', text: V2 })}\n`);
  let c = captureIO(dir);
  assert.equal(await runCli(['ingest', '--db', db, '--json', 'v1.jsonl'], c.io), 0, c.err());
  assert.equal(JSON.parse(c.out()).new, 1);
  c = captureIO(dir);
  assert.equal(await runCli(['ingest', '--db', db, '--json', 'v1.jsonl'], c.io), 0, c.err());
  assert.equal(JSON.parse(c.out()).unchanged, 1, 'the same text again is stored once');
  c = captureIO(dir);
  assert.equal(await runCli(['ingest', '--db', db, '--json', 'v2.jsonl'], c.io), 0, c.err());
  const summary = JSON.parse(c.out());
  assert.equal(summary.revised, 1);
  assert.equal(summary.changes, 3);

  c = captureIO(dir);
  assert.equal(await runCli(['history', '--db', db, '--json', 'geneva-talks'], c.io), 0, c.err());
  const h = JSON.parse(c.out()) as { versions: { seq: number }[]; revisions: { changes: StatementChange[] }[] };
  assert.deepEqual(h.versions.map((v) => v.seq), [1, 2]);
  assert.equal(h.revisions.length, 1);
  const changes = h.revisions[0]!.changes;
  assert.deepEqual(changes.map((x) => x.type).sort(), ['added', 'changed', 'removed']);
  const changed = changes.find((x) => x.type === 'changed')!;
  assert.deepEqual(changed.fields, ['content']);
  assert.match(changed.after!.content, /we will not wait/);
  assert.match(changes.find((x) => x.type === 'removed')!.before!.content, /workers would strike/);
  assert.match(changes.find((x) => x.type === 'added')!.after!.content, /Berlin would send observers/);

  c = captureIO(dir);
  assert.equal(await runCli(['history', '--db', db, 'geneva-talks'], c.io), 0, c.err());
  assert.match(c.out(), /v1 {2}ingested/);
  assert.match(c.out(), /3 statement changes: 1 added, 1 removed, 1 changed/);
  assert.match(c.out(), /\+ .*Berlin would send observers/);
  assert.match(c.out(), /- .*workers would strike/);

  c = captureIO(dir);
  assert.equal(await runCli(['history', '--db', db, 'no-such-article'], c.io), 12);
  assert.match(c.err(), /NOT_FOUND/);
});
