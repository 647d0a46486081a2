import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../../core/pipeline.js';
import { checkInvariants } from '../../core/invariants.js';
import type { Doc } from '../../core/doc.js';
import type { Entity } from '../../core/model.js';
import { tokensStage } from '../tokens/stage.js';
import { resolveEntities, entitiesStage } from './stage.js';

const tokens = new Pipeline([tokensStage]);

/**
 * A Doc with statements pushed by hand, as the attribution stages would: each pair names a unique
 * anchor in the text and the source inside it (null for an agentless statement).
 */
function docWith(text: string, sources: [anchor: string, source: string | null][]): Doc {
  const doc = tokens.run(text);
  for (const [anchor, source] of sources) {
    const at = text.indexOf(anchor);
    assert.ok(at >= 0, `anchor not found: ${anchor}`);
    const s = source === null ? -1 : at + anchor.indexOf(source);
    doc.statements.push({
      id: `s${doc.statements.length + 1}`,
      kind: 'indirect',
      source: source === null ? null : { start: s, end: s + source.length },
      speaker: null,
      cue: { start: at + anchor.length - 1, end: at + anchor.length },
      content: [],
      channel: null,
      setting: null,
      addressee: null,
      act: 'assert',
      confidence: 1,
    });
  }
  doc.statements.sort((a, b) => a.cue.start - b.cue.start);
  resolveEntities(doc);
  assert.deepEqual(checkInvariants(doc), []);
  return doc;
}

function speakerOf(doc: Doc, i: number): Entity | undefined {
  const id = doc.statements[i]!.speaker;
  return doc.entities.find((e) => e.id === id);
}

const texts = (doc: Doc, spans: { start: number; end: number }[]): string[] => spans.map((s) => doc.slice(s));

test('a premodifier title is a descriptor apart from the name; later pronoun and surname link to it', () => {
  const doc = docWith('US Defense Secretary Lloyd Austin said it was serious, though he also said more. Austin left.', [
    ['Lloyd Austin said', 'US Defense Secretary Lloyd Austin'],
    ['he also said', 'he'],
  ]);
  const austin = speakerOf(doc, 0)!;
  assert.equal(austin.name, 'Lloyd Austin');
  assert.equal(austin.type, 'person');
  assert.deepEqual(texts(doc, austin.descriptors), ['US Defense Secretary']);
  assert.deepEqual(texts(doc, austin.mentions), ['Lloyd Austin', 'he', 'Austin']);
  assert.equal(speakerOf(doc, 1)?.id, austin.id);
});

test('an appositive is a descriptor; the role inside it is not another entity', () => {
  const doc = docWith('The claim is a lie, Andrii Kovaliov, military spokesman for the General Staff in Kyiv, said by phone.', [
    ['Andrii Kovaliov, military spokesman for the General Staff in Kyiv, said', 'Andrii Kovaliov, military spokesman for the General Staff in Kyiv'],
  ]);
  const speaker = speakerOf(doc, 0)!;
  assert.equal(speaker.name, 'Andrii Kovaliov');
  assert.deepEqual(texts(doc, speaker.descriptors), ['military spokesman for the General Staff in Kyiv']);
  assert.ok(!doc.entities.some((e) => e.name.includes('spokesman')));
  assert.ok(doc.entities.some((e) => e.name === 'General Staff' && e.type === 'organization'));
});

test('surnames, pronouns and "the Russian leader" resolve to the president; a conflicting nationality does not', () => {
  const text =
    'President Vladimir Putin met North Korean leader Kim Jong Un. Putin said the talks went well. ' +
    'Kim vowed support. He said more later. The Russian leader’s claim is a lie, a general said.';
  const doc = docWith(text, [
    ['Putin said', 'Putin'],
    ['Kim vowed', 'Kim'],
    ['He said', 'He'],
  ]);
  const putin = doc.entities.find((e) => e.name === 'Vladimir Putin')!;
  const kim = doc.entities.find((e) => e.name === 'Kim Jong Un')!;
  assert.ok(putin && kim);
  assert.deepEqual(texts(doc, putin.descriptors), ['President']);
  assert.deepEqual(texts(doc, kim.descriptors), ['North Korean leader']);
  assert.equal(speakerOf(doc, 0)?.id, putin.id);
  assert.equal(speakerOf(doc, 1)?.id, kim.id);
  assert.ok(texts(doc, putin.mentions).includes('The Russian leader'), texts(doc, putin.mentions).join('|'));
  assert.ok(!texts(doc, kim.mentions).includes('The Russian leader'));
});

