// Syndication on real news (research data, read at run time; skipped when absent): the BBC set's
// 98 exact duplicates land in their originals' story groups, near duplicates are grouped too,
// counts per speaker count each story once, and ingesting again stores nothing new. The full
// 2,225-article run and its timings are in bench/ledger.mjs (docs/benchmarks.md); this test takes
// every duplicated article, its original, and 150 others, to stay fast.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { ingest } from '../ingest/ingester.js';
import { SqliteStore } from '../store/sqlite/store.js';

const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'news', 'bbc-2225', 'articles.jsonl');
const skip = existsSync(DATA) ? false : `research data absent: ${DATA}`;

interface Bbc {
  id: string;
  title: string;
  text: string;
  duplicate_of: string | null;
}

const dir = mkdtempSync(join(tmpdir(), 'hearsay-synd-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('BBC: the 98 exact duplicates are grouped with their originals, stories counted once, re-ingest stores nothing', { skip, timeout: 300_000 }, async () => {
  const all = readFileSync(DATA, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Bbc);
  const dups = all.filter((a) => a.duplicate_of);
  assert.equal(dups.length, 98);
  const wanted = new Set(dups.flatMap((a) => [a.id, a.duplicate_of!]));
  for (const a of all.filter((x) => !wanted.has(x.id)).slice(0, 150)) wanted.add(a.id);
  const chosen = all.filter((a) => wanted.has(a.id));
  const items = () => chosen.map((a) => ({ item: { origin: a.id, id: a.id, title: a.title, text: a.text } }));

  const db = join(dir, 'bbc.db');
  const store = new SqliteStore(db);
  const first = await ingest(store, items());
  assert.equal(first.new, chosen.length);
  assert.equal(first.failed.length, 0);
  assert.ok(first.exactDuplicates >= 98, `exact duplicates found: ${first.exactDuplicates}`);
  const again = await ingest(store, items());
  assert.equal(again.new, 0);
  assert.equal(again.revised, 0);
  assert.equal(again.unchanged, chosen.length);
  await store.close();

  const conn = new Database(db, { readonly: true });
  try {
    const group = conn.prepare('SELECT story_group FROM articles WHERE external_id = ?');
    for (const d of dups) {
      const g1 = (group.get(d.id) as { story_group: number }).story_group;
      const g2 = (group.get(d.duplicate_of) as { story_group: number }).story_group;
      assert.equal(g1, g2, `${d.id} grouped with ${d.duplicate_of}`);
    }
    const versions = (conn.prepare('SELECT COUNT(*) n FROM versions').get() as { n: number }).n;
    assert.equal(versions, chosen.length, 're-ingest stored no new version');
    // A speaker quoted in an article and its duplicate: two statements, one story.
    const rows = conn
      .prepare(
        `SELECT s.speaker_id, COUNT(*) AS statements, COUNT(DISTINCT s.article_id) AS articles, COUNT(DISTINCT a.story_group) AS stories
         FROM statements s JOIN articles a ON a.id = s.article_id WHERE s.speaker_id IS NOT NULL GROUP BY s.speaker_id HAVING articles > stories`,
      )
      .all() as { speaker_id: number; articles: number; stories: number }[];
    assert.ok(rows.length > 0, 'some speakers appear in syndicated copies');
    const store2 = new SqliteStore(db, { readonly: true });
    const summary = await store2.speakerSummary(rows[0]!.speaker_id);
    await store2.close();
    assert.equal(summary?.stories, rows[0]!.stories);
    assert.ok(summary!.articles > summary!.stories);
  } finally {
    conn.close();
  }
});

test('a wire story carried with small edits by another outlet joins its story group; an unrelated story does not', async () => {
  const wire = [
    'Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December, from $639m a year earlier.',
    'The firm, which is now one of the biggest investors in Google, benefited from sales of high-speed internet connections and higher advert sales.',
    'TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn. Its profits were buoyed by one-off gains which offset a profit dip at Warner Bros.',
    '“We are pleased with the year,” said chief executive Richard Parsons, adding that the company expected growth of 5% to 6% in 2005.',
    'Time Warner said on Friday that it now owns 8% of search-engine Google. But its own internet business, AOL, had mixed fortunes.',
  ].join('\n\n');
  const copy = `${wire.replace('Quarterly profits', 'Profits').replace('on Friday', 'on Friday morning')}\n\nShares rose 1% in New York. (Reuters)`;
  const other = 'The mayor said the roads would be fixed by spring.\n\nCouncillors said the money had been found at last, after a long wait.';
  const store = new SqliteStore(join(dir, 'near.db'));
  try {
    const s = await ingest(store, [
      { item: { origin: 'a', url: 'https://wire.example/story', publisher: 'Wire', text: wire } },
      { item: { origin: 'b', url: 'https://paper.example/business/timewarner', publisher: 'Paper', text: copy } },
      { item: { origin: 'c', url: 'https://paper.example/local/roads', publisher: 'Paper', text: other } },
    ]);
    assert.equal(s.new, 3);
    assert.equal(s.syndicated, 1);
    const a = await store.findArticle('https://wire.example/story');
    const b = await store.findArticle('https://paper.example/business/timewarner');
    const c = await store.findArticle('https://paper.example/local/roads');
    assert.equal(b!.storyGroup, a!.storyGroup);
    assert.notEqual(c!.storyGroup, a!.storyGroup);
    const groups = await store.storyGroups(2);
    assert.deepEqual(groups, [{ storyGroup: a!.storyGroup, articles: [a!.id, b!.id] }]);
  } finally {
    await store.close();
  }
});
