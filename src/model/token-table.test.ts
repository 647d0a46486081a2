// buildTokenTable's per-token readings that are tested by character code or read from the packed
// word-class table (features.ts, word-classes.ts), against their plain definitions: quotation marks
// and clause punctuation as sets of token texts, word classes as the table's own arrays.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { buildTokenTable, QUOTE_CLOSE, QUOTE_OPEN } from './features.js';
import { packedWordClasses, type WordClassTable } from './word-classes.js';

const tokens = new Pipeline([tokensStage]);
const TEXT =
  '\u201cWe said it,\u201d she told \u00abLe Monde\u00bb; \u201eNein\u201d, he wrote: (rarely) \u2014 or \u2013 "so" -- \u201fthen\u201d. ' +
  'The constructor and toString of the plan, he believed, were announced.';

test('token table: quotation marks and clause punctuation as the sets of texts define them', () => {
  const doc = tokens.run(TEXT);
  const t = buildTokenTable(doc);
  const opening = new Set(['\u201c', '\u00ab', '\u201e']);
  const closing = new Set(['\u201d', '\u00bb']);
  const clause = new Set([',', ';', ':', '\u2014', '\u2013', '(', ')', '--']);
  let marks = 0;
  doc.tokens.forEach((tok, i) => {
    assert.equal(t.clausePunct[i], clause.has(tok.text) ? 1 : 0, `clause mark ${JSON.stringify(tok.text)}`);
    if (opening.has(tok.text)) assert.equal(t.quote[i], QUOTE_OPEN, `opening ${tok.text}`);
    if (closing.has(tok.text)) assert.equal(t.quote[i], QUOTE_CLOSE, `closing ${tok.text}`);
    if (opening.has(tok.text) || closing.has(tok.text) || tok.text === '"' || tok.text === '\u201f') marks++;
  });
  assert.ok(marks >= 8, `quotation marks tokenised: ${marks}`);
});

test('token table: word classes equal the table\'s own arrays, inherited names read as none', () => {
  const classes: WordClassTable = { say: [32, 0b1000, 0], plan: [31, 0b100, 9], announce: [32, 0xffff, 10], believe: [31, 0b10, 0] };
  const doc = tokens.run(TEXT);
  const t = buildTokenTable(doc, classes);
  let found = 0;
  doc.tokens.forEach((tok, i) => {
    const own = Object.hasOwn(classes, tok.lemma) && tok.pos !== 'PROPN' && tok.pos !== 'PUNCT' ? classes[tok.lemma]! : [0, 0, 0];
    assert.deepEqual([t.wnVerb[i], t.wnMask[i], t.wnNoun[i]], own, `lemma ${tok.lemma}`);
    if (own[0] || own[2]) found++;
  });
  assert.ok(found >= 3, `lemmas found in the table: ${found}`);
  const packed = packedWordClasses(classes);
  assert.equal(Object.getPrototypeOf(packed), null);
  assert.equal(packed.constructor, undefined);
  assert.equal(packedWordClasses(classes), packed, 'packed once per table');
});
