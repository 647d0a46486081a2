import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants } from '../../core/invariants.js';
import { handDoc, runSemantics } from '../../test-support/hand-doc.js';

const notesOf = (doc: ReturnType<typeof handDoc>): [string, string, string | null, string[]][] =>
  doc.notes.map((n) => [n.kind, doc.text.slice(n.span.start, n.span.end), n.by, n.targets]);

test('verification notes cover the previous paragraph’s statements or the statement just before', () => {
  const text = [
    '(Agency) -- The army said on Telegram that the bridge was destroyed. This included the rail line, according to the army.',
    'The information couldn’t be independently verified by Agency News.',
    'The governor also told reporters that 300 people had fled. The claim couldn’t be independently verified.',
    'Neither account could be confirmed, a ministry official said the next day of the two reports.',
  ].join('\r\n');
  const doc = runSemantics(
    handDoc(
      text,
      [
        { cue: ['army said', 'said'], source: 'The army', content: ['the bridge was destroyed'], speaker: 'e1' },
        { cue: 'according to', source: ['according to the army', 'the army'], content: ['This included the rail line'], speaker: 'e1' },
        { cue: 'told', source: 'The governor', content: ['300 people had fled'] },
      ],
      [
        { id: 'e1', name: 'army', type: 'organization', mentions: ['The army'] },
        { id: 'e2', name: 'Agency News', type: 'organization', mentions: ['Agency News'] },
      ],
    ),
  );
  assert.deepEqual(checkInvariants(doc), []);
  const notes = notesOf(doc);
  assert.deepEqual(notes[0], ['unverified', 'The information couldn’t be independently verified by Agency News', 'e2', ['s1', 's2']]);
  assert.deepEqual(notes[1], ['unverified', 'The claim couldn’t be independently verified', null, ['s3']]);
});

test('“without evidence” inside a statement’s sentence qualifies that statement; inside content it is the speaker’s', () => {
  const text =
    'The president said, without evidence, that the vote was stolen 😀.\n\n' +
    'Officials said there was no evidence to support the claims and that they could not be verified.\n\n' +
    'The senator did not provide evidence for the figure.';
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['president said', 'said'], source: 'The president', content: ['the vote was stolen 😀'] },
      { cue: ['Officials said', 'said'], source: 'Officials', content: ['there was no evidence to support the claims and that they could not be verified'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(notesOf(doc), [
    ['unverified', 'without evidence', null, ['s1']],
    ['unverified', 'The senator did not provide evidence for the figure', null, ['s2']],
  ]);
});

test('update and correction notices, with the paragraph they point to', () => {
  const text = [
    'The mayor said the park would close.',
    'A neighbour said by phone that it was a mistake.',
    '(Updates with neighbour’s comment in second paragraph)',
    'An earlier version of this story misstated the park’s name.',
  ].join('\n');
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['mayor said', 'said'], source: 'The mayor', content: ['the park would close'] },
      { cue: ['neighbour said', 'said'], source: 'A neighbour', content: ['it was a mistake'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(notesOf(doc), [
    ['update', 'Updates with neighbour’s comment in second paragraph', null, ['s2']],
    ['correction', 'An earlier version of this story misstated the park’s name', null, []],
  ]);
  assert.deepEqual(doc.meta.updates.map((u) => text.slice(u.start, u.end)), ['Updates with neighbour’s comment in second paragraph']);
});

test('non-response notes are kept as “other”; nothing is found in plain text or hostile text', () => {
  const text = 'The company did not respond to a request for comment.';
  assert.deepEqual(notesOf(runSemantics(handDoc(text, []))), [['other', text.slice(0, -1), null, []]]);
  for (const hostile of ['', '“”', '(Updates', 'could not be', '\u0000could not be verified\u0000']) {
    const doc = runSemantics(handDoc(hostile, []));
    assert.deepEqual(checkInvariants(doc), [], JSON.stringify(hostile));
  }
});

test('active and impersonal verification notes; a speaker confirming or not confirming is no note', () => {
  const text = [
    'The rebels said they had shot down a jet.',
    'Reuters could not independently verify the report.',
    'Officials said 40 people died. It was not possible to verify the figures.',
    'The army said it took the town. The Associated Press was unable to confirm the claims.',
    'The mayor has confirmed the plan, and the club has not confirmed any timing.',
  ].join('\n');
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['rebels said', 'said'], source: 'The rebels', content: ['they had shot down a jet'] },
      { cue: ['Officials said', 'said'], source: 'Officials', content: ['40 people died'] },
      { cue: ['army said', 'said'], source: 'The army', content: ['it took the town'] },
      { cue: 'has confirmed', source: 'The mayor', content: ['the plan'] },
      { cue: 'has not confirmed', source: 'the club', content: ['any timing'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  assert.deepEqual(notesOf(doc), [
    ['unverified', 'Reuters could not independently verify the report', null, ['s1']],
    ['unverified', 'It was not possible to verify the figures', null, ['s2']],
    ['unverified', 'The Associated Press was unable to confirm the claims', null, ['s3']],
  ]);
});
