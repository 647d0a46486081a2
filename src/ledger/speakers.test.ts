// Speakers across articles: names, aliases and descriptors linked to one record with confidences;
// people who share a surname kept apart; syndicated copies counted once per story; merges and
// splits by hand kept in the audit log and respected by later ingests. The articles' analyses are
// written by hand here, so that these tests pin the ledger's behaviour, not the extractor's.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { ArticleJson, EntityJson, StatementJson } from '../core/format.js';
import type { EntityType, Act } from '../core/model.js';
import { runCli } from '../cli/dispatch.js';
import { captureIO } from '../test-support/capture-io.js';
import { ingest } from '../ingest/ingester.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { isNameLike, nameAliases, personNameNorm } from './speakers.js';
import { sourceName } from './statement-links.js';

interface Said {
  name: string;
  type?: EntityType;
  mentions?: string[];
  descriptors?: string[];
  source: string;
  cue?: string;
  content: string;
  act?: Act;
}

function at(text: string, part: string): { start: number; end: number; text: string } {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`fixture: "${part}" not in "${text}"`);
  return { start, end: start + part.length, text: part };
}

/** An analysis of `text` in which each Said is one statement by one entity. */
function analysis(text: string, said: Said[]): ArticleJson {
  const entities: EntityJson[] = [];
  const statements: StatementJson[] = [];
  said.forEach((s, i) => {
    const id = `e${i + 1}`;
    entities.push({
      id,
      name: s.name,
      type: s.type ?? 'person',
      mentions: [s.source, ...(s.mentions ?? [])].map((m) => at(text, m)),
      descriptors: (s.descriptors ?? []).map((d) => at(text, d)),
    });
    statements.push({
      id: `s${i + 1}`,
      kind: 'indirect',
      source: at(text, s.source),
      speaker: id,
      cue: at(text, s.cue ?? 'said'),
      content: [at(text, s.content)],
      channel: null,
      setting: null,
      addressee: null,
      act: s.act ?? 'assert',
      confidence: 0.9,
    });
  });
  return {
    format: 'hearsay/1',
    text,
    meta: { publisher: null, dateline: null, byline: null, contributors: [], updates: [], copyright: null },
    entities,
    statements,
    notes: [],
    relations: [],
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hearsay-speakers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Doc {
  id: string;
  published: string;
  text: string;
  said: Said[];
}

async function ingestDocs(db: string, docs: Doc[]) {
  const byText = new Map(docs.map((d) => [d.text, analysis(d.text, d.said)]));
  const store = new SqliteStore(db);
  try {
    return await ingest(
      store,
      docs.map((d) => ({ item: { origin: d.id, id: d.id, published: d.published, text: d.text } })),
      { analyse: (text) => byText.get(text)! },
    );
  } finally {
    await store.close();
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureIO(dir);
  const code = await runCli(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

const PUTIN_1 = 'President Vladimir Putin said talks were possible. Putin spoke in Kazan.';
const PUTIN_2 = 'Putin said the troops were “our business”. The Russian leader smiled.';
const PUTIN_3 = 'Vladimir Putin denied that troops had arrived.';
const TONY = 'Tony Blair said the election would be close.';
const CHERIE = 'Cherie Blair said the book was finished.';
const BLAIR = 'Blair said the campaign had begun.';

const DOCS: Doc[] = [
  { id: 'p1', published: '2024-10-24', text: PUTIN_1, said: [{ name: 'Vladimir Putin', mentions: ['Putin'], descriptors: ['President'], source: 'President Vladimir Putin', content: 'talks were possible' }] },
  { id: 'p2', published: '2024-10-25', text: PUTIN_2, said: [{ name: 'Putin', mentions: ['The Russian leader'], source: 'Putin', content: 'the troops were “our business”' }] },
  { id: 'p3', published: '2024-10-26', text: PUTIN_3, said: [{ name: 'Vladimir Putin', source: 'Vladimir Putin', cue: 'denied', act: 'deny', content: 'troops had arrived' }] },
  // p1 again under another id: the same story, syndicated.
  { id: 'p1-copy', published: '2024-10-24', text: PUTIN_1, said: [{ name: 'Vladimir Putin', mentions: ['Putin'], descriptors: ['President'], source: 'President Vladimir Putin', content: 'talks were possible' }] },
  { id: 't1', published: '2005-01-01', text: TONY, said: [{ name: 'Tony Blair', source: 'Tony Blair', content: 'the election would be close' }] },
  { id: 'c1', published: '2005-01-02', text: CHERIE, said: [{ name: 'Cherie Blair', source: 'Cherie Blair', content: 'the book was finished' }] },
  { id: 'b1', published: '2005-01-03', text: BLAIR, said: [{ name: 'Blair', source: 'Blair', content: 'the campaign had begun' }] },
];

test('names: descriptions are not names; honorifics and titles are not part of one', () => {
  for (const name of ['Vladimir Putin', 'the Bank of England', 'Tony Blair', 'Mr Blair', 'Ukraine’s military intelligence'.replace('military intelligence', 'Military Intelligence')]) assert.ok(isNameLike(name), name);
  for (const d of ['a spokesman', 'A Home Office minister', 'the Home Secretary', 'The prime minister', 'Analysts', 'he', 'the company', 'some senior Tories', 'the middle of a tour of the UK', "I'm", 'Some', 'who created controversial TV']) assert.ok(!isNameLike(d), d);
  for (const name of ['Ludwig van Beethoven', 'Bank of England', 'Recep Tayyip Erdoğan', 'EU']) assert.ok(isNameLike(name), name);
  assert.equal(personNameNorm('President Vladimir Putin'), 'vladimir putin');
  assert.equal(personNameNorm('Mr Blair'), 'blair');
  assert.equal(personNameNorm('Prime Minister'), 'prime minister');
  assert.deepEqual(
    nameAliases({ name: 'Vladimir Putin', type: 'person', mentions: [at(PUTIN_1, 'Putin'), at(PUTIN_1, 'President Vladimir Putin')] }).map((a) => a.norm),
    ['vladimir putin', 'putin'],
  );
  assert.equal(sourceName('John Smith, the opposition leader'), 'John Smith');
  assert.equal(sourceName('a spokesman for the United Nations'), null);
});

test('speakers across articles: one record per person, confidences, descriptors, stories counted once', async () => {
  const db = join(dir, 'speakers.db');
  const summary = await ingestDocs(db, DOCS);
  assert.equal(summary.new, 7);
  assert.equal(summary.exactDuplicates, 1);

  const list = await cli(['speakers', '--db', db, '--json']);
  assert.equal(list.code, 0, list.err);
  const speakers = JSON.parse(list.out) as { id: number; name: string; statements: number; articles: number; stories: number; aliases: string[] }[];
  const putin = speakers.find((s) => s.name === 'Vladimir Putin')!;
  assert.ok(putin, JSON.stringify(speakers));
  assert.equal(putin.statements, 4, 'p1, its copy, p2, p3');
  assert.equal(putin.articles, 4);
  assert.equal(putin.stories, 3, 'the syndicated copy counts once');
  // "President Vladimir Putin" is the name "Vladimir Putin" with the descriptor "President".
  assert.deepEqual(new Set(putin.aliases), new Set(['Vladimir Putin', 'Putin']));
  const names = speakers.map((s) => s.name).sort();
  assert.deepEqual(names, ['Cherie Blair', 'Tony Blair', 'Vladimir Putin']);

  const detail = await cli(['speaker', '--db', db, '--json', 'Putin']);
  assert.equal(detail.code, 0, detail.err);
  const d = JSON.parse(detail.out) as { descriptors: { text: string; firstSeen: string; lastSeen: string }[]; statements: { act: string; date: string; linkConfidence: number }[] };
  assert.deepEqual(d.statements.map((s) => s.date), ['2024-10-24', '2024-10-24', '2024-10-25', '2024-10-26']);
  assert.ok(d.statements.every((s) => s.linkConfidence >= 0.9), 'exact names link with high confidence');
  const descriptors = Object.fromEntries(d.descriptors.map((x) => [x.text, x.firstSeen]));
  assert.equal(descriptors['President'], '2024-10-24');
  assert.equal(descriptors['The Russian leader'], '2024-10-25');

  const denials = await cli(['speaker', '--db', db, '--json', '--act', 'deny', 'Vladimir Putin']);
  assert.equal(JSON.parse(denials.out).statements.length, 1);

  // "Blair" alone fits both Blairs: linked to one, with a low confidence.
  const blair = await cli(['search', '--db', db, '--json', 'campaign']);
  const hit = JSON.parse(blair.out).statements[0];
  assert.ok(hit.linkConfidence <= 0.5, `ambiguous surname link has low confidence (${hit.linkConfidence})`);

  const readable = await cli(['speaker', '--db', db, 'Vladimir Putin']);
  assert.match(readable.out, /4 statements in 4 articles, 3 independent stories/);
  assert.match(readable.out, /deny +Vladimir Putin denied: troops had arrived/);
});

test('merge and split by hand: audited, and respected by later ingests', async () => {
  const db = join(dir, 'merge.db');
  await ingestDocs(db, DOCS.filter((d) => d.id === 't1' || d.id === 'c1'));
  const ids = JSON.parse((await cli(['speakers', '--db', db, '--json'])).out) as { id: number; name: string }[];
  const tony = ids.find((s) => s.name === 'Tony Blair')!.id;
  const cherie = ids.find((s) => s.name === 'Cherie Blair')!.id;

  const merged = await cli(['speakers', '--db', db, 'merge', `#${tony}`, 'Cherie Blair', '--note', 'test merge']);
  assert.equal(merged.code, 0, merged.err);
  let list = JSON.parse((await cli(['speakers', '--db', db, '--json'])).out) as { id: number; statements: number }[];
  assert.deepEqual(list.map((s) => [s.id, s.statements]), [[tony, 2]]);

  // A later article by "Cherie Blair" follows the merge.
  const later = 'Cherie Blair said the tour would start in May.';
  await ingestDocs(db, [{ id: 'c2', published: '2005-02-01', text: later, said: [{ name: 'Cherie Blair', source: 'Cherie Blair', content: 'the tour would start in May' }] }]);
  list = JSON.parse((await cli(['speakers', '--db', db, '--json'])).out);
  assert.deepEqual(list.map((s) => [s.id, s.statements]), [[tony, 3]]);

  const split = await cli(['speakers', '--db', db, 'split', `#${tony}`, '--alias', 'Cherie Blair', '--json']);
  assert.equal(split.code, 0, split.err);
  const to = JSON.parse(split.out).split.to as number;
  assert.notEqual(to, cherie);
  list = JSON.parse((await cli(['speakers', '--db', db, '--json'])).out);
  assert.deepEqual(Object.fromEntries(list.map((s) => [s.id, s.statements])), { [tony]: 1, [to]: 2 });

  // And a later article follows the split, with full confidence.
  const again = 'Cherie Blair said the book would be out in June.';
  await ingestDocs(db, [{ id: 'c3', published: '2005-03-01', text: again, said: [{ name: 'Cherie Blair', source: 'Cherie Blair', content: 'the book would be out in June' }] }]);
  const detail = JSON.parse((await cli(['speaker', '--db', db, '--json', `#${to}`])).out);
  assert.equal(detail.statements.length, 3);
  assert.equal(detail.statements[2].linkConfidence, 1);

  const log = JSON.parse((await cli(['speakers', '--db', db, 'log', '--json'])).out) as { action: string; detail: { note?: string } }[];
  assert.deepEqual(log.map((e) => e.action), ['merge', 'split']);
  assert.equal(log[0]!.detail.note, 'test merge');

  const unknown = await cli(['speaker', '--db', db, 'Nobody Atall']);
  assert.equal(unknown.code, 12);
});

test('a first name used as an alias never pulls in someone whose surname it is', async () => {
  const db = join(dir, 'michael.db');
  const a = 'Michael Howard said taxes would fall. Michael smiled.';
  const b = 'Alun Michael said the bill would pass.';
  await ingestDocs(db, [
    { id: 'h1', published: '2005-01-01', text: a, said: [{ name: 'Michael Howard', mentions: ['Michael'], source: 'Michael Howard', content: 'taxes would fall' }] },
    { id: 'm1', published: '2005-01-02', text: b, said: [{ name: 'Alun Michael', source: 'Alun Michael', content: 'the bill would pass' }] },
  ]);
  const list = JSON.parse((await cli(['speakers', '--db', db, '--json'])).out) as { name: string; statements: number }[];
  assert.deepEqual(list.map((s) => s.name).sort(), ['Alun Michael', 'Michael Howard']);
});
