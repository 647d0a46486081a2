import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Pipeline } from '../../core/pipeline.js';
import { checkInvariants } from '../../core/invariants.js';
import type { Doc } from '../../core/doc.js';
import { tokensStage } from '../tokens/stage.js';
import { quotesStage } from '../quotes/stage.js';
import { cuesStage } from '../cues/stage.js';
import { attributionsStage } from './stage.js';

const pipeline = new Pipeline([tokensStage, quotesStage, cuesStage, attributionsStage]);

function run(text: string): Doc {
  return pipeline.run(text, undefined, { afterStage: (stage, d) => assert.deepEqual(checkInvariants(d), [], stage.name) });
}

interface Seen {
  kind: string;
  source: string | null;
  cue: string;
  content: string[];
}
function statements(text: string): Seen[] {
  const doc = run(text);
  return doc.statements.map((s) => ({
    kind: s.kind,
    source: s.source ? text.slice(s.source.start, s.source.end) : null,
    cue: text.slice(s.cue.start, s.cue.end),
    content: s.content.map((c) => text.slice(c.start, c.end)),
  }));
}

test('X said that …: indirect, "that" kept, final period left out', () => {
  assert.deepEqual(statements('The mayor said that the bridge would reopen in May.'), [
    { kind: 'indirect', source: 'The mayor', cue: 'said', content: ['that the bridge would reopen in May'] },
  ]);
});

test('X said on Friday …: the day dates the saying, it is neither cue nor content ("on" is no governed preposition)', () => {
  const seen = statements('President Donald Trump said on Friday he can and may declare a national emergency.');
  // "can and may declare": the coordinated modal shares the verb, so the content runs on.
  assert.deepEqual(seen[0], { kind: 'indirect', source: 'President Donald Trump', cue: 'said', content: ['he can and may declare a national emergency'] });
  assert.deepEqual(statements('The minister said on Wednesday night the deal was done.')[0]?.content, ['the deal was done']);
  // A governed "on" still opens the content's object ("agreed on the plan").
  assert.deepEqual(statements('The senators agreed on the plan.')[0]?.cue, 'agreed on');
});

test('X told reporters that …: the hearer is the addressee, not content', () => {
  const doc = run('Smith told reporters that the talks had failed.');
  const s = doc.statements[0]!;
  assert.equal(doc.slice(s.cue), 'told');
  assert.equal(doc.slice(s.addressee!), 'reporters');
  assert.equal(doc.slice(s.content[0]!), 'that the talks had failed');
});

test('postposed source, with an appositive and a channel: "…, X, the spokesman, said by phone."', () => {
  assert.deepEqual(statements('The claim is false, John Smith, a spokesman for the ministry, said by phone.'), [
    { kind: 'indirect', source: 'John Smith, a spokesman for the ministry', cue: 'said', content: ['The claim is false'] },
  ]);
});

test('inverted cue: “…,” said X.', () => {
  assert.deepEqual(statements('“We will not stop,” said Maria Lopez.'), [{ kind: 'direct', source: 'Maria Lopez', cue: 'said', content: ['“We will not stop,”'] }]);
});

test('according to X, before and after the content', () => {
  assert.deepEqual(statements('According to the police, two people were hurt.'), [
    { kind: 'indirect', source: 'the police', cue: 'According to', content: ['two people were hurt'] },
  ]);
  assert.deepEqual(statements('Two people were hurt, according to the police.'), [
    { kind: 'indirect', source: 'the police', cue: 'according to', content: ['Two people were hurt'] },
  ]);
});

test('split quote around the cue is one statement with two content spans', () => {
  const text = '“We have never doubted it,” Putin said. “But what we do is our business.”';
  assert.deepEqual(statements(text), [
    { kind: 'direct', source: 'Putin', cue: 'said', content: ['“We have never doubted it,”', '“But what we do is our business.”'] },
  ]);
  const sameSentence = '“Judge,” he said, “I have never had that happen.”';
  assert.deepEqual(statements(sameSentence)[0]!.content, ['“Judge,”', '“I have never had that happen.”']);
});

test('a quote over several sentences and paragraphs (unclosed paragraph continues)', () => {
  const text = 'The senator said: “This is the first sentence. This is the second.\n“And this paragraph continues the quote.”\nOther news.';
  const [s] = statements(text);
  assert.equal(s!.kind, 'direct');
  assert.deepEqual(s!.content, ['“This is the first sentence. This is the second.', '“And this paragraph continues the quote.”']);
});

test('mixed quote: a clause with quoted words', () => {
  assert.deepEqual(statements('Kovaliov said the claim is a “lie” meant to spread panic.'), [
    { kind: 'mixed', source: 'Kovaliov', cue: 'said', content: ['the claim is a “lie” meant to spread panic'] },
  ]);
});

test('two attributions in a sentence: the first content stops where the second begins', () => {
  const got = statements('Austin said it created a serious risk, though he also said analysts were still studying it.');
  assert.deepEqual(got, [
    { kind: 'indirect', source: 'Austin', cue: 'said', content: ['it created a serious risk'] },
    { kind: 'indirect', source: 'he', cue: 'also said', content: ['analysts were still studying it'] },
  ]);
});

test('statements are numbered in cue order and carry kind, act and confidence', () => {
  const doc = run('“Yes,” Ann said. Bob said that it was no. According to Carl, maybe.');
  assert.deepEqual(
    doc.statements.map((s) => s.id),
    ['s1', 's2', 's3'],
  );
  for (const s of doc.statements) {
    assert.equal(s.act, 'assert');
    assert.equal(s.speaker, null);
    assert.ok(s.confidence > 0 && s.confidence <= 1);
  }
});

test('offsets hold with curly quotes, CRLF, emoji and no-break spaces', () => {
  const text = 'Intro line 😀.\r\n“Prices\u00a0rose 😀 again,”\u00a0the minister said.\r\nShe didn’t say whether they would fall.';
  const got = statements(text);
  assert.deepEqual(got, [
    { kind: 'direct', source: 'the minister', cue: 'said', content: ['“Prices\u00a0rose 😀 again,”'] },
    { kind: 'indirect', source: 'She', cue: 'didn’t say', content: ['whether they would fall'] },
  ]);
});

test('unbalanced quotes and quote marks alone never break the invariants', () => {
  for (const text of ['"', '“He said', 'He said “', '”,” he said.', '"""" said """"', '“a” “b” said “c', 'said', ', said ,', 'According to', 'according to ,']) run(text);
});

test('property: any string gives statements that satisfy the invariants', () => {
  const pieces = fc.constantFrom('“', '”', '"', '‘', '’', "'", ' said ', ' according to ', ', ', '. ', '\n', '\r\n', 'Putin', ' he ', ' that ', '😀', '\u00a0', ':', ' told reporters ', 'the spokesman');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => {
      const doc = pipeline.run(parts.join(''));
      assert.deepEqual(checkInvariants(doc), []);
      for (const s of doc.statements) {
        for (const c of s.content) assert.ok(c.end > c.start);
        for (let i = 1; i < s.content.length; i++) assert.ok(s.content[i - 1]!.end <= s.content[i]!.start);
      }
    }),
    { numRuns: 300 },
  );
});
