import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants } from '../../core/invariants.js';
import { handDoc, runSemantics, statementAt } from '../../test-support/hand-doc.js';

const field = (doc: ReturnType<typeof handDoc>, s: { channel: unknown; setting: unknown; addressee: unknown }, name: 'channel' | 'setting' | 'addressee'): string | null => {
  const span = s[name] as { start: number; end: number } | null;
  return span ? doc.text.slice(span.start, span.end) : null;
};

test('channels: platform, phone, statement, interview with, post on X', () => {
  const text = [
    'The ministry said on Telegram that 40 drones were shot down.',
    '“The figure is a fabrication,” Olena Moroz, a spokeswoman, said by phone.',
    'The company said in an emailed statement that it would appeal.',
    'Mayor Jane Doe told CNN in an interview with its Sunday show that the bridge would reopen.',
    'In a post on X, the senator wrote that the vote was rigged.',
    'He also spoke on al-Masirah TV in Yemen, saying the attack was theirs.',
  ].join('\r\n');
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['ministry said', 'said'], source: 'The ministry', content: ['40 drones were shot down'] },
      { cue: ['spokeswoman, said', 'said'], source: 'Olena Moroz', content: ['The figure is a fabrication'], kind: 'direct' },
      { cue: ['company said', 'said'], source: 'The company', content: ['it would appeal'] },
      { cue: 'told', source: 'Mayor Jane Doe', content: ['the bridge would reopen'] },
      { cue: 'wrote', source: 'the senator', content: ['the vote was rigged'] },
      { cue: 'saying', source: ['He also', 'He'], content: ['the attack was theirs'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  const [s1, s2, s3, s4, s5, s6] = doc.statements;
  assert.equal(field(doc, s1!, 'channel'), 'on Telegram');
  assert.equal(field(doc, s2!, 'channel'), 'by phone');
  assert.equal(field(doc, s3!, 'channel'), 'in an emailed statement');
  assert.equal(field(doc, s4!, 'addressee'), 'CNN');
  assert.equal(field(doc, s4!, 'channel'), 'in an interview with its Sunday show');
  assert.equal(field(doc, s5!, 'channel'), 'In a post on X');
  assert.equal(field(doc, s6!, 'channel'), 'on al-Masirah TV in Yemen');
});

test('settings and addressees: news conference with its complements, told reporters, told a briefing', () => {
  const text =
    'Putin didn’t say whether the troops had left, when asked at a news conference Thursday at the end of the summit in Kazan.\n' +
    'She also told reporters that talks would resume 😀 next\u00a0week.\n' +
    'The minister told a briefing in Paris that the plan was dead.\n' +
    'He said to lawmakers that the budget was final, speaking at a rally on Monday.';
  const doc = runSemantics(
    handDoc(text, [
      { cue: 'didn’t say', source: 'Putin', content: ['whether the troops had left'] },
      { cue: 'told', source: 'She', content: ['talks would resume 😀 next\u00a0week'] },
      { cue: ['minister told', 'told'], source: 'The minister', content: ['the plan was dead'] },
      { cue: ['He said', 'said'], source: ['He said', 'He'], content: ['the budget was final'] },
    ]),
  );
  assert.deepEqual(checkInvariants(doc), []);
  const [s1, s2, s3, s4] = doc.statements;
  assert.equal(field(doc, s1!, 'setting'), 'at a news conference Thursday at the end of the summit in Kazan');
  assert.equal(field(doc, s2!, 'addressee'), 'reporters');
  assert.equal(field(doc, s3!, 'setting'), 'a briefing in Paris');
  assert.equal(field(doc, s3!, 'addressee'), null);
  assert.equal(field(doc, s4!, 'addressee'), 'lawmakers');
  assert.equal(field(doc, s4!, 'setting'), 'at a rally on Monday');
});

test('a channel inside quoted words or another statement’s content is not taken', () => {
  const text = 'The general said “we posted it on Telegram” and added that the video was real.';
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['general said', 'said'], source: 'The general', content: ['“we posted it on Telegram”'], kind: 'direct' },
      { cue: 'added', source: 'The general', content: ['the video was real'] },
    ]),
  );
  assert.equal(doc.statements[0]!.channel, null);
  assert.equal(doc.statements[1]!.channel, null);
  assert.deepEqual(checkInvariants(doc), []);
});

test('the nearest cue gets the phrase', () => {
  const text = 'Smith said the deal was off, while Jones said by phone that it was alive.';
  const doc = runSemantics(
    handDoc(text, [
      { cue: ['Smith said', 'said'], source: 'Smith', content: ['the deal was off'] },
      { cue: ['Jones said', 'said'], source: 'Jones', content: ['it was alive'] },
    ]),
  );
  assert.equal(statementAt(doc, ['Smith said', 'said']).channel, null);
  assert.equal(field(doc, statementAt(doc, ['Jones said', 'said']), 'channel'), 'by phone');
});
