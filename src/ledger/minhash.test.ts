// MinHash: near-duplicate texts (a wire story with small edits) agree on most of their signature
// and share a band; unrelated texts do not; the estimate follows the true Jaccard similarity.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandKeys, minhash, shingles, similarity, BANDS, NUM_HASHES } from './minhash.js';

const STORY = `Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to
December, from $639m a year earlier. The firm, which is now one of the biggest investors in Google,
benefited from sales of high-speed internet connections and higher advert sales. TimeWarner said
fourth quarter sales rose 2% to $11.1bn from $10.9bn. Its profits were buoyed by one-off gains which
offset a profit dip at Warner Bros, and fewer users for AOL. Time Warner said on Friday that it now
owns 8% of search-engine Google. But its own internet business, AOL, had mixed fortunes. It lost
464,000 subscribers in the fourth quarter, profits were lower than in the preceding three quarters.`;

function jaccard(a: Set<number>, b: Set<number>): number {
  let both = 0;
  for (const x of a) if (b.has(x)) both++;
  return both / (a.size + b.size - both);
}

test('identical texts have identical signatures and bands, whatever the spacing and case', () => {
  const a = minhash(STORY);
  const b = minhash(STORY.toUpperCase().replace(/\n/g, '  '));
  assert.equal(a.length, NUM_HASHES);
  assert.equal(similarity(a, b), 1);
  assert.deepEqual(bandKeys(a), bandKeys(b));
  assert.equal(bandKeys(a).length, BANDS);
});

test('a lightly edited copy is a near duplicate and shares a band; an unrelated text is not', () => {
  const edited = STORY.replace('Quarterly profits', 'Profits').replace('on Friday', 'on Friday morning') + ' The shares rose 1% in New York.';
  const a = minhash(STORY);
  const b = minhash(edited);
  const truth = jaccard(shingles(STORY), shingles(edited));
  const est = similarity(a, b);
  assert.ok(est >= 0.7, `estimate ${est}`);
  assert.ok(Math.abs(est - truth) < 0.15, `estimate ${est} vs true ${truth}`);
  const keysA = new Set(bandKeys(a));
  assert.ok(bandKeys(b).some((k) => keysA.has(k)), 'shares at least one band');

  const other = minhash('The mayor said the roads would be fixed by spring, and that the council had found the money for it at last after a long wait.');
  assert.ok(similarity(a, other) < 0.2);
  assert.ok(!bandKeys(other).some((k) => keysA.has(k)));
});

test('empty and one-word texts do not crash and are not similar to everything', () => {
  const empty = minhash('');
  const word = minhash('Hello');
  assert.equal(empty.length, NUM_HASHES);
  assert.ok(similarity(word, minhash(STORY)) < 0.1);
  assert.equal(similarity(minhash('😀 “” \r\n'), empty), 1);
});
