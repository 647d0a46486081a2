// The model's cue scores (AttributionModel.cueScoresOf): max-marginals of the cue decoding, at or
// above 0 on the cues the model found and at or below 0 on every other token it scored, computed in
// the paragraphs that hold a cue of the rule stages; asking for them changes no prediction, and a
// batch keeps the same scores as one document at a time.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from './weights-file.js';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { cuesStage } from '../extract/cues/stage.js';

const withCues = new Pipeline([tokensStage, cuesStage]);
const tokenise = (text: string) => withCues.run(text);

const TEXTS = [
  'Putin said on Friday that the troops “are not there”, and the ministry denied it.\r\n\r\nKim, asked about it, avoided answering 🙂.',
  'The report\u00a0suggests voters are raising questions about the plan. That said, nobody spoke.',
  'A paragraph the rules find no cue in: the weather is fine.\n\nShe told reporters it was “over”.',
  '',
];

test('cue scores: above 0 on the cues found, below elsewhere, and no prediction changes', () => {
  const model = loadModel().model;
  for (const text of TEXTS) {
    const plain = model.predict(tokenise(text));
    const doc = tokenise(text);
    const scored = model.predict(doc, true);
    assert.deepEqual(scored, plain);
    const scores = model.cueScoresOf(doc);
    if (!doc.tokens.length) {
      assert.equal(scores, null);
      continue;
    }
    assert.ok(scores && scores.length === doc.tokens.length);
    const inCue = new Uint8Array(doc.tokens.length);
    for (const p of scored) inCue.fill(1, p.cue.first, p.cue.end);
    const ruleParagraphs = new Set(doc.cues.map((c) => doc.tokens[c.firstToken]!.paragraph));
    let finite = 0;
    for (let i = 0; i < scores.length; i++) {
      if (!ruleParagraphs.has(doc.tokens[i]!.paragraph)) assert.equal(scores[i], -Infinity, `token ${i}: no rule cue in its paragraph`);
      if (scores[i] === -Infinity) continue; // not scored
      finite++;
      if (inCue[i]) assert.ok(scores[i]! >= 0, `token ${i} in a cue scores ${scores[i]}`);
      else assert.ok(scores[i]! <= 0, `token ${i} outside the cues scores ${scores[i]}`);
    }
    assert.ok(finite > 0, 'some tokens scored');
    model.predict(doc);
    assert.equal(model.cueScoresOf(doc), null, 'a prediction without scores forgets the old ones');
  }
});

test('cue scores: a batch gives each document the scores it gets alone', () => {
  const model = loadModel().model;
  const alone = TEXTS.map((text) => {
    const doc = tokenise(text);
    model.predict(doc, true);
    return model.cueScoresOf(doc);
  });
  const docs = TEXTS.map((text) => tokenise(text));
  model.predictAll(docs, true);
  docs.forEach((doc, i) => assert.deepEqual(model.cueScoresOf(doc), alone[i]));
});