test('"she" skips a nearer man for the woman; gender comes from titles and first names', () => {
  const doc = docWith('Prime Minister Jacinda Ardern met Mr Smith on Monday. Smith spoke first. Then she said the plan was ready.', [
    ['she said', 'she'],
  ]);
  assert.equal(speakerOf(doc, 0)?.name, 'Jacinda Ardern');
});

test('organisations: a possessive description founds one, "the intelligence service" refers back to it', () => {
  const doc = docWith(
    'Ukraine’s military intelligence said on Telegram that units had arrived. This included the Kursk region, according to the intelligence service.',
    [
      ['Ukraine’s military intelligence said', 'Ukraine’s military intelligence'],
      ['according to the intelligence service', 'the intelligence service'],
    ],
  );
  const org = speakerOf(doc, 0)!;
  assert.equal(org.name, 'Ukraine’s military intelligence');
  assert.equal(org.type, 'organization');
  assert.equal(speakerOf(doc, 1)?.id, org.id);
  assert.deepEqual(texts(doc, org.mentions), ['Ukraine’s military intelligence', 'the intelligence service']);
});

test('groups, documents, relative pronouns and unnamed sources get entities of their own', () => {
  const doc = docWith(
    'The US and South Korea have alleged that troops were sent. The defense accord Putin signed in June states that both will help. ' +
      'The plan was criticised by UNESCO, who questioned it. Officials said nothing. It was quiet.',
    [
      ['The US and South Korea have alleged', 'The US and South Korea'],
      ['The defense accord Putin signed in June states', 'The defense accord Putin signed in June'],
      ['who questioned', 'who'],
      ['Officials said', 'Officials'],
      ['It was quiet', null],
    ],
  );
  assert.deepEqual(
    doc.statements.map((_, i) => [speakerOf(doc, i)?.name ?? null, speakerOf(doc, i)?.type ?? null]),
    [
      ['The US and South Korea', 'group'],
      ['The defense accord', 'document'],
      ['UNESCO', 'organization'],
      ['Officials', 'group'],
      [null, null],
    ],
  );
  assert.ok(doc.entities.some((e) => e.name === 'South Korea' && e.type === 'place'));
});

test('curly quotes, CRLF, emoji and no-break spaces keep offsets right', () => {
  const text = '“We will win,” said President Vladimir\u00a0Putin 😀.\r\nHe added: “Soon.”\r\nPutin’s aide, Dmitry Peskov, said nothing.';
  const doc = docWith(text, [
    ['said President Vladimir\u00a0Putin', 'President Vladimir\u00a0Putin'],
    ['He added', 'He'],
    ['Dmitry Peskov, said', 'Dmitry Peskov'],
  ]);
  const putin = speakerOf(doc, 0)!;
  assert.equal(putin.name, 'Vladimir Putin');
  assert.deepEqual(texts(doc, putin.mentions), ['Vladimir\u00a0Putin', 'He', 'Putin']);
  assert.equal(speakerOf(doc, 1)?.id, putin.id);
  assert.equal(speakerOf(doc, 2)?.name, 'Dmitry Peskov');
  for (const e of doc.entities) for (const m of e.mentions) assert.equal(doc.text.slice(m.start, m.end), doc.slice(m));
});

test('names with letters outside ASCII stay whole and match their plain spelling', () => {
  const doc = docWith('Turkish President Recep Tayyip Erdoğan spoke in Gdańsk. Later Erdogan said it again.', [['Erdogan said', 'Erdogan']]);
  const e = speakerOf(doc, 0)!;
  assert.equal(e.name, 'Recep Tayyip Erdoğan');
  assert.deepEqual(texts(doc, e.descriptors), ['Turkish President']);
});

