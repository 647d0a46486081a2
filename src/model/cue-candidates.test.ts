// The cue-candidate set: counts to non-candidate lemmas, lookups (hash 0 included), and what the
// shipped model skips.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { CueCandidates, CueCounts } from './cue-candidates.js';
import { hashString } from './hashing.js';
import { buildTokenTable } from './features.js';
import { DEFAULT_MODEL_PATH, loadModel } from './weights-file.js';

test('cue candidates: frequent lemmas that are (almost) never in a cue are skipped, the rest kept', () => {
  const doc = new Pipeline([tokensStage]).run('The mayor said the plan would work. The council said the plan failed.');
  const counts = new CueCounts();
  const inCue = Uint8Array.from(doc.tokens, (t) => (t.lemma === 'say' ? 1 : 0));
  for (let k = 0; k < 5; k++) counts.addDocument(doc, inCue);
  const none = new CueCandidates(counts.nonCandidates(10, 0));
  const the = hashString('the'), say = hashString('say'), plan = hashString('plan');
  assert.equal(none.isCandidate(the), false, '"the": 20 times, never in a cue');
  assert.equal(none.isCandidate(say), true);
  assert.equal(none.isCandidate(plan), false, '"plan": 10 times, never in a cue');
  assert.equal(new CueCandidates(counts.nonCandidates(11, 0)).isCandidate(plan), true, 'seen too rarely to be skipped');
  assert.equal(new CueCandidates(counts.nonCandidates(10, 0.5)).isCandidate(say), true, 'always in a cue: above any rate below 1');
  assert.equal(new CueCandidates(counts.nonCandidates(10, 0)).isCandidate(hashString('unseen')), true);
  const withZero = new CueCandidates(Uint32Array.from([0, 7, 0xffffffff]));
  assert.deepEqual([withZero.isCandidate(0), withZero.isCandidate(7), withZero.isCandidate(0xffffffff), withZero.isCandidate(8)], [false, false, false, true]);
});

test('cue candidates: the shipped model skips function words, never a reporting verb', { skip: existsSync(DEFAULT_MODEL_PATH) ? false : 'model file not found' }, () => {
  const { model } = loadModel();
  const doc = new Pipeline([tokensStage]).run('“It is over,” the minister said, according to officials who claimed that the vote was rigged.');
  const t = buildTokenTable(doc, model.classes, model.candidates);
  const skipped = doc.tokens.filter((_, i) => !t.candidate[i]).map((x) => x.lower);
  for (const w of ['said', 'according', 'claimed']) assert.ok(!skipped.includes(w), `${w} is a candidate`);
  for (const w of [',', 'who']) assert.ok(skipped.includes(w), `${w} is skipped`);
});
