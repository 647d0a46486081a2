import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../core/pipeline.js';
import { checkInvariants } from '../../core/invariants.js';
import { tokensStage } from '../tokens/stage.js';
import { metaStage } from './stage.js';
import { paragraphReference, readOpener, splitNames } from '../../nlp/newsroom.js';

const pipeline = new Pipeline([tokensStage, metaStage]);
const metaOf = (text: string) => {
  const doc = pipeline.run(text);
  assert.deepEqual(checkInvariants(doc), []);
  return { ...doc.meta, updates: doc.meta.updates.map((u) => text.slice(u.start, u.end)) };
};

test('Bloomberg style: opener, contributors, update note, copyright', () => {
  const text = [
    '(Bloomberg) -- The central bank said rates would stay on hold.',
    'Its governor said by phone that inflation was easing.',
    '--With assistance from Anna Kowalska and Piotr Nowak.',
    '(Updates with governor’s comment in second paragraph)',
    '©2024 Bloomberg L.P.',
  ].join('\r\n');
  assert.deepEqual(metaOf(text), {
    publisher: 'Bloomberg',
    dateline: null,
    byline: null,
    contributors: ['Anna Kowalska', 'Piotr Nowak'],
    updates: ['Updates with governor’s comment in second paragraph'],
    copyright: '©2024 Bloomberg L.P.',
  });
});

test('Reuters and AP style: dateline with publisher, byline, reporting credits, copyright holder', () => {
  const reuters = 'By Jane Smith\nLONDON, March 3 (Reuters) - Britain’s economy grew 😀 0.2%, officials said.\n(Reporting by Jane Smith in London; Additional reporting by Omar Ali; Editing by Tom Brown)';
  const r = metaOf(reuters);
  assert.equal(r.publisher, 'Reuters');
  assert.equal(r.dateline, 'LONDON, March 3');
  assert.equal(r.byline, 'Jane Smith');
  assert.deepEqual(r.contributors, ['Jane Smith', 'Omar Ali']);
  const ap = 'KYIV, Ukraine (AP) — Drones struck the city overnight.\nAssociated Press writers Lena Ivanova and Mark Lee contributed to this report.\nCopyright 2024 The Associated Press. All rights reserved.';
  const a = metaOf(ap);
  assert.equal(a.publisher, 'Associated Press');
  assert.equal(a.dateline, 'KYIV, Ukraine');
  assert.deepEqual(a.contributors, ['Lena Ivanova', 'Mark Lee']);
  assert.equal(a.copyright, 'Copyright 2024 The Associated Press. All rights reserved.');
  const plain = 'WASHINGTON — The Senate voted on Tuesday.\n\n© 2023 Example Media Inc.';
  assert.deepEqual(metaOf(plain), { publisher: 'Example Media', dateline: 'WASHINGTON', byline: null, contributors: [], updates: [], copyright: '© 2023 Example Media Inc.' });
});

test('ordinary text has no metadata; helpers read references and names', () => {
  assert.deepEqual(metaOf('The mayor said the park would close.\nCRLF\r\nand “quotes”'), {
    publisher: null,
    dateline: null,
    byline: null,
    contributors: [],
    updates: [],
    copyright: null,
  });
  assert.equal(readOpener('THE END OF THE WORLD IS NEAR AND EVERYONE KNOWS IT — he said.'), null);
  assert.equal(paragraphReference('Updates with comment in the last paragraph'), -1);
  assert.equal(paragraphReference('Adds detail in third paragraph'), 2);
  assert.equal(paragraphReference('Adds detail in paragraph 5'), 4);
  assert.equal(paragraphReference('Adds detail'), null);
  assert.deepEqual(splitNames('Volodymyr Verbianyi, Kateryna Chursina and Ana Lee'), ['Volodymyr Verbianyi', 'Kateryna Chursina', 'Ana Lee']);
});
