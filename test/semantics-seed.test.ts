// The founding article (../shared/seed, read at run time, never copied here), through the full
// pipeline: acts, channels, setting, addressee, verification and update notes, the dispute between
// statements 16 and 15, and the metadata, as issue 4 ("Statement semantics") lists them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { extract } from '../src/extract/pipeline.js';
import type { StatementJson } from '../src/core/format.js';

const SEED = '../shared/seed/000_3d270775c8275654.txt';
const skip = existsSync(SEED) ? false : `founding article not found at ${SEED} (the shared data folder is absent)`;

test('founding article: acts, channels, setting, addressee, notes, relation, metadata', { skip }, () => {
  const article = extract(readFileSync(SEED, 'utf8'));
  const statements = article.statements;
  // Statements are found by their cue and a word of their content, so the check does not hang on ids.
  const find = (cue: string, contentWord: string): StatementJson => {
    const s = statements.find((x) => x.cue.text.includes(cue) && x.content.some((c) => c.text.includes(contentWord)));
    assert.ok(s, `no statement with cue "${cue}" and content containing "${contentWord}"`);
    return s;
  };
  const expectations: [string, string, string, Partial<Record<'channel' | 'setting' | 'addressee', string>>][] = [
    ['said', 'our business', 'assert', {}],
    ['avoided answering', 'Pyongyang', 'evade', {}],
    ['say', 'already', 'evade', { setting: 'at a news conference Thursday at the end of the BRICS summit in Kazan' }],
    ['pointed to', 'Article 4', 'refer', {}],
    ['said', 'ratified', 'assert', {}],
    ['said', 'never doubted', 'assert', {}],
    ['states', 'assistance', 'assert', {}],
    ['vowed', 'unconditionally', 'promise', {}],
    ['said', 'negotiations', 'assert', {}],
    ['alleged', 'sending troops', 'allege', {}],
    ['said', 'possibility', 'assert', {}],
    ['said', 'analysts', 'assert', {}],
    ['said', 'training drills', 'assert', { channel: 'on Telegram' }],
    ['according to', 'Kursk', 'assert', {}],
    ['told', '2,000', 'assert', { addressee: 'reporters' }],
    ['said', 'disinformation', 'deny', { channel: 'by phone' }],
  ];
  const ids: string[] = [];
  for (const [cue, word, act, extras] of expectations) {
    const s = find(cue, word);
    ids.push(s.id);
    assert.equal(s.act, act, `${cue} / ${word}: act`);
    for (const field of ['channel', 'setting', 'addressee'] as const) assert.equal(s[field]?.text ?? null, extras[field] ?? null, `${cue} / ${word}: ${field}`);
  }
  const [s13, s14, s15, s16] = [ids[12], ids[13], ids[14], ids[15]];
  const notes = article.notes.map((n) => ({ kind: n.kind, text: n.span.text, targets: n.targets }));
  assert.deepEqual(notes, [
    { kind: 'unverified', text: 'The information couldn’t be independently verified by Bloomberg News', targets: [s13, s14] },
    { kind: 'unverified', text: 'The claim couldn’t be independently verified', targets: [s15] },
    { kind: 'update', text: 'Updates with Ukrainian General Staff comment in the last paragraph', targets: [s16] },
  ]);
  const bloomberg = article.entities.find((e) => e.name.includes('Bloomberg'));
  assert.equal(article.notes[0]!.by, bloomberg ? bloomberg.id : null);
  assert.deepEqual(
    article.relations.map((r) => ({ kind: r.kind, from: r.from, to: r.to })),
    [{ kind: 'disputes', from: s16, to: s15 }],
  );
  assert.match(article.relations[0]!.evidence!.text, /^The Russian leader’s claim is a “lie”/);
  assert.deepEqual({ ...article.meta, updates: article.meta.updates.map((u) => u.text) }, {
    publisher: 'Bloomberg',
    dateline: null,
    byline: null,
    contributors: ['Volodymyr Verbianyi', 'Kateryna Chursina'],
    updates: ['Updates with Ukrainian General Staff comment in the last paragraph'],
    copyright: '©2024 Bloomberg L.P.',
  });
});
