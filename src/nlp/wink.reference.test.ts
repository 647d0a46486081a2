import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyseText, loadNlp, type NlpResult, type RawToken } from './wink.js';
import { foldCase } from './fold-case.js';

// The adapter reads wink-nlp by word type and keeps what it learns (lower case, lemma per POS) for
// the life of the process. This checks it against the plain reading it replaced: wink-nlp's value,
// POS and lemma asked for every token, offsets found with indexOf and a white-space regex.

const WHITESPACE_ONLY = /^\s*$/u;
const LETTER = /[\p{L}\p{M}]/u;
const NON_ASCII_LETTER = /[^\x00-\x7f]/u;
const TOP_LEVEL_DOMAINS = new Set(['com', 'org', 'net', 'gov', 'edu', 'int', 'io', 'co', 'uk', 'at', 'de', 'fr', 'ru', 'ua', 'it', 'es', 'nl', 'ch', 'pl', 'in', 'cn', 'jp', 'au', 'ca', 'us', 'info', 'news', 'tv']);

function referenceAnalysis(text: string): NlpResult {
  const nlp = loadNlp();
  const its = nlp.its;
  const wdoc = nlp.readDoc(text);
  const values = wdoc.tokens().out(its.value) as string[];
  const posTags = wdoc.tokens().out(its.pos) as string[];
  const lemmas = wdoc.tokens().out(its.lemma as unknown as typeof its.value) as (string | undefined)[];
  const winkToOurs: number[] = [];
  const tokens: RawToken[] = [];
  const splitsWord = (before: string, after: string): boolean => {
    const a = before[before.length - 1] ?? '';
    const b = after[0] ?? '';
    return LETTER.test(a) && LETTER.test(b) && (NON_ASCII_LETTER.test(a) || NON_ASCII_LETTER.test(b));
  };
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    winkToOurs[i] = tokens.length;
    if (value.length === 0 || WHITESPACE_ONLY.test(value)) continue;
    let at = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    if (at < 0 || (at > cursor && !WHITESPACE_ONLY.test(text.slice(cursor, at)))) continue;
    const prev = tokens[tokens.length - 1];
    const host = tokens[tokens.length - 2];
    if (prev && host && prev.text === '.' && host.end === prev.start && prev.end === at && TOP_LEVEL_DOMAINS.has(value.toLowerCase()) && /\w$/u.test(host.text)) {
      tokens.pop();
      winkToOurs[i] = tokens.length - 1;
      if (winkToOurs[i - 1] === tokens.length) winkToOurs[i - 1] = tokens.length - 1;
      host.end = at + value.length;
      host.text = text.slice(host.start, host.end);
      host.lower = foldCase(host.text);
      host.lemma = foldCase(host.text.toLowerCase());
      host.pos = 'PROPN';
      cursor = host.end;
      continue;
    }
    if (prev && prev.end === at && splitsWord(prev.text, value)) {
      winkToOurs[i] = tokens.length - 1;
      prev.end = at + value.length;
      prev.text += value;
      prev.lower = foldCase(prev.text);
      prev.lemma = foldCase(prev.text.toLowerCase());
      if (prev.pos === 'X') prev.pos = posTags[i] ?? 'X';
      cursor = prev.end;
      continue;
    }
    tokens.push({ index: tokens.length, start: at, end: at + value.length, text: value, lower: foldCase(value), lemma: foldCase(lemmas[i] ?? value.toLowerCase()), pos: posTags[i] ?? 'X', sentence: -1, paragraph: -1 });
    cursor = at + value.length;
  }
  winkToOurs[values.length] = tokens.length;
  const sentences: NlpResult['sentences'] = [];
  for (const [a, b] of wdoc.sentences().out(its.span) as unknown as [number, number][]) {
    const firstToken = winkToOurs[a] ?? -1;
    const endToken = winkToOurs[b + 1] ?? tokens.length;
    if (firstToken >= 0 && endToken > firstToken) sentences.push({ firstToken, endToken });
  }
  return { tokens, sentences };
}

const PIECES = [
  'The', 'minister', 'said', 'said.', 'says,', 'saying', 'leaves', 'Leaves', 'left', 'can’t', "can't", 'cannot', "won't", 'it’s', "it's", "O'Neil's", 'Poor’s',
  'Erdoğan', 'Gdańsk', 'Zürich', 'naïve', 'Znak.com', 'oe24.at', 'U.S.', 'e.g.', 'Mr.', '3.5%', '$4bn', '2,000', '10:30', '1990s', '#tag', '@user', 'a@b.com',
  '“', '”', '‘', '’', '"', "'", '(', ')', '—', '-', '.', ',', ';', ':', '!', '?', '...', '😀', '👍🏽', 'ß', 'İstanbul', 'ʼ',
  ' ', ' ', ' ', ' ', '  ', '\u00a0', '\u2009', '\n', '\r\n', '\t', '\u3000',
];
const soup = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));

test('the adapter reads wink-nlp exactly as a plain per-token reading does', () => {
  const nlp = loadNlp();
  fc.assert(
    fc.property(soup, (text) => {
      // wink-nlp's tokenizer depends on the words it has met before; read the text until that
      // settles, so both readings below see the same tokenizer.
      nlp.readDoc(text);
      nlp.readDoc(text);
      const expected = referenceAnalysis(text);
      assert.deepEqual(analyseText(text), expected);
      assert.deepEqual(analyseText(text), expected);
    }),
    { numRuns: 300, seed: 20261127 },
  );
});
