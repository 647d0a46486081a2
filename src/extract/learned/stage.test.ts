// The learned stage: statements in the Statement shape (ids in cue order, sorted content, confidence
// in 0..1), invariants on hostile text, the merge policy on hand-made statements, and the founding
// article's rule statements kept exactly (skips when ../shared/seed is absent); documents prepared in
// a batch (prepareBatch) get the statements each gets when run alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Pipeline } from '../../core/pipeline.js';
import { checkInvariants } from '../../core/invariants.js';
import type { Statement } from '../../core/model.js';
import { DEFAULT_MODEL_PATH } from '../../model/weights-file.js';
import { tokensStage } from '../tokens/stage.js';
import { quotesStage } from '../quotes/stage.js';
import { cuesStage } from '../cues/stage.js';
import { attributionsStage } from '../attributions/stage.js';
import { makeLearnedStage, mergeStatements } from './stage.js';
import { checkRuleStatementsKept, FOUNDING_ARTICLE_PATH, runFoundingArticle } from '../../eval/founding-article.js';

const noModel = existsSync(DEFAULT_MODEL_PATH) ? false : `model file not found at ${DEFAULT_MODEL_PATH} (run npm run train)`;
const rules = [tokensStage, quotesStage, cuesStage, attributionsStage];
const modelOnly = new Pipeline([tokensStage, makeLearnedStage('model')]);
const merged = new Pipeline([...rules, makeLearnedStage()]);

function statementOf(cue: [number, number], content: [number, number][], kind: Statement['kind'] = 'indirect', source: [number, number] | null = null): Statement {
  return {
    id: 'x',
    kind,
    source: source ? { start: source[0], end: source[1] } : null,
    speaker: null,
    cue: { start: cue[0], end: cue[1] },
    content: content.map(([start, end]) => ({ start, end })),
    channel: null,
    setting: null,
    addressee: null,
    act: 'assert',
    confidence: 0.5,
  };
}

test('learned: finds who said what with curly quotes, CRLF, emoji and no-break spaces', { skip: noModel }, () => {
  const text =
    'The mayor said on Tuesday that the bridge would reopen in May.\r\n\r\n' +
    '“We are not worried,” said\u00a0Ana Lima 🙂, a spokeswoman for the council.\r\n' +
    'According to the police, two people were hurt.';
  const doc = modelOnly.run(text);
  assert.deepEqual(checkInvariants(doc), []);
  const cues = doc.statements.map((s) => text.slice(s.cue.start, s.cue.end));
  assert.ok(cues.includes('said'), `cues: ${cues.join(', ')}`);
  assert.ok(cues.some((c) => /according to/i.test(c)), `cues: ${cues.join(', ')}`);
  const mayor = doc.statements.find((s) => s.source && text.slice(s.source.start, s.source.end) === 'The mayor')!;
  assert.ok(mayor, 'the mayor is a source');
  assert.match(text.slice(mayor.content[0]!.start, mayor.content.at(-1)!.end), /the bridge would reopen in May/);
  assert.equal(mayor.kind, 'indirect');
  const quoted = doc.statements.find((s) => s.content.some((c) => text.slice(c.start, c.end).includes('not worried')))!;
  assert.ok(quoted, 'the quotation is content');
  assert.equal(quoted.kind, 'direct');
  doc.statements.forEach((s, i) => {
    assert.equal(s.id, `s${i + 1}`);
    assert.ok(s.confidence >= 0 && s.confidence <= 1);
    assert.equal(s.speaker, null);
    assert.equal(s.act, 'assert');
  });
});

test('learned: never throws and keeps the invariants on hostile text', { skip: noModel }, () => {
  const inputs = ['', ' ', '“', '”””“““', '"'.repeat(500), 'said said said according to', 'a\u0000b\u0007 said “x', '🙂'.repeat(300), 'x'.repeat(5000) + ' said ' + '“y'.repeat(200)];
  for (const text of inputs) {
    const doc = merged.run(text);
    assert.deepEqual(checkInvariants(doc), [], JSON.stringify(text.slice(0, 40)));
    assert.ok(!doc.diagnostics.some((d) => d.stage === 'learned'), JSON.stringify(doc.diagnostics));
  }
});

test('learned: prepareBatch then run gives each document the statements run alone gives it', { skip: noModel }, () => {
  const texts = [
    'The mayor said on Tuesday that the bridge would reopen in May.\n\n“We are not worried,” said Ana Lima, a spokeswoman.',
    '',
    'According to the police, two people were hurt. Critics warned that prices would rise.',
    '“'.repeat(40) + ' said',
    'The company denied the claims, saying they were false.',
  ];
  const alone = texts.map((text) => merged.run(text).statements);
  const before = new Pipeline(rules);
  const docs = texts.map((text) => before.run(text));
  const stage = makeLearnedStage();
  stage.prepareBatch(docs);
  for (const doc of docs) stage.run(doc, {});
  assert.deepEqual(docs.map((d) => d.statements), alone);
  assert.ok(alone.some((statements) => statements.length > 1), 'the texts have statements to compare');
});

test('merge: a closed direct quote from the rules replaces the model statement at its cue', () => {
  const learned = [statementOf([10, 14], [[15, 40]]), statementOf([50, 54], [[55, 70]])];
  const fromRules = [statementOf([10, 14], [[16, 39]], 'direct')];
  const out = mergeStatements(learned, fromRules, 'arbitrated');
  assert.deepEqual(out.map((s) => [s.id, s.cue.start, s.kind]), [['s1', 10, 'direct'], ['s2', 50, 'indirect']]);
});

test('merge: rules win where the model swallowed their source or a nested statement; rule-only cues are added', () => {
  const learned = [statementOf([10, 14], [[15, 60]])];
  const fromRules = [statementOf([10, 14], [[15, 30]], 'indirect', [0, 9]), statementOf([40, 45], [[46, 60]], 'indirect', [35, 38]), statementOf([80, 85], [[86, 99]])];
  const out = mergeStatements(learned, fromRules, 'arbitrated');
  assert.deepEqual(out.map((s) => [s.cue.start, s.content[0]!.end]), [[10, 30], [40, 60], [80, 99]]);
  const cueSplit = mergeStatements([statementOf([10, 17], [[18, 60]])], [statementOf([10, 27], [[28, 60]])], 'arbitrated');
  assert.equal(cueSplit[0]!.cue.end, 27, 'the model read part of the rules\' cue ("avoided | answering") as content');
  const filled = mergeStatements([statementOf([10, 14], [[15, 30]])], [statementOf([10, 14], [[15, 25]], 'indirect', [2, 9])], 'arbitrated');
  assert.deepEqual([filled[0]!.source, filled[0]!.content[0]!.end], [{ start: 2, end: 9 }, 30], 'a missing source is taken from the rules');
  const plain = mergeStatements([statementOf([10, 14], [[15, 30]], 'indirect', [0, 9])], [statementOf([10, 14], [[15, 25]], 'indirect', [2, 9])], 'arbitrated');
  assert.equal(plain[0]!.content[0]!.end, 30, 'the model statement stays when nothing contradicts it');
});

const seed = noModel ? null : runFoundingArticle();
const noSeed = noModel || (seed ? false : `founding article not found at ${FOUNDING_ARTICLE_PATH}`);

test('founding article: every statement the rules get is kept exactly by the learned stage', { skip: noSeed }, () => checkRuleStatementsKept(seed!));
