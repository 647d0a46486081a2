import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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
