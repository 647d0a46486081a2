import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseText } from './wink.js';

test('words with letters outside ASCII stay one token (wink-nlp cuts them)', () => {
  const text = 'Recep Tayyip Erdoğan met Paweł Adamowicz in Gdańsk, Zürich and Kraków; naïve café.';
  const { tokens } = analyseText(text);
  for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  const words = tokens.map((t) => t.text);
  for (const w of ['Erdoğan', 'Paweł', 'Gdańsk', 'Zürich', 'Kraków', 'naïve', 'café']) assert.ok(words.includes(w), `${w} in ${words.join(' ')}`);
  assert.equal(tokens.find((t) => t.text === 'Erdoğan')?.pos, 'PROPN');
});

test('touching tokens that are not one word stay apart', () => {
  const { tokens } = analyseText('He said “no”—twice 😀x (really).');
  const words = tokens.map((t) => t.text);
  assert.ok(words.includes('“') && words.includes('no') && words.includes('”'));
  assert.ok(words.includes('😀'));
});
