import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants } from '../../core/invariants.js';
import { handDoc, runSemantics, type HandStatement } from '../../test-support/hand-doc.js';

function actsOf(text: string, statements: HandStatement[]): string[] {
  const doc = runSemantics(handDoc(text, statements));
  assert.deepEqual(checkInvariants(doc), []);
  return doc.statements.map((s) => s.act);
}

test('acts named by the cue: allege, deny, promise, warn, refer, other, assert', () => {
  const text = [
    'Critics have alleged that the count was rigged.',
    'The firm claimed it had paid.',
    'The ministry denied that troops crossed.',
    'Officials rejected the report.',
    'Kim vowed to “unconditionally support” the plan.',
    'The governor pledged to rebuild.',
    'Experts warned the dam could fail.',
    'He pointed to a clause of the treaty.',
    'She cited a 2019 study.',
    'The union urged members to strike.',
    'The mayor said the roads were open.',
  ].join('\n');
  assert.deepEqual(
    actsOf(text, [
      { cue: 'have alleged', source: 'Critics', content: ['the count was rigged'] },
      { cue: 'claimed', source: 'The firm', content: ['it had paid'] },
      { cue: 'denied', source: 'The ministry', content: ['troops crossed'] },
      { cue: 'rejected', source: 'Officials', content: ['the report'] },
      { cue: 'vowed', source: 'Kim', content: ['to “unconditionally support” the plan'] },
      { cue: 'pledged', source: 'The governor', content: ['to rebuild'] },
      { cue: 'warned', source: 'Experts', content: ['the dam could fail'] },
      { cue: 'pointed to', source: 'He', content: ['a clause of the treaty'] },
      { cue: 'cited', source: 'She', content: ['a 2019 study'] },
      { cue: 'urged', source: 'The union', content: ['members to strike'] },
      { cue: ['mayor said', 'said'], source: 'The mayor', content: ['the roads were open'] },
    ]),
    ['allege', 'allege', 'deny', 'deny', 'promise', 'promise', 'warn', 'refer', 'refer', 'other', 'assert'],
  );
});

test('evasions: avoided answering, didn’t say whether, declined to comment, refused to say, would neither confirm nor deny', () => {
  const text = [
    'He avoided answering whether the plant was hit.',
    'Putin didn’t say whether troops were there.',
    'A spokesman declined to comment.',
    'The coach refused to say who would start.',
    'The agency would neither confirm nor deny the sale.',
    'The minister did not immediately respond.',
  ].join('\n');
  assert.deepEqual(
    actsOf(text, [
      { cue: 'avoided answering', source: 'He', content: ['whether the plant was hit'] },
      { cue: 'didn’t say', source: 'Putin', content: ['whether troops were there'] },
      { cue: 'comment', source: 'A spokesman' },
      { cue: 'say', source: 'The coach', content: ['who would start'] },
      { cue: 'confirm nor deny', source: 'The agency', content: ['the sale'] },
      { cue: 'respond', source: 'The minister' },
    ]),
    ['evade', 'evade', 'evade', 'evade', 'evade', 'evade'],
  );
});

test('negation: “did not deny” is no denial; “never said that” is no assertion', () => {
  const text = 'The club did not deny the report.\nShe never said that prices would fall.\nHe has not pledged to stay.';
  assert.deepEqual(
    actsOf(text, [
      { cue: 'deny', source: 'The club', content: ['the report'] },
      { cue: 'said', source: 'She', content: ['prices would fall'] },
      { cue: 'pledged', source: 'He', content: ['to stay'] },
    ]),
    ['other', 'other', 'other'],
  );
});

test('denials in the content and after “called”: “the claim is a “lie””, “called the report false”', () => {
  const text = [
    'The Russian leader’s claim is a “lie” intended to cause panic, Ivan Petrenko said by phone.',
    'The ministry called the report “absolutely false.”',
    'It is not true that we left, the captain said.',
    'The report is long, the editor said.',
  ].join('\r\n');
  assert.deepEqual(
    actsOf(text, [
      { cue: ['Petrenko said', 'said'], source: 'Ivan Petrenko', content: ['The Russian leader’s claim is a “lie” intended to cause panic'], kind: 'mixed' },
      { cue: 'called', source: 'The ministry', content: ['the report “absolutely false.”'] },
      { cue: ['captain said', 'said'], source: 'the captain', content: ['It is not true that we left'] },
      { cue: ['editor said', 'said'], source: 'the editor', content: ['The report is long'] },
    ]),
    ['deny', 'deny', 'deny', 'assert'],
  );
});
