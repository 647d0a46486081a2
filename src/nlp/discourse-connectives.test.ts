import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../extract/pipeline.js';
import { Pipeline } from '../core/pipeline.js';
import { tokensStage } from '../extract/tokens/stage.js';
import { cuesStage } from '../extract/cues/stage.js';
import { isSayConnective } from './discourse-connectives.js';

const tokenize = new Pipeline([tokensStage, cuesStage]);

/** The say/speak tokens of a text that are connectives, as their text with the one before. */
function connectives(text: string): string[] {
  const doc = tokenize.run(text);
  const out: string[] = [];
  doc.tokens.forEach((t, i) => {
    if (isSayConnective(doc.tokens, i)) out.push(`${doc.tokens[i - 1]?.text ?? ''} ${t.text}`);
  });
  return out;
}

/** The cues of every statement the whole default pipeline finds. */
function statementCues(text: string): string[] {
  const doc = analyse(text);
  return doc.statements.map((s) => text.slice(s.cue.start, s.cue.end));
}

test('the fixed expressions are connectives', () => {
  assert.deepEqual(connectives('That said, Cruz cannot win.'), ['That said']);
  assert.deepEqual(connectives('That being said, he stays.'), ['being said']);
  assert.deepEqual(connectives('That having been said, he stays.'), ['been said']);
  assert.deepEqual(connectives('But with all that said — he stays.'), ['that said']);
  assert.deepEqual(connectives('(That said, she also noted it.)'), ['That said']);
  assert.deepEqual(connectives('Having said that, Trump leads.'), ['Having said']);
  assert.deepEqual(connectives('Having said all this, Trump leads.'), ['Having said']);
  assert.deepEqual(connectives('Needless to say, it failed.'), ['to say']);
  assert.deepEqual(connectives('Suffice it to say, it failed.'), ['to say']);
  assert.deepEqual(connectives('It was, so to speak, a rout.'), ['to speak']);
  assert.deepEqual(connectives('It is cheap, that is to say free.'), ['to say']);
});

test('reports that look alike are not connectives', () => {
  // A relative "that": the message said something (PolNeAR marks these as cues).
  assert.deepEqual(connectives('They replaced it with a message that said, "Sorry."'), []);
  assert.deepEqual(connectives('We had a lot of Democrats that said they did not like it.'), []);
  assert.deepEqual(connectives('That said it all.'), []);
  assert.deepEqual(connectives('Having said that he would run, he ran.'), []);
  assert.deepEqual(connectives('I want to say, clearly, that we won.'), []);
  assert.deepEqual(connectives('He refused to speak to reporters.'), []);
});

test('the whole pipeline reports nobody at a connective, and still reports the speaker after it', () => {
  const text = 'Cruz is campaigning in Wisconsin.\r\n\r\nThat said, Cruz cannot realistically win, the analyst said. Having said that, Trump leads 🇺🇸.\u00a0Needless to say, “it is over,” she said.';
  assert.deepEqual(statementCues(text), ['said', 'said']);
  const doc = analyse(text);
  assert.equal(text.slice(doc.statements[0]!.source!.start, doc.statements[0]!.source!.end), 'the analyst');
  assert.equal(text.slice(doc.statements[1]!.source!.start, doc.statements[1]!.source!.end), 'she');
});

test('no throw on hostile text', () => {
  for (const text of ['', 'said', 'That said', ', said ,', 'Having said', 'to say', 'That said, '.repeat(500)]) connectives(text);
});