test('entity ids follow first mention; mentions and descriptors are sorted', () => {
  const doc = docWith('Reuters reported that Boris Johnson, the prime minister, said the vote would pass. Johnson said so again.', [
    ['Boris Johnson, the prime minister, said', 'Boris Johnson, the prime minister'],
    ['Johnson said', 'Johnson'],
  ]);
  doc.entities.forEach((e, i) => assert.equal(e.id, `e${i + 1}`));
  const starts = doc.entities.map((e) => e.mentions[0]!.start);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  const johnson = speakerOf(doc, 0)!;
  assert.deepEqual(texts(doc, johnson.descriptors), ['the prime minister']);
  assert.equal(speakerOf(doc, 1)?.id, johnson.id);
  assert.equal(doc.entities[0]!.name, 'Reuters');
  assert.equal(doc.entities[0]!.type, 'organization');
});

test('the stage never throws and keeps the invariants on hostile text', () => {
  const pipeline = new Pipeline([tokensStage, { name: 'statements', requires: [], provides: ['statements'], run() {} }, entitiesStage]);
  const hostile = ['', 'he he he she it they', '“'.repeat(50), 'The The The', 'Mr', 'A'.repeat(5000), 'President President President said', '\u0000\ud800 X Y Z', 'of of of Bank of', "'s 's 's"];
  for (const text of hostile) {
    const doc = pipeline.run(text);
    assert.deepEqual(checkInvariants(doc), [], JSON.stringify(text.slice(0, 20)));
    assert.deepEqual(doc.diagnostics, []);
  }
});

test('a source resolves through titles, possessors, authors and short forms', () => {
  const doc = docWith(
    'The Federal Security Service (FSB) said it was gas. The FSB denies the blasts are related. ' +
      'The mayor of London, Sadiq Khan, said he was shocked. ' +
      'German Chancellor Angela Merkel’s spokesperson, Steffen Seibert, said it was possible. ' +
      'Ships are at risk, according to a tweet on Monday by US Secretary of State Mike Pompeo. ' +
      'His lawyers have claimed he acted alone.',
    [
      ['The FSB denies', 'The FSB'],
      ['Sadiq Khan, said', 'The mayor of London, Sadiq Khan'],
      ['Steffen Seibert, said', 'German Chancellor Angela Merkel’s spokesperson, Steffen Seibert'],
      ['according to a tweet on Monday by US Secretary of State Mike Pompeo', 'a tweet on Monday by US Secretary of State Mike Pompeo'],
      ['His lawyers have claimed', 'His lawyers'],
    ],
  );
  assert.deepEqual(
    doc.statements.map((_, i) => speakerOf(doc, i)?.name ?? null),
    ['Federal Security Service', 'Sadiq Khan', 'Steffen Seibert', 'Mike Pompeo', 'lawyers'],
  );
  const khan = doc.entities.find((e) => e.name === 'Sadiq Khan')!;
  assert.deepEqual(texts(doc, khan.descriptors), ['The mayor of London']);
  const pompeo = doc.entities.find((e) => e.name === 'Mike Pompeo')!;
  assert.deepEqual(texts(doc, pompeo.descriptors), ['US Secretary of State']);
  assert.equal(doc.entities.find((e) => e.name === 'lawyers')?.type, 'group');
});

test('particles, hyphens and domain names stay inside names', () => {
  const doc = docWith('Syrian President Bashar al-Assad met Znak.com editors. According to al-Assad, the war is over. Znak.com reported it.', [
    ['According to al-Assad', 'al-Assad'],
    ['Znak.com reported', 'Znak.com'],
  ]);
  assert.equal(speakerOf(doc, 0)?.name, 'Bashar al-Assad');
  assert.deepEqual(texts(doc, speakerOf(doc, 0)!.descriptors), ['Syrian President']);
  assert.equal(speakerOf(doc, 1)?.name, 'Znak.com');
});

test('a definite title that fits no titled entity is the untitled person who just spoke', () => {
  const doc = docWith('Gordon Brown has issued a rallying cry, telling supporters to vote. The chancellor said the vote mattered.', [
    ['Gordon Brown has issued', 'Gordon Brown'],
    ['The chancellor said', 'The chancellor'],
  ]);
  assert.equal(speakerOf(doc, 1)?.name, 'Gordon Brown');
});

