import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findParagraphs } from '../tokens/stage.js';
import { findQuotations } from './find-quotations.js';

function quotes(text: string): Array<[string, boolean, number]> {
  return findQuotations(text, findParagraphs(text)).map((q) => [text.slice(q.start, q.end), q.closed, q.continues]);
}
function inner(text: string): string[] {
  return findQuotations(text, findParagraphs(text)).map((q) => text.slice(q.inner.start, q.inner.end));
}

test('curly and straight double quotes, closed', () => {
  assert.deepEqual(quotes('“We have never doubted,” Putin said. He called it "a lie".'), [
    ['“We have never doubted,”', true, -1],
    ['"a lie"', true, -1],
  ]);
  assert.deepEqual(inner('He said: “  spaced  ” out'), ['spaced']);
});

test("doubled apostrophes quote like a double mark: ''Like this,'' he said", () => {
  assert.deepEqual(quotes("''A lot of clubs closed,'' Mr. Hedge said. It's ''fine''."), [
    ["''A lot of clubs closed,''", true, -1],
    ["''fine''", true, -1],
  ]);
  assert.deepEqual(inner("''When Twitter says, 'We can't,' I doubt it,'' said Farid."), ["When Twitter says, 'We can't,' I doubt it,"]);
});

test('apostrophes are not quotes', () => {
  assert.deepEqual(quotes('Putin didn’t say whether Russia’s troops, the states’ rights or the ’90s mattered.'), []);
  assert.deepEqual(quotes("Putin didn't say it's Russia's."), []);
});

test('single quotes and guillemets quote', () => {
  assert.deepEqual(inner('Kasich: ‘We Are Going To Go All The Way’'), ['We Are Going To Go All The Way']);
  assert.deepEqual(inner("Trump: 'I will win' today"), ['I will win']);
  assert.deepEqual(inner('Le président a dit «non merci» hier.'), ['non merci']);
  // A single quote nested in a double one belongs to the outer quotation.
  assert.deepEqual(inner('“He told me ‘no’ twice,” she said.'), ['He told me ‘no’ twice,']);
});

test('an unclosed quote continues into the next paragraph that opens with a quote mark', () => {
  const text = '“First paragraph of the quote.\r\n“Second paragraph, closed,” he said.\n“Unrelated.”';
  assert.deepEqual(quotes(text), [
    ['“First paragraph of the quote.', false, -1],
    ['“Second paragraph, closed,”', true, 0],
    ['“Unrelated.”', true, -1],
  ]);
  // An unclosed quote followed by a paragraph that does not open a quote does not continue.
  assert.deepEqual(quotes('“Open and never closed.\nPlain text.'), [['“Open and never closed.', false, -1]]);
});

test('offsets survive emoji, no-break spaces and CRLF', () => {
  const text = '😀\u00a0“Quote 😀 here,”\u00a0he said.\r\n"Straight"';
  const found = findQuotations(text, findParagraphs(text));
  assert.equal(found.length, 2);
  assert.equal(text.slice(found[0]!.start, found[0]!.end), '“Quote 😀 here,”');
  assert.equal(text.slice(found[1]!.inner.start, found[1]!.inner.end), 'Straight');
});

test('hostile input: only quote marks, unbalanced, empty', () => {
  for (const text of ['', '"', '""""""', '“', '”', '“”“”', '«»„“”‘’', "'''", '"a" "b', '“'.repeat(10_000)]) {
    const found = findQuotations(text, findParagraphs(text));
    for (const q of found) {
      assert.ok(q.start >= 0 && q.end <= text.length && q.start <= q.end);
      assert.ok(q.inner.start >= q.start && q.inner.end <= q.end && q.inner.start < q.inner.end);
    }
  }
});
