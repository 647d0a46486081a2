// The founding article's speakers (issue "Statement semantics", items 1-2): the 16 statements
// resolve to the right entities, with the mentions and descriptors the issue names. The article is
// copyrighted: it is read from ../shared/seed at run time and never copied into the repository.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { checkInvariants } from '../../core/invariants.js';
import { analyse } from '../pipeline.js';

const SEED = '../shared/seed/000_3d270775c8275654.txt';
const skip = existsSync(SEED) ? false : `the founding article is not here (${SEED})`;

/** [text around the cue, the cue, expected speaker name, expected type] in article order. */
const EXPECTED: [string, string, string, string][] = [
  ['Putin said military relations', 'said', 'Vladimir Putin', 'person'],
  ['he avoided answering', 'avoided answering', 'Vladimir Putin', 'person'],
  ['Putin didn’t say', 'say', 'Vladimir Putin', 'person'],
  ['he pointed to', 'pointed', 'Vladimir Putin', 'person'],
  ['he said Russia had', 'said', 'Vladimir Putin', 'person'],
  ['seriously,” Putin said', 'said', 'Vladimir Putin', 'person'],
  ['in June states', 'states', 'The defense accord', 'document'],
  ['Kim vowed', 'vowed', 'Kim Jong Un', 'person'],
  ['friends,” Putin said', 'said', 'Vladimir Putin', 'person'],
  ['have alleged', 'alleged', 'The US and South Korea', 'group'],
  ['Lloyd Austin said', 'said', 'Lloyd Austin', 'person'],
  ['he also said', 'said', 'Lloyd Austin', 'person'],
  ['intelligence said on Telegram', 'said', 'Ukraine’s military intelligence', 'organization'],
  ['according to the intelligence service', 'according', 'Ukraine’s military intelligence', 'organization'],
  ['Putin also told', 'told', 'Vladimir Putin', 'person'],
  ['Kyiv, said by phone', 'said', 'Andrii Kovaliov', 'person'],
];

test('founding article: the 16 statements have the right speakers', { skip }, () => {
  const text = readFileSync(SEED, 'utf8');
  const doc = analyse(text);
  assert.deepEqual(checkInvariants(doc), []);
  const got: string[] = [];
  const want: string[] = [];
  for (const [around, cue, name, type] of EXPECTED) {
    const at = text.indexOf(around);
    assert.ok(at >= 0, around);
    const cueAt = at + around.indexOf(cue);
    const statement = doc.statements.find((s) => s.cue.start <= cueAt && cueAt < s.cue.end);
    const entity = statement?.speaker ? doc.entities.find((e) => e.id === statement.speaker) : undefined;
    got.push(`${around} → ${entity ? `${entity.name} (${entity.type})` : statement ? 'no speaker' : 'no statement'}`);
    want.push(`${around} → ${name} (${type})`);
  }
  assert.deepEqual(got, want);
});

test('founding article: mentions and descriptors of the speakers', { skip }, () => {
  const text = readFileSync(SEED, 'utf8');
  const doc = analyse(text);
  const byName = (name: string) => {
    const e = doc.entities.find((x) => x.name === name);
    assert.ok(e, `no entity ${name}`);
    return { ...e, mentionTexts: e.mentions.map((m) => text.slice(m.start, m.end)), descriptorTexts: e.descriptors.map((d) => text.slice(d.start, d.end)) };
  };
  const putin = byName('Vladimir Putin');
  for (const m of ['Vladimir Putin', 'Putin', 'he', 'The Russian leader']) assert.ok(putin.mentionTexts.includes(m), `Putin: ${m} in ${putin.mentionTexts.join(' | ')}`);
  assert.deepEqual(putin.descriptorTexts, ['President']);
  assert.ok(byName('Kim Jong Un').mentionTexts.includes('Kim'));
  assert.deepEqual(byName('Kim Jong Un').descriptorTexts, ['North Korean leader']);
  const austin = byName('Lloyd Austin');
  assert.deepEqual(austin.descriptorTexts, ['US Defense Secretary']);
  assert.ok(austin.mentionTexts.includes('he'));
  assert.ok(byName('Ukraine’s military intelligence').mentionTexts.includes('the intelligence service'));
  assert.deepEqual(byName('Andrii Kovaliov').descriptorTexts, ['military spokesman for the General Staff in Kyiv']);
  assert.equal(byName('The US and South Korea').type, 'group');
  assert.equal(byName('Bloomberg News').type, 'organization');
  // ids in order of first mention
  doc.entities.forEach((e, i) => assert.equal(e.id, `e${i + 1}`));
});
