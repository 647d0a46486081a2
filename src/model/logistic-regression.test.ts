import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLogistic } from './logistic-regression.js';

test('logistic regression: learns which reading predicts the class, ignores rare readings, is deterministic', () => {
  const data = [];
  for (let i = 0; i < 40; i++) data.push({ readings: { good: 1, noise: i % 2 }, right: true }, { readings: { bad: 1, noise: i % 2 }, right: false });
  data.push({ readings: { rare: 1 }, right: true });
  const w = fitLogistic(data, { minCount: 2 });
  assert.deepEqual([...w.keys()], ['bias', 'bad', 'good', 'noise']);
  assert.ok(w.get('good')! > 1 && w.get('bad')! < -1);
  assert.ok(Math.abs(w.get('noise')!) < 0.5, 'a reading equally common in both classes weighs little');
  assert.deepEqual(fitLogistic(data, { minCount: 2 }), w);
});
