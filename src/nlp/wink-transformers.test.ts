import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readCoreModel } from './wink-model.js';
import { tokenTransformers } from './wink-transformers.js';

const require = createRequire(import.meta.url);
type Transformer = (token: number, cache: unknown, rawTokens: number[], i: number) => number;
interface Cache {
  add(text: string, category: number): number;
  value(id: number): string;
  property(id: number, name: string): unknown;
  posOf(id: number): number;
  mappedSpelling(id: number): number;
}

/** wink-nlp's cache over the model's core, with the package's own feature extractors. */
function packageCache(): Cache {
  const makeCache = require('wink-nlp/src/cache.js') as (model: unknown, featureFn: unknown) => Cache;
  const core = readCoreModel() as unknown as { packing: { config: unknown } };
  return makeCache(core, require('wink-eng-lite-web-model/dist/feature.js'));
}

test("the transformers answer every word of wink-nlp's lexicon, and new words, as the package's do", () => {
  const cache = packageCache();
  const [packageSbd] = require('wink-eng-lite-web-model/dist/sbd-transformers.js') as Transformer[];
  const [packagePos] = require('wink-eng-lite-web-model/dist/pos-transformers.js') as Transformer[];
  // New words, added as the tokenizer adds them (category 1 is a word): abbreviations of two and
  // more letters, names, a hyphenated word.
  const added = ['Xq.', 'Zzyzx', 'Qwv.', 'Kilroy-Silk', 'Brxtl.'].map((w) => cache.add(w, 1));
  const words = [...Array(readCoreModel().features.lexeme.list.length).keys(), ...added];
  const ours = tokenTransformers();
  // A hint-bearing word to stand as the raw token under a normal form without one.
  const quote = words.find((id) => (packageSbd(id, cache, [id, 0, 0, 0], 0) === 1_080_004));
  assert.ok(quote !== undefined, 'the lexicon has an ambiguous right quotation mark');
  // Twice over: the second pass reads the kept facts.
  for (let pass = 0; pass < 2; pass++) {
    for (const id of words) {
      for (const raw of [[id, 0, 0, 0], [id, 1, 0, 0], [quote, 0, 0, 0], [quote, 2, 0, 0], [0, 0, 0, 0, id, 3, 0, 0]]) {
        const i = raw.length / 4 - 1;
        assert.equal(ours.sbd(id, cache, raw, i), packageSbd(id, cache, raw, i), `sbd of ${id} (${cache.value(id)}) over ${raw.join(',')}`);
        assert.equal(ours.pos(5, cache, raw, i), packagePos(5, cache, raw, i), `pos over ${raw.join(',')}`);
      }
    }
  }
});

test("the default tags equal wink-nlp's mapper's, for every word of the lexicon, new words and preset tags", () => {
  const cache = packageCache();
  const { mapRawTokens2UIdOfDefaultPOS } = require('wink-nlp/src/tokens-mappers.js') as { mapRawTokens2UIdOfDefaultPOS(rdd: unknown): number[] };
  const added = ['Zzyzx', 'qwrtv', 'Xq.', 'blorfing'].map((w) => cache.add(w, 1));
  const words = [...Array(readCoreModel().features.lexeme.list.length).keys(), ...added];
  // Four numbers per token; every third word comes with a tag of its own (as an expansion does).
  const tokens = words.flatMap((id, i) => [id, 1, i % 3 === 0 ? ((i % 17) + 1) << 20 : 0, 0]);
  const expected = mapRawTokens2UIdOfDefaultPOS({ tokens, cache, numOfTokens: words.length });
  const ours = tokenTransformers();
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < words.length; i++) assert.equal(ours.defaultTag(cache, tokens, i), expected[i], `token ${i} (${cache.value(words[i]!)})`);
  }
});