test('a lead that opens with a titled speaker takes the name given in the next sentence', () => {
  const doc = docWith('Leave should be longer, the Trade and Industry Secretary has said. Jane Hewson said the cost was being evaluated.', [
    ['the Trade and Industry Secretary has said', 'the Trade and Industry Secretary'],
    ['Jane Hewson said', 'Jane Hewson'],
  ]);
  assert.equal(speakerOf(doc, 0)?.name, 'Jane Hewson');
  assert.equal(speakerOf(doc, 0)?.type, 'person');
  assert.equal(speakerOf(doc, 1)?.id, speakerOf(doc, 0)?.id);
});

test('a lead speaker takes no name that neither speaks nor reads as a person (a party, a title word, a surname alone)', () => {
  for (const next of ['Labour has other plans.', 'Trump leads.', 'Commons debates follow.']) {
    const text = `Leave should be longer, the analyst said. ${next}`;
    const doc = docWith(text, [['the analyst said', 'the analyst']]);
    assert.equal(speakerOf(doc, 0)?.name, 'the analyst', next);
  }
  // A name with a known first name is a person all the same, speaking or not.
  const doc = docWith('Leave should be longer, the analyst said. Jane Hewson wrote the report.', [['the analyst said', 'the analyst']]);
  assert.equal(speakerOf(doc, 0)?.name, 'Jane Hewson');
});

test('a pronoun source is nobody its own quoted words name', () => {
  const doc = docWith('Olaf Mellman spoke of his dislike of the rivals. Dave Kerry was asked about it. "I have had a word with Olaf," he told the club website.', [
    ['Olaf Mellman spoke', 'Olaf Mellman'],
    ['he told', 'he'],
  ]);
  const quote = doc.text.indexOf('"I have');
  doc.statements[1]!.content = [{ start: quote, end: doc.text.indexOf(',"') + 2 }];
  doc.statements[1]!.kind = 'direct';
  resolveEntities(doc);
  assert.equal(speakerOf(doc, 1)?.name, 'Dave Kerry');
});

test('a generic organisation description means the organisation just named; "of the" joins an organisation name', () => {
  const doc = docWith(
    'Shares in Northfield Mining fell after the mining group reported losses. The International Federation of the Phonographic Industry (IFPI) reported sales. The company said costs rose.',
    [
      ['the mining group reported', 'the mining group'],
      ['The International Federation of the Phonographic Industry (IFPI) reported', 'The International Federation of the Phonographic Industry (IFPI)'],
    ],
  );
  assert.equal(speakerOf(doc, 0)?.name, 'Northfield Mining');
  assert.equal(speakerOf(doc, 1)?.name, 'International Federation of the Phonographic Industry');
});

test('a name closing the source after a comma, or right after a plain description, is the speaker', () => {
  const doc = docWith('His mother, Giselle, said the game was to blame. Bookshop fiction buyer Susan Doyle said it was great. Another film, Mr Dams said, did well.', [
    ['His mother, Giselle, said', 'His mother, Giselle,'],
    ['Susan Doyle said', 'Bookshop fiction buyer Susan Doyle'],
    ['Mr Dams said', 'Another film, Mr Dams'],
  ]);
  assert.equal(speakerOf(doc, 0)?.name, 'Giselle');
  assert.equal(speakerOf(doc, 1)?.name, 'Susan Doyle');
  assert.equal(speakerOf(doc, 2)?.name, 'Dams');
});

test('a name whose own title and nationality match an unnamed titled speaker is that speaker', () => {
  const doc = docWith(
    "In London, India's finance minister, lashed out at trade policies. He objected to subsidies. Palaniappan Chidambaram, India's finance minister, argued for reform.",
    [
      ["India's finance minister, lashed", "India's finance minister,"],
      ['He objected', 'He'],
      ['Chidambaram, India', 'Palaniappan Chidambaram'],
    ],
  );
  assert.equal(speakerOf(doc, 0)?.name, 'Palaniappan Chidambaram');
  assert.equal(speakerOf(doc, 1)?.id, speakerOf(doc, 0)?.id);
});

