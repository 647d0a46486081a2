// The store contract: behaviour every backend must show, as one node:test suite. A backend's own
// test file calls storeContract(name, open) with a function that opens a fresh, empty store; the
// SQLite backend runs it now (sqlite/store.test.ts), a PostgreSQL backend will run the same.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleJson, StatementJson } from '../core/format.js';
import type { Analysis, Store, StatementWrite } from './port.js';

const NOW = '2026-11-27T10:00:00.000Z';

function span(text: string, part: string, from = 0): { start: number; end: number; text: string } {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`fixture: "${part}" not in text`);
  return { start, end: start + part.length, text: part };
}

export const CONTRACT_TEXT = 'Intro line.\r\n\r\n“Prices will fall 😀,” said Jane Roe.\u00a0Crowds\u00a0cheered.\n\nTom Poe denied the report.';

export function contractAnalysis(text = CONTRACT_TEXT): Analysis {
  const statements: StatementJson[] = [
    {
      id: 's1',
      kind: 'direct',
      source: span(text, 'Jane Roe'),
      speaker: 'e1',
      cue: span(text, 'said'),
      content: [span(text, '“Prices will fall 😀,”')],
      channel: null,
      setting: null,
      addressee: null,
      act: 'assert',
      confidence: 0.9,
    },
    {
      id: 's2',
      kind: 'indirect',
      source: span(text, 'Tom Poe'),
      speaker: 'e2',
      cue: span(text, 'denied'),
      content: [span(text, 'the report')],
      channel: null,
      setting: null,
      addressee: null,
      act: 'deny',
      confidence: 0.8,
    },
  ];
  const a: ArticleJson = {
    format: 'hearsay/1',
    text,
    meta: { publisher: null, dateline: null, byline: null, contributors: [], updates: [], copyright: null },
    entities: [
      { id: 'e1', name: 'Jane Roe', type: 'person', mentions: [span(text, 'Jane Roe')], descriptors: [] },
      { id: 'e2', name: 'Tom Poe', type: 'person', mentions: [span(text, 'Tom Poe')], descriptors: [] },
    ],
    statements,
    notes: [],
    relations: [],
  };
  const { text: _t, ...analysis } = a;
  return analysis;
}

async function seedArticle(store: Store, key: string, hash: string, text = CONTRACT_TEXT, published: string | null = '2024-10-24', extractor: string | null = 'test/1') {
  return store.transaction(async (tx) => {
    if (!(await tx.hasText(hash))) await tx.putText({ hash, text, analysis: contractAnalysis(text), minhash: new Uint32Array([1, 2, 3, 4]), extractor });
    const articleId = await tx.insertArticle({ key, externalId: key.replace(/^id:/, ''), url: null, title: `Title ${key}`, publisher: 'Daily', published }, NOW);
    const v = await tx.insertVersion({ articleId, textHash: hash, title: null, byline: null, published, canonicalUrl: `https://canonical.example/${key}`, origin: 'test', ingestedAt: NOW });
    const jane = await tx.createSpeaker('Jane Roe', 'person', NOW);
    await tx.addAlias(jane, 'Jane Roe', 'jane roe', NOW);
    const analysis = contractAnalysis(text);
    const rows: StatementWrite[] = analysis.statements.map((s, i) => ({
      versionId: v.id,
      articleId,
      localId: s.id,
      ordinal: i,
      kind: s.kind,
      act: s.act,
      source: s.source?.text ?? null,
      cue: s.cue.text,
      content: s.content.map((c) => c.text).join(' … '),
      speakerId: i === 0 ? jane : null,
      linkConfidence: i === 0 ? 0.95 : null,
      speakerNorm: i === 0 ? 'jane roe' : null,
      channel: null,
      confidence: s.confidence,
      date: published ?? NOW,
      json: s,
    }));
    await tx.insertStatements(rows);
    await tx.updateArticle(articleId, { latestVersion: v.id }, NOW);
    return { articleId, versionId: v.id, jane };
  });
}

