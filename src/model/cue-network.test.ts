// The cue network: its analytic gradient matches finite differences, and training is deterministic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CueNetwork, NetworkGradient, trainCueNetwork } from './cue-network.js';
import { seededRandom } from '../core/random.js';

function randomNetwork(seed: number): CueNetwork {
  const random = seededRandom(seed);
  const net = new CueNetwork(6, 5);
  for (const a of [net.embed, net.hiddenBias, net.out, net.outBias]) for (let i = 0; i < a.length; i++) a[i] = (random() - 0.5) * 0.8;
  return net;
}

test('the cross-entropy gradient matches central finite differences', () => {
  const net = randomNetwork(3);
  // Feature 9 appears twice: its row's gradient counts twice.
  const ids = Uint32Array.from([9, 17, 9, 40, 63]);
  const grad = new NetworkGradient(net);
  for (const gold of [0, 1, 2]) {
    grad.compute(ids, 0, ids.length, gold);
    const dHidden = Float64Array.from(grad.dHidden), dOut = Float64Array.from(grad.dOut), dOutBias = Float64Array.from(grad.dOutBias);
    const h = 1e-3;
    const numeric = (array: Float32Array, i: number): number => {
      const keep = array[i]!;
      array[i] = keep + h;
      const up = grad.compute(ids, 0, ids.length, gold);
      array[i] = keep - h;
      const down = grad.compute(ids, 0, ids.length, gold);
      array[i] = keep;
      return (up - down) / (2 * h);
    };
    const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 2e-3 * Math.max(1, Math.abs(b)), `${what}: ${a} against ${b}`);
    for (let j = 0; j < net.hidden; j++) {
      close(numeric(net.embed, 9 * net.hidden + j), 2 * dHidden[j]!, `embed[9][${j}]`);
      close(numeric(net.embed, 17 * net.hidden + j), dHidden[j]!, `embed[17][${j}]`);
      close(numeric(net.hiddenBias, j), dHidden[j]!, `hiddenBias[${j}]`);
    }
    for (let q = 0; q < net.out.length; q++) close(numeric(net.out, q), dOut[q]!, `out[${q}]`);
    for (let t = 0; t < 3; t++) close(numeric(net.outBias, t), dOutBias[t]!, `outBias[${t}]`);
  }
});

test('training is deterministic and learns a separable toy task', () => {
  const random = seededRandom(11);
  // Position tag 1 when features 3 and 5 occur together (a conjunction), tag 2 after a tag 1, else 0.
  const data = Array.from({ length: 200 }, () => {
    const n = 6;
    const ids: number[] = [], starts = [0], gold = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const a = random() < 0.5, b = random() < 0.5;
      ids.push(a ? 3 : 4, b ? 5 : 6, 7 + Math.floor(random() * 20));
      gold[i] = a && b ? 1 : i > 0 && gold[i - 1] === 1 ? 2 : 0;
      if (i > 0 && gold[i - 1] === 1) ids.push(50);
      starts.push(ids.length);
    }
    return { seq: { length: n, ids: Uint32Array.from(ids), starts: Uint32Array.from(starts) }, gold };
  });
  const options = { epochs: 5, rate: 0.1, seed: 5 };
  const a = trainCueNetwork(data, 8, 8, options), b = trainCueNetwork(data, 8, 8, options);
  assert.deepEqual(a.embed, b.embed);
  assert.deepEqual(a.out, b.out);
  let right = 0, total = 0;
  for (const d of data) {
    const s = a.sequenceScores(d.seq);
    for (let i = 0; i < d.seq.length; i++) {
      const best = s[i * 3]! >= s[i * 3 + 1]! ? (s[i * 3]! >= s[i * 3 + 2]! ? 0 : 2) : s[i * 3 + 1]! >= s[i * 3 + 2]! ? 1 : 2;
      if (best === d.gold[i]) right++;
      total++;
    }
  }
  assert.ok(right / total > 0.97, `accuracy ${right / total}`);
});
