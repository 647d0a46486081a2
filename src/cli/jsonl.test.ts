import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { parseArticleLine, readLines, type JsonlLine } from './jsonl.js';
import { HearsayError } from '../core/errors.js';

async function lines(chunks: (string | Buffer)[]): Promise<JsonlLine[]> {
  const out: JsonlLine[] = [];
  for await (const l of readLines(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))))) out.push(l);
  return out;
}

test('lines are numbered across chunk boundaries, CRLF and a missing final newline', async () => {
  const got = await lines(['{"a":1}\r\n\r\n{"b"', ':2}\n   \n{"c":', '3}']);
  assert.deepEqual(
    got.map((l) => [l.line, l.bytes.toString()]),
    [
      [1, '{"a":1}'],
      [3, '{"b":2}'],
      [5, '{"c":3}'],
    ],
  );
  // a multi-byte character split between chunks survives
  const euro = Buffer.from('{"text":"5 \u20ac"}\n');
  const split = await lines([euro.subarray(0, 12), euro.subarray(12)]);
  assert.equal(parseArticleLine(split[0]!).text, '5 \u20ac');
});

test('a line becomes an article or an error that names the line', async () => {
  const [a, b, c, d, e] = await lines(['{"id":7,"text":"Kim said hi.","url":"x"}\n{"text":"no id"}\n{oops\n{"id":"x"}\n{"id":"y","text":" "}\n']);
  assert.deepEqual(parseArticleLine(a!), { id: '7', text: 'Kim said hi.' });
  assert.deepEqual(parseArticleLine(b!), { id: '2', text: 'no id' });
  const code = (l: JsonlLine) => {
    try {
      parseArticleLine(l);
      return 'ok';
    } catch (error) {
      assert.ok(error instanceof HearsayError);
      assert.match(error.message, new RegExp(`line ${l.line}`));
      return error.code;
    }
  };
  assert.deepEqual([c, d, e].map((l) => code(l!)), ['BAD_JSONL_LINE', 'BAD_JSONL_LINE', 'EMPTY_INPUT']);
  const [bad] = await lines([Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d, 0x0a])]);
  assert.equal(code(bad!), 'INVALID_UTF8');
});

test('a line is last at hand when the input has no further line without reading more', async () => {
  const got = await lines(['{"a":1}\n{"b":2}\n{"c"', ':3}\n', '{"d":4}']);
  assert.deepEqual(
    got.map((l) => [l.bytes.toString(), l.lastAtHand]),
    [
      ['{"a":1}', false],
      ['{"b":2}', true],
      ['{"c":3}', true],
      ['{"d":4}', true],
    ],
  );
});
