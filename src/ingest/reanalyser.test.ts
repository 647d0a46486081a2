// Extractor identity in the ledger, end to end on small inputs: ingest replaces analyses another
// extractor wrote (its own text, an unchanged item's, a revised article's previous version), and
// `reanalyse` rewrites statements, search rows and revisions, keeps merged and pinned speakers,
// changes nothing on a dry run and nothing more on a second run; the CLI shows the extractor. The
// "other extractor" is the real one with its output altered, under a test fingerprint.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import type { ArticleJson } from '../core/format.js';
import { extract } from '../extract/pipeline.js';
import { runCli } from '../cli/dispatch.js';
import { captureIO } from '../test-support/capture-io.js';
import { currentExtractor } from '../ledger/extractor-identity.js';
import { mergeSpeakers } from '../ledger/speaker-admin.js';
import type { StatementChange } from '../ledger/revisions.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { ingest } from './ingester.js';
import type { SourceEvent } from './item.js';
import { reanalyse } from './reanalyser.js';

const dir = mkdtempSync(join(tmpdir(), 'hearsay-reanalyse-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshStore = (): SqliteStore => new SqliteStore(join(dir, `ledger-${n++}.db`));

const V1 = '“We will win,” said Maria Lopez.\n\nJohn Smith said the plan would fail.';
const V2 = `${V1}\n\nAnna Weber told reporters the budget was wrong.`;
const items = (...texts: [string, string][]): SourceEvent[] => texts.map(([id, text]) => ({ item: { origin: id, id, text, published: '2024-05-01' } }));

/** An "older model": the real extractor, blind to John Smith. */
const OLD = { extractor: 'test/old', analyse: (t: string, id?: string): ArticleJson => {
  const a = extract(t, id);
  return { ...a, statements: a.statements.filter((s) => s.source?.text !== 'John Smith') };
} };
/** A "newer model": the real extractor, hearing every statement as a warning. */
const NEW = { extractor: 'test/new', analyse: (t: string, id?: string): ArticleJson => {
  const a = extract(t, id);
  return { ...a, statements: a.statements.map((s) => ({ ...s, act: 'warn' as const })) };
} };

/** Everything but ids and clocks, for "nothing changed" checks. */
function contents(store: SqliteStore): string {
  return JSON.stringify([
    store.query('SELECT hash, analysis, extractor FROM texts ORDER BY hash'),
    store.query('SELECT version_id, local_id, act, speaker_id, link_confidence, speaker_norm, json FROM statements ORDER BY version_id, ordinal'),
    store.query('SELECT * FROM revisions ORDER BY id'),
    store.query('SELECT * FROM speaker_aliases ORDER BY speaker_id, norm'),
    store.query('SELECT * FROM speaker_descriptors ORDER BY speaker_id, norm'),
    store.query('SELECT * FROM speakers ORDER BY id'),
    store.query('SELECT * FROM speaker_audit ORDER BY id'),
  ]);
}

function searchRowsMatchStatements(store: SqliteStore): void {
  const [{ s }] = store.query('SELECT COUNT(*) AS s FROM statements') as [{ s: number }];
  const [{ f }] = store.query('SELECT COUNT(*) AS f FROM statements_fts') as [{ f: number }];
  assert.equal(f, s, 'one search row per statement');
}

test('ingest: a stored analysis from another extractor is extracted again, for unchanged items and for a revision’s previous version', async () => {
  const store = freshStore();
  try {
    await ingest(store, items(['a', V1], ['b', V1]), OLD);
    assert.equal((await store.statements({})).length, 2, 'one statement per article: the old model misses Smith');
    // The same two items under the new model: unchanged, but their shared text is re-analysed once.
    const again = await ingest(store, items(['a', V1], ['b', V1]), NEW);
    assert.equal(again.unchanged, 2);
    assert.equal(again.reanalysed, 1);
    assert.equal(again.extractor, 'test/new');
    const rows = await store.statements({});
    assert.equal(rows.length, 4, 'both versions carry the new analysis');
    assert.ok(rows.every((r) => r.act === 'warn'));
    assert.equal((await store.getText((await store.versions(1))[0]!.textHash))?.extractor, 'test/new');
    searchRowsMatchStatements(store);
    assert.equal((await ingest(store, items(['a', V1]), NEW)).reanalysed, 0, 'now up to date');

    // A revision met under a newer model re-analyses the previous version first: the diff says
    // Weber was added, not that Smith appeared (the old model's blindness is no publisher's edit).
    const other = freshStore();
    try {
      await ingest(other, items(['c', V1]), OLD);
      const revised = await ingest(other, items(['c', V2]), NEW);
      assert.equal(revised.revised, 1);
      assert.equal(revised.reanalysed, 1);
      const [rev] = await other.revisions(1);
      const changes = rev!.changes as StatementChange[];
      assert.deepEqual(changes.map((c) => [c.type, c.after?.source]), [['added', 'Anna Weber']]);
    } finally {
      await other.close();
    }
  } finally {
    await store.close();
  }
});

test('reanalyse: statements, search rows and revisions rewritten; a merged speaker stays merged; dry run and second run change nothing', async () => {
  const store = freshStore();
  try {
    await ingest(store, items(['c', V1]), NEW);
    await ingest(store, items(['c', V2]), NEW);
    await ingest(store, items(['d', 'Police said the road was closed.']), NEW);
    // By hand: Smith is Lopez (pinned), with a note in the audit log.
    await mergeSpeakers(store, 'Maria Lopez', 'John Smith', 'same person');
    const lopez = (await store.speakerSummaries({})).find((s) => s.name === 'Maria Lopez')!;
    const audit = await store.auditLog();

    const dry = await reanalyse(store, { ...OLD, dryRun: true });
    assert.equal(dry.selected.texts, 3);
    assert.equal(dry.selected.versions, 3);
    assert.deepEqual(dry.census.map((c) => [c.extractor, c.texts]), [['test/new', 3]]);
    const before = contents(store);
    assert.equal(dry.reanalysed, 0);
    assert.equal(contents(store), before, 'a dry run changes nothing');

    const progress: number[] = [];
    const s = await reanalyse(store, { ...OLD, batchSize: 2, onProgress: (p) => progress.push(p.reanalysed) });
    assert.deepEqual(progress, [2, 3]);
    assert.equal(s.reanalysed, 3);
    assert.equal(s.versions, 3);
    assert.equal(s.statementsBefore, 2 + 3 + 1);
    assert.equal(s.statementsAfter, 1 + 2 + 1, 'the old model drops Smith');
    assert.equal(s.revisions, 2, 'the one revision, once for each of its texts');
    assert.deepEqual(s.replaced, [{ extractor: 'test/new', texts: 3 }]);
    assert.deepEqual(s.failed, []);
    const rows = await store.statements({ latestOnly: false });
    assert.ok(rows.every((r) => r.act === 'assert'), 'the new analysis is what the rows say');
    assert.ok(!rows.some((r) => r.source === 'John Smith'));
    searchRowsMatchStatements(store);
    assert.equal((await store.searchStatements({ match: '"budget"' })).length, 1);
    assert.equal((await store.searchStatements({ match: '"plan"' })).length, 0, 'old statements leave the search index');
    const [rev] = await store.revisions(1);
    assert.deepEqual((rev!.changes as StatementChange[]).map((c) => [c.type, c.after?.act]), [['added', 'assert']]);
    assert.deepEqual(await store.auditLog(), audit, 'the audit log stays');
    assert.equal((await store.getSpeaker(lopez.id))?.mergedInto, null);

    // Back to the new model: Smith returns, and his statements link through the pinned name to
    // Lopez at confidence 1, as a new article's would.
    const back = await reanalyse(store, NEW);
    assert.equal(back.reanalysed, 3);
    const smith = (await store.statements({ latestOnly: false })).filter((r) => r.source === 'John Smith');
    assert.equal(smith.length, 2);
    assert.ok(smith.every((r) => r.speakerId === lopez.id && r.linkConfidence === 1));
    assert.ok((await store.aliasMatches(['john smith'])).every((m) => m.speakerId === lopez.id && m.pinned));

    const settled = contents(store);
    const second = await reanalyse(store, NEW);
    assert.equal(second.reanalysed, 0, 'nothing is stale any more');
    assert.equal(contents(store), settled);
    const all = await reanalyse(store, { ...NEW, all: true });
    assert.equal(all.reanalysed, 3);
    assert.equal(contents(store), settled, 'the same extractor again leaves the same ledger');
  } finally {
    await store.close();
  }
});

test('CLI: reanalyse brings a ledger written before extractors were recorded up to date; history and ingest show the extractor', async () => {
  const db = join(dir, 'cli.db');
  const cli = async (args: string[]) => {
    const c = captureIO(dir);
    const code = await runCli(args, c.io);
    return { code, out: c.out(), err: c.err() };
  };
  const help = await cli(['reanalyse', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /--dry-run/);
  assert.equal((await cli(['ingest', '--db', db, '--quiet', join(import.meta.dirname, '..', '..', 'examples', 'wikinews.jsonl')])).code, 0);
  // As a ledger of the hearsay before this one: no extractor recorded.
  const raw = new Database(db);
  raw.prepare('UPDATE texts SET extractor = NULL').run();
  raw.close();

  const current = (await currentExtractor()).fingerprint;
  const dry = JSON.parse((await cli(['reanalyse', '--db', db, '--dry-run', '--json'])).out);
  assert.deepEqual(dry.selected.texts, 4);
  assert.deepEqual(dry.census, [{ extractor: null, texts: 4, versions: 4, statements: dry.selected.statements }]);
  const stale = JSON.parse((await cli(['history', '--db', db, '--json', 'wikinews-2019-01-07-president-trump-says-he-can-and-may-put-us-into'])).out);
  assert.equal(stale.versions[0].extractor, null);
  assert.match((await cli(['history', '--db', db, 'wikinews-2019-01-07-president-trump-says-he-can-and-may-put-us-into'])).out, /analysed by unknown.*stale/);

  const r = await cli(['reanalyse', '--db', db, '--json']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  assert.equal(s.reanalysed, 4);
  assert.equal(s.extractor, current);
  assert.deepEqual(s.replaced, [{ extractor: null, texts: 4 }]);
  assert.equal(s.statementsAfter, s.statementsBefore, 'the same extractor finds the same statements');
  const fresh = JSON.parse((await cli(['history', '--db', db, '--json', 'wikinews-2019-01-07-president-trump-says-he-can-and-may-put-us-into'])).out);
  assert.equal(fresh.versions[0].extractor, current);
  assert.equal(fresh.extractor, current);
  assert.equal(JSON.parse((await cli(['reanalyse', '--db', db, '--json'])).out).reanalysed, 0);
  const readable = await cli(['reanalyse', '--db', db]);
  assert.match(readable.err, /re-analysed 0 of 0 stale texts/);
  assert.match(readable.err, /\(this hearsay\)/);
  const ingestJson = JSON.parse((await cli(['ingest', '--db', db, '--json', join(import.meta.dirname, '..', '..', 'examples', 'wikinews.jsonl')])).out);
  assert.equal(ingestJson.extractor, current);
  assert.equal((await cli(['reanalyse', '--db', db, 'extra'])).code, 2);
});
