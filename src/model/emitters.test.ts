// The fast emission paths used at prediction time against the reference paths training uses
// (features + StructuredPerceptron.emissions), equal to the bit on a few hostile texts: the role
// emitter (features.ts RoleEmitter) on every cue-sized run, with the shipped model and with random
// dyadic weights, and cueEmissions on every paragraph; and the exactness guard (sumsAreOrderFree)
// that decides when the role emitter may be used.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { buildTokenTable, cueEmissions, cueFeatures, RoleEmitter, roleFeatures, RoleScratch } from './features.js';
import { bioForbidden, FeatureBuffer, MAX_FEATURES_PER_POSITION, StructuredPerceptron, sumsAreOrderFree } from './perceptron.js';
import { cueLemmaId, ROLE_TAGS, ROLE_WINDOW } from './attribution-model.js';
import { DEFAULT_MODEL_PATH, loadModel } from './weights-file.js';

const noModel = existsSync(DEFAULT_MODEL_PATH) ? false : `model file not found at ${DEFAULT_MODEL_PATH}`;
const tokens = new Pipeline([tokensStage]);
const TEXTS = [
  'The minister said on Tuesday that \u201cthe plan will work\u201d, but critics disagreed.\r\n\r\nShe added: "We are ready." \u{1F600} Officials\u00a0declined to comment, according to Reuters.',
  '\u201cIt is over,\u201d he told reporters. \u201cWe lost.\u201d\n\nThe company denied the claims, saying they were false. Smith, who spoke to the BBC, warned that prices would rise.',
  'Headline without a verb\n\nA single very long paragraph ' + 'where the mayor said that the council claimed that, as critics argued, '.repeat(30) + 'nothing changed.',
];

/** Every cue-sized run of one or two tokens, windowed as predict() does. */
function* cueWindows(t: ReturnType<typeof buildTokenTable>): Generator<[number, number, number, number]> {
  for (let p = 0; p < t.paraStart.length; p++) {
    const ps = t.paraStart[p]!, pe = t.paraEnd[p]!;
    for (let c = ps; c < pe; c += 3) {
      const ce = Math.min(pe, c + 1 + (c % 2));
      yield [Math.max(ps, c - ROLE_WINDOW), Math.min(pe, ce + ROLE_WINDOW), c, ce];
    }
  }
}

function compare(role: StructuredPerceptron): number {
  const emitter = new RoleEmitter(role.weights, role.bits, role.tagBias);
  const buf = new FeatureBuffer(), scratch = new RoleScratch();
  let checked = 0;
  for (const text of TEXTS) {
    const t = buildTokenTable(tokens.run(text));
    const otherCue = new Uint8Array(t.n);
    for (let i = 0; i < t.n; i += 7) otherCue[i] = 1;
    emitter.begin(t);
    for (const [from, to, cs, ce] of cueWindows(t)) {
      const lemma = cueLemmaId(t, { first: cs, end: ce });
      roleFeatures(t, from, to, cs, ce, lemma, otherCue, scratch, buf);
      const want = role.emissions(buf.view()).slice(0, (to - from) * ROLE_TAGS);
      const got = emitter.emissions(from, to, cs, ce, lemma, otherCue, scratch).slice(0, (to - from) * ROLE_TAGS);
      assert.deepEqual(got, want, `cue [${cs}, ${ce}) window [${from}, ${to})`);
      checked++;
    }
  }
  return checked;
}

test('role emitter: equals the reference emissions with the shipped model', { skip: noModel }, () => {
  const { model } = loadModel();
  assert.ok(sumsAreOrderFree(model.role.weights, model.role.tagBias, MAX_FEATURES_PER_POSITION), 'the shipped model allows regrouped sums');
  assert.ok(compare(model.role) > 100);
});

test('role emitter: equals the reference emissions with random dyadic weights and bias', () => {
  const role = new StructuredPerceptron(ROLE_TAGS, 12, bioForbidden(2));
  let seed = 7;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < role.weights.length; i++) role.weights[i] = random() < 0.3 ? 0 : Math.round((random() - 0.5) * 2 ** 16) / 2 ** 8;
  role.tagBias.set([0, 1.5, 1.5, -2.25, -2.25]);
  assert.ok(sumsAreOrderFree(role.weights, role.tagBias, MAX_FEATURES_PER_POSITION));
  assert.ok(compare(role) > 100);
});

test('sumsAreOrderFree: refuses weights or biases whose sums could round', () => {
  const w = new Float32Array([0.5, -3, 0, 100]);
  assert.equal(sumsAreOrderFree(w, [0, 20, 20], 96), true);
  assert.equal(sumsAreOrderFree(w, [0, 0.1], 96), false); // 0.1 is no multiple of the weights' quantum
  assert.equal(sumsAreOrderFree(new Float32Array([1e-30, 1e6]), [0], 96), false); // range too wide
  assert.equal(sumsAreOrderFree(new Float32Array([NaN]), [0], 96), false);
  assert.equal(sumsAreOrderFree(new Float32Array(4), [0, 1], 96), true);
});

test('cue emissions: equal the reference emissions with the shipped model', { skip: noModel }, () => {
  const { model } = loadModel();
  const buf = new FeatureBuffer();
  let checked = 0;
  for (const text of TEXTS) {
    const t = buildTokenTable(tokens.run(text), model.classes);
    for (let p = 0; p < t.paraStart.length; p++) {
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      cueFeatures(t, from, to, buf);
      const want = model.cue.emissions(buf.view()).slice(0, (to - from) * 3);
      const got = cueEmissions(t, from, to, model.cue.weights, model.cue.bits, model.cue.tagBias, new Float64Array(0)).slice(0, (to - from) * 3);
      assert.deepEqual(got, want);
      checked += to - from;
    }
  }
  assert.ok(checked > 100);
});
