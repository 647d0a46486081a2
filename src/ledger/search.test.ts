// Search: the user's words become a safe FTS5 query (quotes, operators and stray punctuation never
// break it), and the CLI's filters select by speaker, act, kind, date and publisher.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { contractAnalysis, CONTRACT_TEXT } from '../store/contract.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { ingest } from '../ingest/ingester.js';
import { ftsQuery, search } from './search.js';

const dir = mkdtempSync(join(tmpdir(), 'hearsay-search-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('queries: words are quoted terms, a trailing * is a prefix, OR is kept, the rest is dropped', () => {
  assert.equal(ftsQuery('prices'), '"prices"');
  assert.equal(ftsQuery('interest rates'), '"interest" "rates"');
  assert.equal(ftsQuery('pric*'), '"pric" *');
  assert.equal(ftsQuery('troops OR soldiers'), '"troops" OR "soldiers"');
  assert.equal(ftsQuery('OR troops OR'), '"troops"');
  assert.equal(ftsQuery('"unbalanced'), '"unbalanced"');
  assert.equal(ftsQuery("Kovaliov's NEAR( AND"), '"Kovaliov s" "NEAR" "AND"');
  assert.equal(ftsQuery('“”—!'), null);
  assert.equal(ftsQuery('😀 café'), '"café"');
});

test('search: statements, speakers and articles, with filters; hostile queries never throw', async () => {
  const store = new SqliteStore(join(dir, 'search.db'));
  try {
    await ingest(store, [{ item: { origin: 't', id: 'a1', publisher: 'Daily', published: '2024-10-24', text: CONTRACT_TEXT } }], { analyse: (t) => ({ ...contractAnalysis(t), text: t }) });
    let r = await search(store, 'prices');
    assert.equal(r.statements.length, 1);
    assert.equal(r.articles.length, 1);
    r = await search(store, 'roe');
    assert.equal(r.speakers[0]?.name, 'Jane Roe');
    assert.equal((await search(store, 'report', { acts: ['deny'] })).statements.length, 1);
    assert.equal((await search(store, 'report', { acts: ['promise'] })).statements.length, 0);
    assert.equal((await search(store, 'prices', { speaker: 'Jane Roe' })).statements.length, 1);
    assert.equal((await search(store, 'prices', { speaker: 'Nobody' })).statements.length, 0);
    assert.equal((await search(store, 'prices', { kinds: ['direct'], from: '2024-10-01', to: '2024-10-31', publishers: ['Daily'] })).statements.length, 1);
    assert.equal((await search(store, '', { speaker: 'Jane Roe' })).statements.length, 1, 'filters alone list statements');
    for (const hostile of ['"', 'AND', 'NEAR(', '*', '((', 'a"b', '\u0000', 'x'.repeat(5000)]) await search(store, hostile);
  } finally {
    await store.close();
  }
});
