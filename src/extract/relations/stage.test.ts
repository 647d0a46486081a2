import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants } from '../../core/invariants.js';
import { handDoc, runSemantics } from '../../test-support/hand-doc.js';

const relationsOf = (doc: ReturnType<typeof handDoc>): [string, string, string, string | null][] =>
  doc.relations.map((r) => [r.kind, r.from, r.to, r.evidence ? doc.text.slice(r.evidence.start, r.evidence.end) : null]);

test('a claim called a “lie” disputes that speaker’s claim, found by entity mention', () => {
  const text = [
    'Putin told reporters that his forces had surrounded 2,000 soldiers in the region.',
    'Lavrov said talks were possible.',
    'The Russian leader’s claim is a “lie” meant to sow panic among soldiers, Ivan Petrenko said by phone.',
  ].join('\r\n');
  const doc = runSemantics(
    handDoc(
      text,
      [
        { cue: 'told', source: 'Putin', speaker: 'e1', content: ['his forces had surrounded 2,000 soldiers in the region'] },
        { cue: ['Lavrov said', 'said'], source: 'Lavrov', speaker: 'e3', content: ['talks were possible'] },
        { cue: ['Petrenko said', 'said'], source: 'Ivan Petrenko', speaker: 'e2', content: ['The Russian leader’s claim is a “lie” meant to sow panic among soldiers'], kind: 'mixed' },
      ],
      [
        { id: 'e1', name: 'Putin', type: 'person', mentions: ['Putin', 'The Russian leader'] },
        { id: 'e2', name: 'Ivan Petrenko', type: 'person', mentions: ['Ivan Petrenko'] },
        { id: 'e3', name: 'Lavrov', type: 'person', mentions: ['Lavrov'] },
      ],
    ),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(relationsOf(doc), [['disputes', 's3', 's1', 'The Russian leader’s claim is a “lie”']]);
});

test('without entities: a capital stands for its government; “no evidence to support X’s claims” disputes X', () => {
  const text = [
    'The German government said the opposition leader was poisoned.',
    'The Russian government dismissed the claim from Berlin as groundless.',
    'The president has claimed widespread fraud.',
    'Election officials have stated there is no evidence to support the President’s claims of fraud.',
  ].join('\n\n');
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['government said', 'said'], source: 'The German government', content: ['the opposition leader was poisoned'] },
      { cue: 'dismissed', source: 'The Russian government', content: ['the claim from Berlin as groundless'] },
      { cue: 'has claimed', source: 'The president', content: ['widespread fraud'] },
      { cue: 'have stated', source: 'Election officials', content: ['there is no evidence to support the President’s claims of fraud'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(relationsOf(doc), [
    ['disputes', 's2', 's1', 'the claim from Berlin as groundless'],
    ['disputes', 's4', 's3', 'no evidence to support the President’s claims'],
  ]);
});

test('a denial that names no claim disputes the statement it shares words with; confirmations support; repeats', () => {
  const text =
    'The army said the port of Odesa was hit by missiles.\n' +
    'The navy said the fleet was at sea.\n' +
    'The governor denied that missiles hit the port.\n' +
    'The mayor confirmed the army’s account.\n' +
    'The army later reiterated that the port was hit.';
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['army said', 'said'], source: 'The army', content: ['the port of Odesa was hit by missiles'] },
      { cue: ['navy said', 'said'], source: 'The navy', content: ['the fleet was at sea'] },
      { cue: 'denied', source: 'The governor', content: ['missiles hit the port'] },
      { cue: 'confirmed', source: 'The mayor', content: ['the army’s account'] },
      { cue: 'reiterated', source: ['The army later', 'The army'], content: ['the port was hit'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(relationsOf(doc), [
    ['disputes', 's3', 's1', 'denied'],
    ['supports', 's4', 's1', 'confirmed the army’s account'],
    ['repeats', 's5', 's1', 'reiterated'],
  ]);
});

test('a mere mention of a claim, without judgement, is no relation', () => {
  const text = 'Putin said the deal was done.\nThe Kremlin’s statement came late on Friday, an aide said.';
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['Putin said', 'said'], source: 'Putin', content: ['the deal was done'] },
      { cue: ['aide said', 'said'], source: 'an aide', content: ['The Kremlin’s statement came late on Friday'] },
    ]),
  );
  assert.deepEqual(doc.relations, []);
});

test('"lies" as a verb, a forecast and a judgement word with no claim named take no side', () => {
  const text = [
    'Yahoo said future versions will search both web and desktop data.',
    'Jim Smith said the real opportunity lies with linking desktop data to the web.',
    'The parliament would reject the council version of the desktop data law, Anne Lee said.',
    'Tom Cole said people hear endless propaganda about desktop data.',
  ].join('\n\n');
  const doc = runSemantics(
    handDoc(
      text,
      [
        { cue: 'said', source: 'Yahoo', speaker: 'e1', content: ['future versions will search both web and desktop data'] },
        { cue: ['Smith said', 'said'], source: 'Jim Smith', speaker: 'e2', content: ['the real opportunity lies with linking desktop data to the web'] },
        { cue: ['Lee said', 'said'], source: 'Anne Lee', speaker: 'e3', content: ['The parliament would reject the council version of the desktop data law'] },
        { cue: ['Cole said', 'said'], source: 'Tom Cole', speaker: 'e4', content: ['people hear endless propaganda about desktop data'] },
      ],
      [
        { id: 'e1', name: 'Yahoo', type: 'organization', mentions: ['Yahoo'] },
        { id: 'e2', name: 'Jim Smith', type: 'person', mentions: ['Jim Smith'] },
        { id: 'e3', name: 'Anne Lee', type: 'person', mentions: ['Anne Lee'] },
        { id: 'e4', name: 'Tom Cole', type: 'person', mentions: ['Tom Cole'] },
      ],
    ),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(relationsOf(doc), []);
});

test('a capitalised word before the claim noun owns it: "brushed off Labour suggestions" disputes Labour, not an ally', () => {
  const text = [
    'Labour say a Liberal Democrat vote could let the Tories in.',
    'The Liberal Democrats say the race in the north is between them and Labour.',
    'Charles Kennedy denied Labour suggestions that a vote for his party was wasted.',
  ].join('\n\n');
  const doc = runSemantics(
    handDoc(
      text,
      [
        { cue: 'say', source: 'Labour', speaker: 'e1', content: ['a Liberal Democrat vote could let the Tories in'] },
        { cue: ['Democrats say', 'say'], source: 'The Liberal Democrats', speaker: 'e2', content: ['the race in the north is between them and Labour'] },
        { cue: 'denied', source: 'Charles Kennedy', speaker: 'e3', content: ['Labour suggestions that a vote for his party was wasted'] },
      ],
      [
        { id: 'e1', name: 'Labour', type: 'organization', mentions: ['Labour'] },
        { id: 'e2', name: 'Liberal Democrats', type: 'organization', mentions: ['The Liberal Democrats'] },
        { id: 'e3', name: 'Charles Kennedy', type: 'person', mentions: ['Charles Kennedy'] },
      ],
    ),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(relationsOf(doc).map((r) => r.slice(0, 3)), [['disputes', 's3', 's1']]);
});
