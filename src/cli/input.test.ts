import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeArticle } from './input.js';
import { HearsayError, type ErrorCode } from '../core/errors.js';

const fails = (bytes: Uint8Array, code: ErrorCode, message?: RegExp) =>
  assert.throws(() => decodeArticle(bytes, 'x.txt'), (e: unknown) => e instanceof HearsayError && e.code === code && (!message || message.test(e.message)));

test('decodes UTF-8 text as it is (CRLF, NBSP, emoji, curly quotes kept; BOM dropped)', () => {
  const text = '\u201cYes,\u201d she said.\r\n2,000\u00a0troops \u{1f600}';
  assert.equal(decodeArticle(Buffer.from(text), 'x'), text);
  assert.equal(decodeArticle(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('hi')]), 'x'), 'hi');
});

test('each kind of bad input gets its own code', () => {
  fails(new Uint8Array(), 'EMPTY_INPUT', /is empty/);
  fails(Buffer.from(' \n\t\u00a0\r\n'), 'EMPTY_INPUT', /white space/);
  fails(Buffer.from([0x68, 0x69, 0x00, 0x21]), 'BINARY_INPUT', /offset 2/);
  fails(Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 ? 0x41 : 0x01))), 'BINARY_INPUT', /control bytes/);
  fails(Buffer.from([0xff, 0xfe, 0x68, 0x00]), 'INVALID_UTF8', /UTF-16/);
  fails(Buffer.from('line one\ncaf\xe9', 'latin1'), 'INVALID_UTF8', /offset 12, line 2/);
  fails(Buffer.from([0x61, 0xed, 0xa0, 0x80]), 'INVALID_UTF8'); // an encoded surrogate is not UTF-8
});
