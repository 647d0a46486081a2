// The cue network's word vectors: the per-word parts prediction adds (vector-projection.ts) give the
// scores of the network that read the vectors as real inputs while training, through cueEmissions;
// the word table finds every word and falls back to the lemma; the int16 encoding keeps each part
// within half a step of its column's scale; and the model file carries the parts (a file cut short
// inside them is refused).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { HearsayError } from '../core/errors.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { buildTokenTable, cueEmissions, cueFeatures } from './features.js';
import { FeatureBuffer } from './perceptron.js';
import { CueNetwork } from './cue-network.js';
import { seededRandom } from '../core/random.js';
import { hashString } from './hashing.js';
import { projectWordVectors, VECTOR_DIMENSIONS, WordVectors } from './word-vectors.js';
import { decodeParts, encodeParts, WordVectorProjection } from './vector-projection.js';
import { AttributionModel, newCueTagger, newRoleTagger } from './attribution-model.js';
import { loadModel, saveModel } from './weights-file.js';

const tokens = new Pipeline([tokensStage]);
const TEXT = 'The minister said on Tuesday that \u201cthe plan will work\u201d, but critics disagreed.\r\n\r\nShe added: "We are ready." \u{1F600} Officials\u00a0declined to comment, according to Reuters.';
const WORDS = ['the', 'minister', 'said', 'say', 'on', 'tuesday', 'that', 'plan', 'will', 'work', 'critics', 'disagreed', 'she', 'add', 'we', 'are', 'ready', 'officials', 'decline', 'to', 'comment', 'according', 'reuters', ','];

function toyVectors(seed: number): WordVectors {
  const random = seededRandom(seed);
  return new WordVectors(WORDS, () => Array.from({ length: VECTOR_DIMENSIONS }, () => (random() * 2 - 1) * 3));
}

/** A network with 3 x 100 real inputs (window 1) and random weights. */
function toyNetwork(seed: number): CueNetwork {
  const random = seededRandom(seed);
  const net = new CueNetwork(12, 8, 3 * VECTOR_DIMENSIONS);
  for (const w of [net.embed, net.hiddenBias, net.out, net.outBias, net.inputHidden, net.inputOut]) for (let i = 0; i < w.length; i++) w[i] = (random() * 2 - 1) * 0.2;
  for (let i = 0; i < net.transitions.length; i++) net.transitions[i] = random() - 0.5;
  net.weight = 40;
  return net;
}

test('the word table finds each word, falls back to the lemma, and misses unknown words', () => {
  const vectors = toyVectors(1);
  const net = toyNetwork(2);
  const p = projectWordVectors(net, vectors, 1);
  for (const w of WORDS) assert.equal(p.find(hashString(w)), vectors.row(hashString(w), 0));
  assert.equal(p.rowOf(hashString('added'), hashString('add')), p.find(hashString('add')));
  assert.equal(p.rowOf(hashString('zyzzyva'), hashString('zyzzyva')), -1);
  // Many words, some sharing table slots, more than the small table of frequent words holds: each
  // found at its own row.
  const many = Uint32Array.from({ length: 20000 }, (_, i) => hashString(`w${i}`));
  const big = new WordVectorProjection(0, 8, many, { scales: new Float32Array(11), codes: new Int16Array(20000 * 11) });
  for (let i = 0; i < many.length; i++) assert.equal(big.find(many[i]!), i);
  // fillRows gives every token of a text the row rowOf gives it.
  const t = buildTokenTable(tokens.run(`${TEXT} Officials were adding that w19999 and w3 said so.`));
  for (const table of [p, big]) {
    const rows = new Int32Array(t.n);
    table.fillRows(t.lower, t.lemma, 0, t.n, rows);
    for (let i = 0; i < t.n; i++) assert.equal(rows[i], table.rowOf(t.lower[i]!, t.lemma[i]!), `token ${i}`);
  }
  assert.ok(p.rowOf(hashString('officials'), hashString('official')) >= 0);
});

test('the int16 encoding keeps every part within half a step of its column scale', () => {
  const random = seededRandom(5);
  const width = 33;
  const values = Float32Array.from({ length: width * 200 }, (_, i) => (i % width === 4 ? 0 : (random() * 2 - 1) * (1 + (i % width))));
  const encoded = encodeParts(values, width);
  const back = decodeParts(encoded);
  for (let i = 0; i < values.length; i++) assert.ok(Math.abs(back[i]! - values[i]!) <= encoded.scales[i % width]! * 0.5 + Math.abs(values[i]!) * 1e-6, `value ${i}`);
  assert.equal(back[4], 0);
  // A projection decodes one part as decodeParts does.
  const p = new WordVectorProjection(1, 8, Uint32Array.from({ length: 200 }, (_, i) => hashString(`w${i}`)), encoded);
  for (let r = 0; r < 200; r += 17) for (let c = 0; c < width; c++) assert.equal(p.part(r, c), back[r * width + c]);
});

test('cue emissions with word-vector parts equal the network reading the vectors as inputs', () => {
  const vectors = toyVectors(7);
  const net = toyNetwork(8);
  const shipped = net.withoutInputs(projectWordVectors(net, vectors, 1));
  assert.ok(shipped.sumsInline && shipped.projection);
  const bits = 10;
  const weights = new Float32Array((1 << bits) * 3);
  const bias = new Float64Array(3);
  const t = buildTokenTable(tokens.run(TEXT));
  const buf = new FeatureBuffer();
  let checked = 0;
  for (let p = 0; p < t.paraStart.length; p++) {
    const from = t.paraStart[p]!, to = t.paraEnd[p]!, n = to - from;
    const got = cueEmissions(t, from, to, weights, bits, bias, new Float64Array(0), false, shipped);
    cueFeatures(t, from, to, buf);
    const want = net.sequenceScores(buf.view(), vectors.inputs(t.lower.subarray(from, to), t.lemma.subarray(from, to), n, 1));
    for (let i = 0; i < n * 3; i++) {
      // The parts are int16-encoded: equal up to the encoding's rounding, times the weight 40.
      assert.ok(Math.abs(got[i]! - net.weight * want[i]!) < 0.05, `paragraph ${p}, entry ${i}: ${got[i]} against ${net.weight * want[i]!}`);
      checked++;
    }
  }
  assert.ok(checked > 60);
});

test('the model file carries the word-vector parts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-vectors-'));
  try {
    const model = new AttributionModel(newCueTagger(8), newRoleTagger(8), null);
    const net = toyNetwork(9);
    const shipped = net.withoutInputs(projectWordVectors(net, toyVectors(10), 1));
    model.setCueNetwork(shipped);
    const path = join(dir, 'model.bin.gz');
    saveModel(model, path, {});
    const { model: loaded, header } = loadModel(path);
    assert.deepEqual(header.wordVectors, { window: 1, words: WORDS.length });
    const p = loaded.cueNetwork!.projection!;
    assert.deepEqual(p.words, shipped.projection!.words);
    assert.deepEqual(p.parts, shipped.projection!.parts);
    assert.equal(p.part(3, 5), shipped.projection!.part(3, 5));
    // A file cut inside the word-vector section is refused with the MODEL error, not half loaded.
    const body = gunzipSync(readFileSync(path));
    const cut = join(dir, 'cut.bin.gz');
    writeFileSync(cut, gzipSync(body.subarray(0, body.length - 101)));
    assert.throws(() => loadModel(cut), (error: unknown) => error instanceof HearsayError && error.code === 'MODEL' && /word vectors/.test(error.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
