// The pipeline's batch run: stage by stage over every Doc, the same Docs as one at a time, a
// failing batch step losing nothing; and the default pipeline's batch output equal to single runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pipeline, type Stage } from './pipeline.js';
import { extract, extractBatch } from '../extract/pipeline.js';

function recordingStages(calls: string[], failBatch = false): Stage[] {
  const upper: Stage = {
    name: 'upper',
    requires: ['text'],
    provides: ['tokens'],
    run(doc) {
      calls.push(`upper ${doc.id}`);
      doc.diagnose('upper', doc.text.toUpperCase());
    },
  };
  const length: Stage = {
    name: 'length',
    requires: ['tokens'],
    provides: ['sentences'],
    prepareBatch(docs) {
      calls.push(`prepare ${docs.map((d) => d.id).join(',')}`);
      if (failBatch) throw new Error('batch step broke');
    },
    run(doc) {
      calls.push(`length ${doc.id}`);
      doc.diagnose('length', String(doc.text.length));
    },
  };
  return [upper, length];
}

test('runBatch runs each stage over every Doc before the next stage, and makes the Docs run() makes', () => {
  const calls: string[] = [];
  const pipeline = new Pipeline(recordingStages(calls));
  const docs = pipeline.runBatch([{ text: 'a', id: '1' }, { text: 'bb', id: '2' }, { text: 'ccc', id: '3' }]);
  assert.deepEqual(calls, ['upper 1', 'upper 2', 'upper 3', 'prepare 1,2,3', 'length 1', 'length 2', 'length 3']);
  const single = ['a', 'bb', 'ccc'].map((t, i) => new Pipeline(recordingStages([])).run(t, String(i + 1)));
  assert.deepEqual(
    docs.map((d) => [d.id, d.diagnostics, [...d.layers]]),
    single.map((d) => [d.id, d.diagnostics, [...d.layers]]),
  );
});

test('a batch step that throws loses nothing: every Doc still gets its stage run', () => {
  const calls: string[] = [];
  const docs = new Pipeline(recordingStages(calls, true)).runBatch([{ text: 'a', id: '1' }, { text: 'bb', id: '2' }]);
  assert.deepEqual(calls.slice(-2), ['length 1', 'length 2']);
  assert.deepEqual(docs.map((d) => d.diagnostics.map((x) => x.message)), [['A', '1'], ['BB', '2']]);
});

test('the default pipeline extracts a batch exactly as it extracts each article alone', () => {
  const root = join(import.meta.dirname, '..', '..');
  const lines = readFileSync(join(root, 'examples', 'wikinews.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const inputs = lines.map((l) => {
    const r = JSON.parse(l) as { id: string; text: string };
    return { id: r.id, text: r.text };
  });
  const wikinews = join(root, 'test', 'fixtures', 'wikinews');
  for (const name of readdirSync(wikinews).filter((n) => n.endsWith('.txt'))) inputs.push({ id: name, text: readFileSync(join(wikinews, name), 'utf8') });
  inputs.push({ id: 'crlf', text: readFileSync(join(root, 'test', 'fixtures', 'article-crlf.txt'), 'utf8') });
  inputs.push({ id: 'odd', text: '“Quoted,” she said.\r\n\u00a0Emoji 🙂 told reporters nothing.' }, { id: 'empty', text: '' });
  const batch = extractBatch(inputs, { diagnostics: true });
  assert.equal(batch.length, inputs.length);
  inputs.forEach((input, i) => assert.deepEqual(batch[i], extract(input.text, input.id, { diagnostics: true }), `article ${input.id}`));
});
