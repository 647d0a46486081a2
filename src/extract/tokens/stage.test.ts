import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../core/pipeline.js';
import { checkInvariants } from '../../core/invariants.js';
import { tokensStage, findParagraphs } from './stage.js';

const pipeline = new Pipeline([tokensStage]);

test('tokens carry UTF-16 offsets through curly quotes, CRLF, emoji and no-break spaces', () => {
  const text = '“We have never doubted,” Putin said.\r\nHe didn’t say 😀 2,000\u00a0troops were there.';
  const doc = pipeline.run(text);
  assert.deepEqual(checkInvariants(doc), []);
  for (const t of doc.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.ok(doc.tokens.some((t) => t.text === 'Putin' && t.pos === 'PROPN'));
  assert.ok(doc.tokens.some((t) => t.text === '😀'));
  assert.equal(doc.paragraphs.length, 2);
  assert.equal(doc.sentences.length, 2);
  assert.ok(doc.sentences.every((s) => doc.paragraphs.some((p) => p.start <= s.start && s.end <= p.end)));
});

test('paragraphs are the non-blank lines', () => {
  assert.deepEqual(
    findParagraphs('a b\n\n  c\r\nd  ').map((p) => [p.start, p.end]),
    [
      [0, 3],
      [7, 8],
      [10, 11],
    ],
  );
  assert.deepEqual(findParagraphs(''), []);
  assert.deepEqual(findParagraphs('\n\n \n'), []);
});

test('tokens stage survives hostile text', () => {
  for (const text of ['', '""""""', '“', '\u0000\u0001\u0007', 'a'.repeat(100_000), '\ud800 lone surrogate', '«»„“”‘’']) {
    const doc = pipeline.run(text);
    assert.deepEqual(checkInvariants(doc), [], JSON.stringify(text.slice(0, 20)));
  }
});
