// Crash safety of ingest: the real CLI is spawned on a generated corpus and killed with SIGKILL at
// random moments while it writes, 20 times; after each kill the ledger is checked with SQL (no
// partial article, nothing committed before is lost, no duplicate), and a last run completes the
// corpus. The corpus is generated here; nothing from ../shared is needed.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { seededRandom } from '../core/random.js';
import { countNow, killWhileWriting, spawnCli, type CliChild } from '../test-support/crash-harness.js';

const MAIN = join(import.meta.dirname, '..', 'cli', 'main.ts');
const KILLS = 20;
const ARTICLES = 1500;

const dir = mkdtempSync(join(tmpdir(), 'hearsay-crash-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIRST = ['Maria', 'John', 'Anna', 'Peter', 'Li', 'Fatima', 'Olga', 'Kwame', 'José', 'Aiko'];
const LAST = ['Lopez', 'Smith', 'Weber', 'Brown', 'Wei', 'Haddad', 'Petrova', 'Mensah', 'García', 'Sato'];
const TOPICS = ['the budget', 'the ceasefire', 'interest rates', 'the new stadium', 'the election', 'water prices', 'the strike', 'the merger'];

function corpus(): string {
  const r = seededRandom(20261127);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines: string[] = [];
  for (let i = 0; i < ARTICLES; i++) {
    const who = `${pick(FIRST)} ${pick(LAST)}`;
    const other = `${pick(FIRST)} ${pick(LAST)}`;
    const topic = pick(TOPICS);
    const text = [
      `Officials met on day ${i} to discuss ${topic} 😀.`,
      `“We will not accept ${topic} as it stands,” said ${who}, a local councillor.`,
      `${other} told reporters that talks on ${topic} would continue until ${1 + (i % 28)} March.`,
      `Article number ${i}; reference ${Math.floor(r() * 1e9)}.`,
    ].join('\n\n');
    lines.push(JSON.stringify({ id: `gen-${i}`, title: `Story ${i} on ${topic}`, published: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, text }));
  }
  return `${lines.join('\n')}\n`;
}

interface Snapshot {
  keys: Set<string>;
}

/** The ledger's integrity, with SQL: every article whole, nothing duplicated. */
function check(db: string): Snapshot {
  const conn = new Database(db, { readonly: true });
  try {
    assert.equal(conn.pragma('integrity_check', { simple: true }), 'ok');
    const articles = conn.prepare('SELECT id, key, latest_version FROM articles').all() as { id: number; key: string; latest_version: number }[];
    const keys = new Set(articles.map((a) => a.key));
    assert.equal(keys.size, articles.length, 'no duplicate keys');
    const dupIds = conn.prepare('SELECT external_id, COUNT(*) n FROM articles GROUP BY external_id HAVING n > 1').all();
    assert.deepEqual(dupIds, [], 'no duplicate article ids');
    const orphans = conn.prepare('SELECT COUNT(*) n FROM articles a LEFT JOIN versions v ON v.id = a.latest_version AND v.article_id = a.id WHERE v.id IS NULL').get() as { n: number };
    assert.equal(orphans.n, 0, 'every article has its latest version');
    const multi = conn.prepare('SELECT COUNT(*) n FROM (SELECT article_id FROM versions GROUP BY article_id HAVING COUNT(*) > 1)').get() as { n: number };
    assert.equal(multi.n, 0, 'the same text is never stored as a second version');
    const stray = conn.prepare('SELECT COUNT(*) n FROM versions v LEFT JOIN articles a ON a.id = v.article_id WHERE a.id IS NULL').get() as { n: number };
    assert.equal(stray.n, 0, 'no version without its article');
    // Each version carries exactly the statements of its text's analysis.
    const rows = conn
      .prepare('SELECT v.id, t.analysis, (SELECT COUNT(*) FROM statements s WHERE s.version_id = v.id) AS n FROM versions v JOIN texts t ON t.hash = v.text_hash')
      .all() as { id: number; analysis: string; n: number }[];
    assert.equal(rows.length, articles.length, 'every version has its text');
    for (const r of rows) assert.equal(r.n, (JSON.parse(r.analysis) as { statements: unknown[] }).statements.length, `statements of version ${r.id}`);
    const statements = (conn.prepare('SELECT COUNT(*) n FROM statements').get() as { n: number }).n;
    const indexed = (conn.prepare('SELECT COUNT(*) n FROM statements_fts').get() as { n: number }).n;
    assert.equal(indexed, statements, 'every statement is in the search index');
    const indexedArticles = (conn.prepare('SELECT COUNT(*) n FROM articles_fts').get() as { n: number }).n;
    assert.equal(indexedArticles, articles.length, 'every article is in the search index');
    return { keys };
  } finally {
    conn.close();
  }
}

const count = (db: string): number => countNow(db, 'SELECT COUNT(*) n FROM articles');

function ingestChild(db: string, file: string): CliChild {
  return spawnCli(MAIN, ['ingest', '--db', db, '--batch', '10', '--json', file]);
}

test('SIGKILL during ingest, 20 times: no partial article, no lost commit, no duplicate; a last run completes', { timeout: 600_000 }, async () => {
  const file = join(dir, 'corpus.jsonl');
  const db = join(dir, 'ledger.db');
  writeFileSync(file, corpus());
  const r = seededRandom(7);
  let before: Snapshot = { keys: new Set() };
  let killedWhileWriting = 0;
  for (let i = 0; i < KILLS; i++) {
    const start = count(db);
    // Killed once this run has committed something (so the kill lands while it writes), a random
    // moment later.
    const killed = await killWhileWriting(ingestChild(db, file), () => count(db) > start, r, 250);
    if (killed) killedWhileWriting++;
    const now = check(db);
    for (const k of before.keys) assert.ok(now.keys.has(k), `article ${k} committed before kill ${i + 1} is still there`);
    before = now;
    if (!killed) break; // the corpus is complete: nothing left to interrupt
  }
  assert.ok(killedWhileWriting >= Math.min(KILLS, 5), `killed ${killedWhileWriting} times while writing`);
  const last = ingestChild(db, file);
  assert.equal(await last.exited, 0, last.err());
  const summary = JSON.parse(last.out()) as { new: number; unchanged: number; failed: unknown[] };
  assert.equal(summary.failed.length, 0);
  assert.equal(summary.new + summary.unchanged, ARTICLES);
  const final = check(db);
  assert.equal(final.keys.size, ARTICLES);
  for (let i = 0; i < ARTICLES; i++) assert.ok(final.keys.has(`id:gen-${i}`));
});
