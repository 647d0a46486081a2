// The cue network: its analytic gradients (per position, and the CRF's) match finite differences,
// and training is deterministic.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CueNetwork, crfLoss, NetworkGradient, trainCueNetwork } from './cue-network.js';
import { seededRandom } from '../core/random.js';

function randomNetwork(seed: number): CueNetwork {
  const random = seededRandom(seed);
  const net = new CueNetwork(6, 5, 2);
  for (const a of [net.embed, net.hiddenBias, net.out, net.outBias, net.inputHidden, net.inputOut]) for (let i = 0; i < a.length; i++) a[i] = (random() - 0.5) * 0.8;
  return net;
}

test('the cross-entropy gradient matches central finite differences', () => {
  const net = randomNetwork(3);
  // Feature 9 appears twice: its row's gradient counts twice.
  const ids = Uint32Array.from([9, 17, 9, 40, 63]);
  const real = Float64Array.from([0.7, -1.3]);
  const grad = new NetworkGradient(net);
  for (const gold of [0, 1, 2]) {
    const loss = (): number => grad.compute(ids, 0, ids.length, gold, 1, real, 0);
    loss();
    const dHidden = Float64Array.from(grad.dHidden), dOut = Float64Array.from(grad.dOut), dOutBias = Float64Array.from(grad.dOutBias);
    const dInputHidden = Float64Array.from(grad.dInputHidden), dInputOut = Float64Array.from(grad.dInputOut);
    const h = 1e-3;
    const numeric = (array: Float32Array, i: number): number => {
      const keep = array[i]!;
      array[i] = keep + h;
      const up = loss();
      array[i] = keep - h;
      const down = loss();
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
    for (let q = 0; q < net.inputHidden.length; q++) close(numeric(net.inputHidden, q), dInputHidden[q]!, `inputHidden[${q}]`);
    for (let q = 0; q < net.inputOut.length; q++) close(numeric(net.inputOut, q), dInputOut[q]!, `inputOut[${q}]`);
  }
});

test('the CRF loss gradient matches central finite differences, with and without constraints', () => {
  const random = seededRandom(8);
  const n = 6;
  const gold = [0, 1, 2, 0, 1, 0];
  for (const allowed of [null, Uint8Array.from([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0])]) {
    const z = Float64Array.from({ length: n * 3 }, () => random() * 4 - 2);
    const transitions = Float64Array.from({ length: 12 }, () => random() - 0.5);
    const dz = new Float64Array(n * 3), dTransitions = new Float64Array(12);
    crfLoss(z, n, gold, transitions, allowed, dz, dTransitions);
    const at = (array: Float64Array, i: number): number => {
      const keep = array[i]!, h = 1e-5;
      array[i] = keep + h;
      const up = crfLoss(z, n, gold, transitions, allowed, new Float64Array(n * 3), new Float64Array(12));
      array[i] = keep - h;
      const down = crfLoss(z, n, gold, transitions, allowed, new Float64Array(n * 3), new Float64Array(12));
      array[i] = keep;
      return (up - down) / (2 * h);
    };
    for (let i = 0; i < z.length; i++) assert.ok(Math.abs(at(z, i) - dz[i]!) < 1e-6, `z[${i}]`);
    // O -> I (2) and start -> I (11) are forbidden: no gradient there.
    for (let i = 0; i < 12; i++) assert.ok(Math.abs((i === 2 || i === 11 ? 0 : at(transitions, i)) - dTransitions[i]!) < 1e-6, `transitions[${i}]`);
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
  for (const crf of [false, true]) {
    const options = { epochs: 5, rate: 0.1, seed: 5, dropout: 0.1, average: true, crf };
    const a = trainCueNetwork(data, 8, 8, options), b = trainCueNetwork(data, 8, 8, options);
    assert.deepEqual(a.embed, b.embed);
    assert.deepEqual(a.out, b.out);
    assert.deepEqual(a.transitions, b.transitions);
    let right = 0, total = 0;
    for (const d of data) {
      const s = a.sequenceScores(d.seq);
      for (let i = 0; i < d.seq.length; i++) {
        const best = s[i * 3]! >= s[i * 3 + 1]! ? (s[i * 3]! >= s[i * 3 + 2]! ? 0 : 2) : s[i * 3 + 1]! >= s[i * 3 + 2]! ? 1 : 2;
        if (best === d.gold[i]) right++;
        total++;
      }
    }
    assert.ok(right / total > 0.97, `accuracy ${right / total} (crf ${crf})`);
  }
});

test('the 8-unit forward pass (rows summed in locals) equals the plain sums', () => {
  const random = seededRandom(21);
  const net = new CueNetwork(6, 8);
  for (const a of [net.embed, net.hiddenBias, net.out, net.outBias]) for (let i = 0; i < a.length; i++) a[i] = (random() - 0.5) * 0.8;
  const ids = Uint32Array.from({ length: 59 }, () => Math.floor(random() * 2 ** 32));
  const got = new Float64Array(3);
  net.forward(ids, 0, ids.length, got, 0);
  const want = Float64Array.from(net.outBias);
  for (let j = 0; j < 8; j++) {
    let sum = 0;
    for (const id of ids) sum += net.embed[(id & net.mask) * 8 + j]!;
    const a = Math.tanh(net.hiddenBias[j]! + sum);
    for (let t = 0; t < 3; t++) want[t] += net.out[j * 3 + t]! * a;
  }
  assert.deepEqual(got, want);
});