test('name particles, hyphenated words and place names of several words', () => {
  // Lower-case words reach the particle rules only as particles ("bin", "van") or particle names
  // ("al-Qaeda"); a phrase is a place only when its first word opens a place name of several words.
  const doc = docWith('Osama bin Laden met Ludwig van Beethoven in New York. The well-known al-Qaeda leader spoke in the United States, and the so-called envoy left for South Korea.', []);
  const typeOf = (name: string) => doc.entities.find((e) => e.name === name)?.type;
  // Every name is found whole; hyphenated lower-case words ("well-known", "so-called") are none.
  assert.deepEqual(
    doc.entities.map((e) => e.name),
    ['Osama bin Laden', 'Ludwig van Beethoven', 'New York', 'al-Qaeda', 'United States', 'South Korea'],
  );
  assert.equal(typeOf('Osama bin Laden'), 'person');
  assert.equal(typeOf('Ludwig van Beethoven'), 'person');
  assert.equal(typeOf('United States'), 'place');
  assert.equal(typeOf('South Korea'), 'place');
});

test('statements with the same source span share its mention', () => {
  const doc = docWith('Jane Smith said and warned that prices would rise.', [
    ['Jane Smith said', 'Jane Smith'],
    ['Jane Smith said and warned', 'Jane Smith'],
  ]);
  assert.equal(speakerOf(doc, 0)?.name, 'Jane Smith');
  assert.equal(doc.statements[0]!.speaker, doc.statements[1]!.speaker);
});

test('first-person pronouns in quoted words are the quoted speaker; "I" and "you" found no entity of their own', () => {
  const text = 'Anna Berg spoke. "We have seen a rise," she said. "I think so." You said that we know.';
  const doc = tokens.run(text);
  const quoted = '"We have seen a rise,"';
  const at = text.indexOf(quoted);
  const statement = (source: string, cue: string, content: { start: number; end: number }, kind: 'direct' | 'indirect') => {
    const s = text.indexOf(source);
    doc.statements.push({ id: `s${doc.statements.length + 1}`, kind, source: { start: s, end: s + source.length }, speaker: null, cue: { start: text.indexOf(cue), end: text.indexOf(cue) + cue.length }, content: [content], channel: null, setting: null, addressee: null, act: 'assert', confidence: 1 });
  };
  statement('she', 'she said', { start: at, end: at + quoted.length }, 'direct');
  doc.statements.push({ id: 's2', kind: 'indirect', source: { start: at + 1, end: at + 3 }, speaker: null, cue: { start: at + 4, end: at + 13 }, content: [{ start: at + 14, end: at + 20 }], channel: null, setting: null, addressee: null, act: 'assert', confidence: 1 });
  const you = text.indexOf('You said');
  doc.statements.push({ id: 's3', kind: 'indirect', source: { start: you, end: you + 3 }, speaker: null, cue: { start: you + 4, end: you + 8 }, content: [{ start: you + 14, end: you + 21 }], channel: null, setting: null, addressee: null, act: 'assert', confidence: 1 });
  doc.statements.sort((a, b) => a.cue.start - b.cue.start);
  resolveEntities(doc);
  assert.deepEqual(checkInvariants(doc), []);
  const anna = doc.entities.find((e) => e.name === 'Anna Berg')!;
  const nested = doc.statements.find((s) => s.source?.start === at + 1)!;
  assert.equal(nested.speaker, anna.id, 'the "We" inside her quote is Anna Berg');
  assert.ok(anna.mentions.some((m) => m.start === at + 1), 'the "We" is one of her mentions');
  assert.equal(doc.statements.find((s) => s.source?.start === you)!.speaker, null, '"You" outside quotes has no speaker');
  for (const name of ['I', 'We', 'we', 'You', 'you']) assert.ok(!doc.entities.some((e) => e.name === name), `no entity named ${name}`);
});

test('"I\'m" after a quotation mark is no name', () => {
  const doc = docWith('The slogan "I\'m loving it" was dropped, the firm said.', [['the firm said', 'the firm']]);
  assert.ok(!doc.entities.some((e) => /^I['’]m/u.test(e.name)), JSON.stringify(doc.entities.map((e) => e.name)));
});
