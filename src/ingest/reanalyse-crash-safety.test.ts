// Crash safety of `hearsay reanalyse`: a ledger of generated articles whose analyses are marked as
// another extractor's (extractor NULL, every statement row's confidence -1) is re-analysed by the
// real CLI, killed with SIGKILL at random moments while it writes; after each kill the ledger is
// checked with SQL (every text wholly old or wholly new: its versions' rows all marked or none,
// as many as its analysis holds, every row in the search index; no text goes back to old), and a
// last run finishes the job. The corpus is generated here; nothing from ../shared is needed.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { seededRandom } from '../core/random.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { ingest } from './ingester.js';
import type { SourceEvent } from './item.js';
import { countNow, killWhileWriting, spawnCli, type CliChild } from '../test-support/crash-harness.js';

const MAIN = join(import.meta.dirname, '..', 'cli', 'main.ts');
const KILLS = 8;
const ARTICLES = 400;

const dir = mkdtempSync(join(tmpdir(), 'hearsay-reanalyse-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = ['Maria Lopez', 'John Smith', 'Anna Weber', 'Peter Brown', 'Li Wei', 'Fatima Haddad'];

function corpus(): SourceEvent[] {
  const r = seededRandom(20261128);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: ARTICLES }, (_, i) => ({
    item: {
      origin: `gen-${i}`,
      id: `gen-${i}`,
      published: '2024-02-01',
      text: [`“We will not accept plan ${i},” said ${pick(NAMES)}, a councillor.`, `${pick(NAMES)} told reporters that talks would go on until day ${i}.`, `Reference ${Math.floor(r() * 1e9)}.`].join('\n\n'),
    },
  }));
}

/** Texts now analysed by this hearsay; throws when any text is half old, half new. */
function check(db: string): number {
  const conn = new Database(db, { readonly: true });
  try {
    assert.equal(conn.pragma('integrity_check', { simple: true }), 'ok');
    const versions = conn
      .prepare(
        `SELECT v.id, t.extractor, t.analysis, COUNT(s.id) AS n, SUM(s.confidence = -1) AS marked
         FROM versions v JOIN texts t ON t.hash = v.text_hash LEFT JOIN statements s ON s.version_id = v.id GROUP BY v.id`,
      )
      .all() as { id: number; extractor: string | null; analysis: string; n: number; marked: number | null }[];
    assert.equal(versions.length, ARTICLES);
    for (const v of versions) {
      assert.equal(v.n, (JSON.parse(v.analysis) as { statements: unknown[] }).statements.length, `statements of version ${v.id}`);
      assert.equal(v.marked ?? 0, v.extractor === null ? v.n : 0, `version ${v.id} is wholly old or wholly new`);
    }
    const statements = (conn.prepare('SELECT COUNT(*) n FROM statements').get() as { n: number }).n;
    assert.equal((conn.prepare('SELECT COUNT(*) n FROM statements_fts').get() as { n: number }).n, statements, 'every statement is in the search index');
    return (conn.prepare('SELECT COUNT(*) n FROM texts WHERE extractor IS NOT NULL').get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

const renewed = (db: string): number => countNow(db, 'SELECT COUNT(*) n FROM texts WHERE extractor IS NOT NULL');

function reanalyseChild(db: string): CliChild {
  return spawnCli(MAIN, ['reanalyse', '--db', db, '--batch', '5', '--json']);
}

test('SIGKILL during reanalyse: every text wholly old or wholly new, nothing goes back; a last run finishes', { timeout: 300_000 }, async () => {
  const db = join(dir, 'ledger.db');
  const store = new SqliteStore(db);
  await ingest(store, corpus(), { batchSize: 100 });
  await store.close();
  const raw = new Database(db);
  raw.exec('UPDATE texts SET extractor = NULL; UPDATE statements SET confidence = -1;');
  raw.close();
  assert.equal(check(db), 0);

  const r = seededRandom(11);
  let before = 0;
  let killedWhileWriting = 0;
  for (let i = 0; i < KILLS; i++) {
    const killed = await killWhileWriting(reanalyseChild(db), () => renewed(db) > before, r, 150);
    if (killed) killedWhileWriting++;
    const now = check(db);
    assert.ok(now >= before, `kill ${i + 1}: no text goes back to its old analysis`);
    before = now;
    if (!killed) break;
  }
  assert.ok(killedWhileWriting >= 3, `killed ${killedWhileWriting} times while writing`);
  const last = reanalyseChild(db);
  assert.equal(await last.exited, 0, last.err());
  assert.deepEqual(JSON.parse(last.out()).failed, []);
  assert.equal(check(db), ARTICLES);
  const again = reanalyseChild(db);
  assert.equal(await again.exited, 0, again.err());
  assert.equal(JSON.parse(again.out()).reanalysed, 0);
});
