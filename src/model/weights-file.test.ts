// The weights file: a model with a cue network survives a save / load round trip (the network's
// parameters bit for bit, the same predictions), and a file without the network section (the
// shipped v3 file) loads without a network; a file with a damaged gzip trailer is refused (MODEL).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttributionModel, newCueTagger, newRoleTagger } from './attribution-model.js';
import { CueCandidates } from './cue-candidates.js';
import { CueNetwork } from './cue-network.js';
import { DEFAULT_MODEL_PATH, loadModel, saveModel } from './weights-file.js';
import { tokenise } from './corpus.js';
import { seededRandom } from '../core/random.js';
import { HearsayError } from '../core/errors.js';

test('a model with a cue network survives a save / load round trip', () => {
  const random = seededRandom(4);
  const value = (): number => Math.round((random() - 0.5) * 64) / 8;
  const cue = newCueTagger(8), role = newRoleTagger(8);
  for (const p of [cue, role]) {
    for (let i = 0; i < p.weights.length; i++) p.weights[i] = value();
    for (let i = 0; i < p.transitions.length; i++) p.transitions[i] = value();
  }
  const net = new CueNetwork(7, 4);
  // Some rows left all zero, as unseen features are: the file stores only the others.
  for (let r = 0; r < 128; r++) if (r % 3) for (let j = 0; j < 4; j++) net.embed[r * 4 + j] = value();
  for (const a of [net.hiddenBias, net.out, net.outBias, net.transitions]) for (let i = 0; i < a.length; i++) a[i] = value();
  net.weight = 2.5;
  const model = new AttributionModel(cue, role, null, new CueCandidates(new Uint32Array(0)));
  model.setCueNetwork(net);
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-weights-'));
  try {
    const path = join(dir, 'model.bin.gz');
    saveModel(model, path, { test: true });
    const { model: loaded, header } = loadModel(path);
    assert.deepEqual(header.cueNetwork, { bits: 7, hidden: 4, weight: 2.5 });
    const got = loaded.cueNetwork!;
    assert.deepEqual(got.embed, net.embed);
    assert.deepEqual([got.hiddenBias, got.out, got.outBias, got.transitions], [net.hiddenBias, net.out, net.outBias, net.transitions]);
    assert.equal(got.weight, 2.5);
    const doc = tokenise('The minister said on Tuesday that the plan would work.\n\n"We are ready," she told reporters, critics disagreed.');
    assert.deepEqual(loaded.predict(doc), model.predict(doc));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file without the network section loads without a network', { skip: existsSync(DEFAULT_MODEL_PATH) ? false : 'no model file' }, () => {
  const { model, header } = loadModel();
  if (header.cueNetwork) return; // a retrained file with a network: the round trip above covers it
  assert.equal(model.cueNetwork, null);
});

test('a file whose gzip trailer is damaged is refused with the MODEL error', { skip: existsSync(DEFAULT_MODEL_PATH) ? false : 'no model file' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-weights-'));
  try {
    const gz = readFileSync(DEFAULT_MODEL_PATH);
    // ISIZE (the last four bytes) claiming 4 GiB: loading sizes its buffer from it, within a cap.
    gz.writeUInt32LE(0xffffffff, gz.length - 4);
    const path = join(dir, 'damaged.bin.gz');
    writeFileSync(path, gz);
    assert.throws(() => loadModel(path), (error: unknown) => error instanceof HearsayError && error.code === 'MODEL');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
