import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import winkNLP, { type Model } from 'wink-nlp';
import { analyseText, isSpaceCode, loadNlp, mayHaveLongRun } from './wink.js';
import { foldCase } from './fold-case.js';

const require = createRequire(import.meta.url);

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

test('a run of 200 or more non-space characters (code points) is kept as one token, a shorter one is not', () => {
  const long = 'x'.repeat(250);
  const one = analyseText(`Before ${long} after.`).tokens.find((t) => t.text === long);
  assert.ok(one, 'the long run is one token');
  // 150 emoji are 300 UTF-16 units but only 150 code points: not a long run.
  const emoji = '😀'.repeat(150);
  assert.ok(!analyseText(`Smile ${emoji} now.`).tokens.some((t) => t.text === emoji));
  // Runs split by white space the quick pre-check does not know (ideographic space) stay ordinary.
  const split = `${'a'.repeat(150)}\u3000${'b'.repeat(150)}`;
  assert.ok(!analyseText(split).tokens.some((t) => t.text === split || t.text.length >= 200));
  // A long run after other text keeps its offsets.
  const text = `Said:\u00a0${'y'.repeat(210)} end`;
  const run = analyseText(text).tokens.find((t) => t.text.startsWith('yyy'));
  assert.deepEqual(run && [run.start, run.end], [6, 216]);
});

test('isSpaceCode agrees with \\s on every UTF-16 code unit', () => {
  for (let c = 0; c < 0x10000; c++) assert.equal(isSpaceCode(c), /\s/u.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
});

test("lemmas and lower case kept per word type equal wink-nlp's own, token by token, on repeated and contracted words", () => {
  const text = "He can't say. She cannot go; they won't. Saying it, he said: 'I'm saying nothing.' The saying goes. Leaves leave; it’s O’Neil’s.";
  const nlp = loadNlp();
  const winkDoc = nlp.readDoc(text);
  const winkLemmas = winkDoc.tokens().out(nlp.its.lemma as unknown as typeof nlp.its.value) as (string | undefined)[];
  const winkValues = winkDoc.tokens().out(nlp.its.value) as string[];
  const expected = winkValues.map((v, i) => foldCase(winkLemmas[i] ?? v.toLowerCase()));
  // Twice: the second pass reads what the first one kept.
  for (let pass = 0; pass < 2; pass++) {
    const { tokens } = analyseText(text);
    assert.deepEqual(tokens.map((t) => t.lemma), expected);
    assert.deepEqual(tokens.map((t) => t.lower), winkValues.map(foldCase));
  }
});

test('a text is cut the same way whatever the process read before (wink-nlp learns new words)', () => {
  const words = (text: string): string[] => analyseText(text).tokens.map((t) => `${t.text}/${t.lemma}`);
  const rating = "Standard & Poor's (S&P) cut the rating, the Verizon's offer said.";
  const before = words(rating);
  // These teach wink-nlp "Poor's" and "Verizon's" as whole words; it used to cut the first text
  // differently afterwards.
  words("Standard & Poor's.");
  words("that Verizon's offer, made");
  assert.deepEqual(words(rating), before);
  // wink-nlp's lemma of "cannot" pointed past its lexicon, at whatever word was added there first.
  assert.deepEqual(words('We cannot, he said.').slice(1, 2), ['cannot/cannot']);
});

test("a text read once is cut, tagged and lemmatised as by wink-nlp with the package's own model and look-up", () => {
  // Every new word occurs once, so wink-nlp's learning cannot show; contractions expand, abbreviations
  // and quotation marks reach the sentence splitter's hints, a hyphenated name the tagger's.
  const text = "Mr. Qzvrt-Blom can't say; we'll see, they'd said. \"I'm not,\" Dr. Xyloph told U.S. officials in Gdynia. Isn't it? Ya'll won't.";
  const packaged = winkNLP(require('wink-eng-lite-web-model') as Model, ['sbd', 'pos']);
  const doc = packaged.readDoc(text);
  const its = packaged.its;
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as (string | undefined)[];
  const ends = doc.sentences().out(its.span) as unknown as number[][];
  const { tokens, sentences } = analyseText(text);
  assert.deepEqual(tokens.map((t) => t.text), values);
  assert.deepEqual(tokens.map((t) => t.pos), tags);
  assert.deepEqual(tokens.map((t) => t.lemma), values.map((v, i) => foldCase(lemmas[i] ?? v.toLowerCase())));
  assert.deepEqual(sentences.map((s) => [s.firstToken, s.endToken - 1]), ends);
});

test('the long-run pre-check says true exactly where 200 units in a row are no common space', () => {
  const units = /[^\t-\r \u00a0]{200}/;
  const piece = fc.oneof(fc.constantFrom(' ', '\n', '\u00a0', '\u3000', 'a', '😀', '.'), fc.integer({ min: 1, max: 260 }).map((n) => 'x'.repeat(n)));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(mayHaveLongRun(text), units.test(text));
    }),
    { numRuns: 2000, seed: 20261127 },
  );
  for (const n of [0, 199, 200, 201]) assert.equal(mayHaveLongRun('y'.repeat(n)), n >= 200);
  assert.equal(mayHaveLongRun(`${'y'.repeat(199)} ${'y'.repeat(199)}`), false);
});
