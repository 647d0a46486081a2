import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderArticle, renderMarkedText } from './view.js';
import { palette, wantColour } from './colour.js';
import type { ArticleJson } from '../core/format.js';
import { emptyMeta } from '../core/model.js';

const text = '\u201cWe will win,\u201d Kim said by phone.\r\nIt was denied.';
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
const article: ArticleJson = {
  format: 'hearsay/1',
  id: 'a',
  text,
  meta: { ...emptyMeta(), publisher: 'Wire', updates: [] },
  entities: [{ id: 'e1', name: 'Kim Jong Un', type: 'person', mentions: [at('Kim')], descriptors: [] }],
  statements: [
    { id: 's1', kind: 'direct', source: at('Kim'), speaker: 'e1', cue: at('said'), content: [at('We will win,')], channel: at('by phone'), setting: null, addressee: null, act: 'assert', confidence: 0.9 },
  ],
  notes: [{ id: 'n1', kind: 'denied', span: at('It was denied.'), by: null, targets: ['s1'] }],
  relations: [],
};

test('the plain view lists every field the article has, with no escape codes', () => {
  const out = renderArticle(article, { palette: palette(false) });
  for (const s of ['== a ==', '1 statement · 1 entity · 1 note · 0 relations', 'publisher Wire', 's1  direct · assert', 'Kim  → Kim Jong Un (person, e1)', 'said', 'We will win,', 'channel   by phone', 'n1    denied: "It was denied." → s1']) {
    assert.ok(out.includes(s), `missing ${JSON.stringify(s)} in\n${out}`);
  }
  assert.doesNotMatch(out, /\u001b/);
});

test('marked text brackets source, cue and content in plain text, colours them otherwise', () => {
  assert.equal(renderMarkedText(article, palette(false)), '\u201c{We will win,}\u201d [Kim] <said> by phone.\r\nIt was denied.');
  const coloured = renderMarkedText(article, palette(true));
  assert.match(coloured, /\u001b\[1;36mKim\u001b\[22;39m/);
  assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), text);
});

test('colour follows the terminal, NO_COLOR, FORCE_COLOR and the flags', () => {
  assert.equal(wantColour({ isTTY: true }, {}), true);
  assert.equal(wantColour({ isTTY: false }, {}), false);
  assert.equal(wantColour({ isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(wantColour({ isTTY: true }, { NO_COLOR: '' }), true);
  assert.equal(wantColour({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(wantColour({ isTTY: true }, { TERM: 'dumb' }), false);
  assert.equal(wantColour({ isTTY: true }, { NO_COLOR: '1' }, true), true);
});
