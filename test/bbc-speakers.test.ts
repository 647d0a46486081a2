// Speaker resolution on the BBC blind sets (test/fixtures/bbc-speakers/README.md): gold keeps cue
// offsets only; the texts are research-only and read from ../shared/data at run time (skipped,
// with a plain message, when absent). The blind scores themselves are in docs/speakers.md; these
// floors sit under today's rates so that a real regression fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/extract/pipeline.js';
import { readCorpusTexts } from '../src/test-support/corpus-texts.js';
import { addSpeakerScores, emptySpeakerScore, formatSpeakerScore, scoreSpeakers, type SpeakerArticleGold } from '../src/eval/speakers.js';

const FIXTURES = 'test/fixtures/bbc-speakers';
const DATA = '../shared/data/news/bbc-2225/articles.jsonl';
const texts = readCorpusTexts(DATA);
const skip = texts ? false : `the BBC texts are not here (${DATA})`;

for (const set of ['blind1', 'blind2']) {
  test(`BBC ${set}: named speakers found and resolved (floors 80% right among found, 90% found)`, { skip }, () => {
    let score = emptySpeakerScore();
    for (const file of readdirSync(join(FIXTURES, set)).filter((f) => f.endsWith('.gold.json')).sort()) {
      const gold = JSON.parse(readFileSync(join(FIXTURES, set, file), 'utf8')) as SpeakerArticleGold;
      const text = texts!.get(gold.id);
      assert.ok(text !== undefined, `no text for ${gold.id}`);
      score = addSpeakerScores(score, scoreSpeakers(extract(text, gold.id), gold));
    }
    const report = `${formatSpeakerScore(score)}\n${score.errors.join('\n')}`;
    assert.ok(score.namedRight / score.namedFound >= 0.8, report);
    assert.ok(score.namedFound / score.named >= 0.9, report);
  });
}