/** Registers the contract tests for one backend. `open` must return a fresh, empty store. */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    test('migrations are applied on open and the schema version is positive', async () => {
      const store = await open();
      try {
        assert.ok((await store.schemaVersion()) >= 1);
        assert.equal(await store.articleCount(), 0);
      } finally {
        await store.close();
      }
    });

    test('texts round-trip exactly (CRLF, emoji, no-break spaces) with their analysis and signature', async () => {
      const store = await open();
      try {
        await seedArticle(store, 'id:a1', 'h1');
        const t = await store.getText('h1');
        assert.ok(t);
        assert.equal(t.text, CONTRACT_TEXT);
        assert.deepEqual(t.analysis, contractAnalysis());
        assert.deepEqual([...(t.minhash ?? [])], [1, 2, 3, 4]);
        assert.equal(t.extractor, 'test/1');
        const s1 = t.analysis.statements[0]!;
        assert.equal(t.text.slice(s1.content[0]!.start, s1.content[0]!.end), s1.content[0]!.text);
      } finally {
        await store.close();
      }
    });

    test('articles are found by key, id, URL-less key and ledger number; latest versions by key', async () => {
      const store = await open();
      try {
        const { articleId, versionId } = await seedArticle(store, 'id:a1', 'h1');
        for (const ref of ['id:a1', 'a1', String(articleId), 'https://canonical.example/id:a1']) assert.equal((await store.findArticle(ref))?.id, articleId, ref);
        assert.equal(await store.findArticle('nope'), null);
        const latest = await store.latestVersions(['id:a1', 'id:missing']);
        assert.equal(latest.size, 1);
        assert.equal(latest.get('id:a1')?.versionId, versionId);
        assert.equal(latest.get('id:a1')?.textHash, 'h1');
        const art = await store.getArticle(articleId);
        assert.equal(art?.storyGroup, articleId);
        assert.equal(art?.versionCount, 1);
      } finally {
        await store.close();
      }
    });

    test('a failed transaction leaves nothing behind', async () => {
      const store = await open();
      try {
        await assert.rejects(
          store.transaction(async (tx) => {
            await tx.insertArticle({ key: 'id:x', externalId: 'x', url: null, title: null, publisher: null, published: null }, NOW);
            throw new Error('boom');
          }),
          /boom/,
        );
        assert.equal(await store.articleCount(), 0);
        // The store is still usable afterwards.
        await seedArticle(store, 'id:a1', 'h1');
        assert.equal(await store.articleCount(), 1);
      } finally {
        await store.close();
      }
    });

    test('a duplicate key is refused', async () => {
      const store = await open();
      try {
        await seedArticle(store, 'id:a1', 'h1');
        await assert.rejects(store.transaction((tx) => tx.insertArticle({ key: 'id:a1', externalId: 'a1', url: null, title: null, publisher: null, published: null }, NOW)));
        assert.equal(await store.articleCount(), 1);
      } finally {
        await store.close();
      }
    });

    test('versions number themselves; revisions are kept with their changes', async () => {
      const store = await open();
      try {
        const { articleId, versionId } = await seedArticle(store, 'id:a1', 'h1');
        await store.transaction(async (tx) => {
          await tx.putText({ hash: 'h2', text: `${CONTRACT_TEXT} More.`, analysis: contractAnalysis(), minhash: null, extractor: 'test/1' });
          const v2 = await tx.insertVersion({ articleId, textHash: 'h2', title: null, byline: null, published: null, canonicalUrl: null, origin: 'test', ingestedAt: NOW });
          assert.equal(v2.seq, 2);
          await tx.insertRevision({ articleId, fromVersion: versionId, toVersion: v2.id, changes: [{ type: 'added' }], notes: [], createdAt: NOW });
          await tx.updateArticle(articleId, { latestVersion: v2.id }, NOW);
        });
        const versions = await store.versions(articleId);
        assert.deepEqual(versions.map((v) => v.seq), [1, 2]);
        assert.equal(versions[0]!.statementCount, 2);
        const revs = await store.revisions(articleId);
        assert.equal(revs.length, 1);
        assert.deepEqual(revs[0]!.changes, [{ type: 'added' }]);
      } finally {
        await store.close();
      }
    });

    test('statements search by words with filters; superseded versions are left out by default', async () => {
      const store = await open();
      try {
        const { jane } = await seedArticle(store, 'id:a1', 'h1');
        const hits = await store.searchStatements({ match: '"prices"' });
        assert.equal(hits.length, 1);
        assert.equal(hits[0]!.speakerName, 'Jane Roe');
        assert.equal(hits[0]!.json.content[0]!.text, '“Prices will fall 😀,”');
        assert.equal((await store.searchStatements({ match: '"report"', acts: ['deny'] })).length, 1);
        assert.equal((await store.searchStatements({ match: '"report"', acts: ['assert'] })).length, 0);
        assert.equal((await store.searchStatements({ match: '"prices"', speakerIds: [jane] })).length, 1);
        assert.equal((await store.searchStatements({ match: '"prices"', kinds: ['indirect'] })).length, 0);
        assert.equal((await store.searchStatements({ match: '"prices"', from: '2024-10-24', to: '2024-10-24' })).length, 1);
        assert.equal((await store.searchStatements({ match: '"prices"', from: '2024-10-25' })).length, 0);
        assert.equal((await store.searchStatements({ match: '"prices"', publishers: ['daily'] })).length, 1);
        assert.equal((await store.searchStatements({ match: '"prices"', publishers: ['Other'] })).length, 0);
        assert.equal((await store.searchArticles('"crowds"', {})).length, 1);
        assert.equal((await store.searchSpeakers('"roe"', 5))[0]?.name, 'Jane Roe');
        const all = await store.statements({ speakerIds: [jane] });
        assert.equal(all.length, 1);
        assert.equal(await store.statementCount(), 2);
      } finally {
        await store.close();
      }
    });

    test('speakers: aliases, surnames, summaries counting stories once, merge and split with audit', async () => {
      const store = await open();
      try {
        const a = await seedArticle(store, 'id:a1', 'h1');
        const b = await seedArticle(store, 'id:a2', 'h1');
        // Same story: a2 joins a1's group.
        await store.transaction((tx) => tx.updateArticle(b.articleId, { storyGroup: a.articleId }, NOW));
        const sum = await store.speakerSummary(a.jane);
        assert.equal(sum?.statements, 1);
        assert.equal((await store.aliasMatches(['jane roe'])).length, 2);
        assert.equal((await store.surnameMatches('roe')).length, 2);
        await store.transaction(async (tx) => {
          await tx.mergeSpeakers(a.jane, b.jane);
          await tx.audit({ action: 'merge', at: NOW, detail: { into: a.jane, from: b.jane } });
        });
        const merged = await store.speakerSummary(a.jane);
        assert.equal(merged?.statements, 2);
        assert.equal(merged?.articles, 2);
        assert.equal(merged?.stories, 1);
        const matches = await store.aliasMatches(['jane roe']);
        assert.deepEqual(
          matches.map((m) => [m.speakerId, m.pinned]),
          [[a.jane, true]],
        );
        assert.equal((await store.getSpeaker(b.jane))?.mergedInto, a.jane);
        const top = await store.speakerSummaries({ limit: 10 });
        assert.deepEqual(top.map((s) => s.id), [a.jane]);
        // Split the alias off again.
        let moved = 0;
        let to = 0;
        await store.transaction(async (tx) => {
          to = await tx.createSpeaker('Jane Roe (2)', 'person', NOW);
          moved = await tx.moveAliases(a.jane, to, ['jane roe']);
          await tx.audit({ action: 'split', at: NOW, detail: { from: a.jane, to } });
        });
        assert.equal(moved, 2);
        assert.equal((await store.speakerSummary(to))?.statements, 2);
        assert.equal((await store.auditLog()).length, 2);
        assert.equal((await store.auditLog(to)).length, 1);
      } finally {
        await store.close();
      }
    });

    test('extractors: recorded with each text, shown with versions, stale texts listed and counted', async () => {
      const store = await open();
      try {
        const a = await seedArticle(store, 'id:a1', 'h1');
        await seedArticle(store, 'id:a2', 'h2', `${CONTRACT_TEXT} Two.`, null, null);
        await seedArticle(store, 'id:a3', 'h3', `${CONTRACT_TEXT} Three.`, null, 'test/0');
        const known = await store.textExtractors(['h1', 'h2', 'nope']);
        assert.deepEqual([...known], [['h1', 'test/1'], ['h2', null]]);
        assert.deepEqual(await store.textHashes('', 10, 'test/1'), ['h2', 'h3'], 'unknown and other extractors are stale');
        assert.deepEqual(await store.textHashes('h2', 10, 'test/1'), ['h3']);
        assert.deepEqual(await store.textHashes('', 2), ['h1', 'h2'], 'every text without staleFor');
        assert.equal((await store.latestVersions(['id:a1'])).get('id:a1')?.extractor, 'test/1');
        assert.equal((await store.versions(a.articleId))[0]?.extractor, 'test/1');
        assert.deepEqual(
          (await store.extractorCensus()).map((c) => [c.extractor, c.texts, c.versions, c.statements]),
          [[null, 1, 1, 2], ['test/0', 1, 1, 2], ['test/1', 1, 1, 2]],
        );
        assert.deepEqual((await store.versionsOfText('h1')).map((v) => v.id), [a.versionId]);
      } finally {
        await store.close();
      }
    });

    test('an analysis is replaced in place; a version loses its statements and their search rows; revisions are rewritten', async () => {
      const store = await open();
      try {
        const { articleId, versionId } = await seedArticle(store, 'id:a1', 'h1', CONTRACT_TEXT, '2024-10-24', null);
        const changed = contractAnalysis();
        changed.statements = changed.statements.slice(0, 1);
        let revision = 0;
        await store.transaction(async (tx) => {
          await tx.replaceAnalysis('h1', changed, 'test/2');
          assert.equal(await tx.deleteStatementsOfVersion(versionId), 2);
          revision = await tx.insertRevision({ articleId, fromVersion: versionId, toVersion: versionId, changes: [{ type: 'added' }], notes: [], createdAt: NOW });
          await tx.updateRevision(revision, [], [{ kind: 'update', text: 'x' }]);
        });
        const t = await store.getText('h1');
        assert.equal(t?.extractor, 'test/2');
        assert.equal(t?.text, CONTRACT_TEXT, 'the text stays');
        assert.deepEqual([...(t?.minhash ?? [])], [1, 2, 3, 4], 'the signature stays');
        assert.equal(t?.analysis.statements.length, 1);
        assert.deepEqual(await store.statementsOfVersion(versionId), []);
        assert.equal((await store.searchStatements({ match: '"prices"' })).length, 0);
        assert.equal(await store.statementCount(), 0);
        const revs = await store.revisionsOfVersions([versionId]);
        assert.deepEqual(revs.map((r) => [r.id, r.changes, r.notes]), [[revision, [], [{ kind: 'update', text: 'x' }]]]);
        assert.deepEqual(await store.revisionsOfVersions([]), []);
      } finally {
        await store.close();
      }
    });

    test('releasing an alias or a descriptor undoes one use; unpinned names no longer used go, pinned ones stay', async () => {
      const store = await open();
      try {
        const { jane } = await seedArticle(store, 'id:a1', 'h1');
        await store.transaction(async (tx) => {
          await tx.addAlias(jane, 'Jane Roe', 'jane roe', NOW);
          await tx.addAlias(jane, 'J. Roe', 'j roe', NOW, true);
          await tx.addDescriptor(jane, 'Finance Minister', 'finance minister', NOW);
        });
        await store.transaction(async (tx) => {
          await tx.releaseAlias(jane, 'jane roe');
          await tx.releaseAlias(jane, 'j roe');
          await tx.releaseDescriptor(jane, 'finance minister');
        });
        assert.deepEqual((await store.aliasMatches(['jane roe', 'j roe'])).map((m) => m.norm).sort(), ['j roe', 'jane roe'], 'one use of "jane roe" is left');
        await store.transaction((tx) => tx.releaseAlias(jane, 'jane roe'));
        assert.deepEqual((await store.aliasMatches(['jane roe', 'j roe'])).map((m) => [m.norm, m.pinned]), [['j roe', true]]);
        assert.deepEqual(await store.descriptors(jane), []);
        assert.equal((await store.searchSpeakers('"jane"', 5)).length, 1, 'the speaker keeps its name');
      } finally {
        await store.close();
      }
    });

    test('descriptors keep first and last dates', async () => {
      const store = await open();
      try {
        const { jane } = await seedArticle(store, 'id:a1', 'h1');
        await store.transaction(async (tx) => {
          await tx.addDescriptor(jane, 'Finance Minister', 'finance minister', '2024-01-02');
          await tx.addDescriptor(jane, 'Finance Minister', 'finance minister', '2023-05-06');
          await tx.addDescriptor(jane, 'Finance Minister', 'finance minister', '2024-07-08');
        });
        const d = await store.descriptors(jane);
        assert.deepEqual(d.map((x) => [x.text, x.firstSeen, x.lastSeen, x.count]), [['Finance Minister', '2023-05-06', '2024-07-08', 3]]);
      } finally {
        await store.close();
      }
    });

    test('near-duplicate candidates come back by shared bands, never the article itself', async () => {
      const store = await open();
      try {
        const a = await seedArticle(store, 'id:a1', 'h1');
        const b = await seedArticle(store, 'id:a2', 'h2', `${CONTRACT_TEXT} Again.`);
        await store.transaction(async (tx) => {
          await tx.putBands(a.articleId, [11, 12, -13]);
          await tx.putBands(b.articleId, [99, -13]);
        });
        const c = await store.nearCandidates([-13, 50], a.articleId);
        assert.deepEqual(c.map((x) => x.articleId), [b.articleId]);
        assert.equal(c[0]!.minhash.length, 4);
        assert.equal(await store.groupOfText('h1', b.articleId), a.articleId);
        assert.equal(await store.groupOfText('h1', a.articleId), null);
        const page = await store.listArticles(0, 1);
        assert.equal(page.length, 1);
        assert.equal((await store.listArticles(page[0]!.id, 10)).length, 1);
      } finally {
        await store.close();
      }
    });
  });
}
