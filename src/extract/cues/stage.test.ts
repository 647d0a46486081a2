import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../core/pipeline.js';
import { checkInvariants } from '../../core/invariants.js';
import { tokensStage } from '../tokens/stage.js';
import { cuesStage } from './stage.js';

const pipeline = new Pipeline([tokensStage, cuesStage]);
function cues(text: string): string[] {
  const doc = pipeline.run(text);
  assert.deepEqual(checkInvariants(doc), []);
  return doc.cues.map((c) => `${text.slice(c.start, c.end)}=${c.lemma}`);
}

test('reporting verbs with their auxiliaries, negation and adverbs', () => {
  assert.deepEqual(cues('Putin said it.'), ['said=say']);
  assert.deepEqual(cues('Putin has also said it.'), ['has also said=say']);
  assert.deepEqual(cues('Putin didn’t say whether they were there.'), ['didn’t say=say']);
  assert.deepEqual(cues('The US and South Korea have alleged that troops are there.'), ['have alleged=allege']);
});

test('multi-word cues', () => {
  assert.deepEqual(cues('According to the intelligence service, units arrived.'), ['According to=accord to']);
  assert.deepEqual(cues('He pointed to Article 4.'), ['pointed to=point to']);
  assert.deepEqual(cues('He avoided answering whether troops were sent.'), ['avoided answering=avoid answer']);
  // PolNeAR marks only the verb of "declined to comment"; "to comment" is what was declined.
  assert.equal(cues('She declined to comment.')[0], 'declined=decline');
});

test('part of speech: a noun is not a cue, a verb the tagger missed in a "that" frame is', () => {
  assert.deepEqual(cues('His claims were false.'), []);
  assert.deepEqual(cues('The accord states in Article 4 that both will help.'), ['states=state']);
});

test('no cues in hostile text, and none thrown', () => {
  for (const text of ['', 'said', '“said”', '\u0000said\u0001', 'said '.repeat(2000)]) cues(text);
});
