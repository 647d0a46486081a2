import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP, { type Model } from 'wink-nlp';
import { readCoreModel, sentencesAndTagsModel } from './wink-model.js';

const require = createRequire(import.meta.url);

test("the core model read from its file equals the one wink-eng-lite-web-model's own loader builds", () => {
  const own = (require('wink-eng-lite-web-model') as { core: () => unknown }).core();
  assert.deepStrictEqual(readCoreModel(), own);
});

test('the model has every part wink-nlp loads, and each call builds a new core', () => {
  const model = sentencesAndTagsModel();
  for (const part of ['core', 'sbd', 'pos', 'ner', 'negation', 'sa', 'metaCER', 'featureFn'] as const) assert.equal(typeof model[part], 'function', part);
  assert.notEqual(model.core(), model.core());
});

test("wink-nlp reads texts with this model exactly as with the package's own: values, POS, lemmas, abbreviations, sentences", () => {
  const packaged = winkNLP(require('wink-eng-lite-web-model') as Model, ['sbd', 'pos']);
  const assembled = winkNLP(sentencesAndTagsModel(), ['sbd', 'pos']);
  const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
  const texts = readdirSync(examples)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(examples, f), 'utf8'));
  // New words (names, hyphenated, numbers, abbreviations) reach the feature extractors; a second
  // reading finds them in the lexicon.
  texts.push("Mr. Kilroy-Silk's U.S.-backed plan, e.g. Gdańsk's 3.5bn, said Dr. Xqzt on 04/05 at 10:30.", ...texts);
  const reading = (nlp: typeof packaged, text: string): unknown => {
    const doc = nlp.readDoc(text);
    const its = nlp.its;
    const lemma = its.lemma as unknown as typeof its.value;
    return [doc.tokens().out(its.value), doc.tokens().out(its.pos), doc.tokens().out(lemma), doc.tokens().out(its.abbrevFlag), doc.sentences().out(its.span)];
  };
  for (const text of texts) assert.deepStrictEqual(reading(assembled, text), reading(packaged, text));
});
