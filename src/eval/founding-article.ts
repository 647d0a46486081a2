// The founding article's checks (issue "Statement semantics"; issue 3: "Nothing learned from
// PolNeAR may lose what the founding article already gets right"), in one place for the tests that
// assert them and for training, which runs them on a candidate model before it replaces the shipped
// one (src/model/train.ts). The article is copyrighted: it is read from ../shared/seed at run time
// and never copied into the repository; only short edge phrases of it appear here.
// Each check throws an AssertionError (node:assert) naming what is wrong; foundingArticleFailures
// runs them all and collects the failures.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Doc } from '../core/doc.js';
import { toArticleJson, type ArticleJson, type StatementJson } from '../core/format.js';
import { checkInvariants } from '../core/invariants.js';
import type { Statement } from '../core/model.js';
import { Pipeline, type Stage } from '../core/pipeline.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';

export const FOUNDING_ARTICLE_PATH = join(resolve(PACKAGE_ROOT, '..', 'shared'), 'seed', '000_3d270775c8275654.txt');

/** The founding article through a pipeline: the finished document, its JSON, and the statements
 * the rule stages made and those the learned stage left (each as span keys). */
export interface FoundingArticleRun {
  text: string;
  doc: Doc;
  article: ArticleJson;
  ruleStatements: string[];
  learnedStatements: Set<string>;
}

const statementKey = (s: Statement): string => JSON.stringify([s.cue, s.source, s.content, s.kind]);

/** Runs the founding article through the given stages (default: the shipped pipeline); the rule
 * statements are those of the stages before 'learned'. Null when the article is not on this machine. */
export function runFoundingArticle(stages: readonly Stage[] = DEFAULT_STAGES): FoundingArticleRun | null {
  if (!existsSync(FOUNDING_ARTICLE_PATH)) return null;
  const text = readFileSync(FOUNDING_ARTICLE_PATH, 'utf8');
  const learnedAt = stages.findIndex((s) => s.name === 'learned');
  const ruleStatements = new Pipeline(stages.slice(0, learnedAt)).run(text, 'seed').statements.map(statementKey);
  let learnedStatements = new Set<string>();
  const doc = new Pipeline(stages).run(text, 'seed', {
    afterStage: (stage, d) => {
      if (stage.name === 'learned') learnedStatements = new Set(d.statements.map(statementKey));
    },
  });
  return { text, doc, article: toArticleJson(doc), ruleStatements, learnedStatements };
}

/** Every statement the rule stages extract comes out of the learned stage unchanged. */
export function checkRuleStatementsKept(run: FoundingArticleRun): void {
  const lost = run.ruleStatements.filter((k) => !run.learnedStatements.has(k));
  assert.deepEqual(lost, [], 'rule statements changed or lost by the learned stage');
}

/** [text around the cue, the cue, expected speaker name, expected type] in article order. */
const SPEAKERS: [string, string, string, string][] = [
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

/** The 16 statements resolve to the right speakers (and the document keeps its invariants). */
export function checkSpeakers({ text, doc }: FoundingArticleRun): void {
  assert.deepEqual(checkInvariants(doc), []);
  const got: string[] = [];
  const want: string[] = [];
  for (const [around, cue, name, type] of SPEAKERS) {
    const at = text.indexOf(around);
    assert.ok(at >= 0, around);
    const cueAt = at + around.indexOf(cue);
    const statement = doc.statements.find((s) => s.cue.start <= cueAt && cueAt < s.cue.end);
    const entity = statement?.speaker ? doc.entities.find((e) => e.id === statement.speaker) : undefined;
    got.push(`${around} → ${entity ? `${entity.name} (${entity.type})` : statement ? 'no speaker' : 'no statement'}`);
    want.push(`${around} → ${name} (${type})`);
  }
  assert.deepEqual(got, want);
}

/** The speakers' mentions and descriptors, and entity ids in order of first mention. */
export function checkMentions({ text, doc }: FoundingArticleRun): void {
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
  doc.entities.forEach((e, i) => assert.equal(e.id, `e${i + 1}`));
}

/** [cue, a word of the content, act, channel / setting / addressee] of the 16 statements, in order. */
const SEMANTICS: [string, string, string, Partial<Record<'channel' | 'setting' | 'addressee', string>>][] = [
  ['said', 'our business', 'assert', {}],
  ['avoided answering', 'Pyongyang', 'evade', {}],
  ['say', 'already', 'evade', { setting: 'at a news conference Thursday at the end of the BRICS summit in Kazan' }],
  ['pointed to', 'Article 4', 'refer', {}],
  ['said', 'ratified', 'assert', {}],
  ['said', 'never doubted', 'assert', {}],
  ['states', 'assistance', 'assert', {}],
  ['vowed', 'unconditionally', 'promise', {}],
  ['said', 'negotiations', 'assert', {}],
  ['alleged', 'sending troops', 'allege', {}],
  ['said', 'possibility', 'assert', {}],
  ['said', 'analysts', 'assert', {}],
  ['said', 'training drills', 'assert', { channel: 'on Telegram' }],
  ['according to', 'Kursk', 'assert', {}],
  ['told', '2,000', 'assert', { addressee: 'reporters' }],
  ['said', 'disinformation', 'deny', { channel: 'by phone' }],
];

/** Acts, channels, setting, addressee, the verification and update notes, the dispute between
 * statements 16 and 15, and the metadata. */
export function checkSemantics({ article }: FoundingArticleRun): void {
  const statements = article.statements;
  // Statements are found by their cue and a word of their content, so the check does not hang on ids.
  const find = (cue: string, contentWord: string): StatementJson => {
    const s = statements.find((x) => x.cue.text.includes(cue) && x.content.some((c) => c.text.includes(contentWord)));
    assert.ok(s, `no statement with cue "${cue}" and content containing "${contentWord}"`);
    return s;
  };
  const ids: string[] = [];
  for (const [cue, word, act, extras] of SEMANTICS) {
    const s = find(cue, word);
    ids.push(s.id);
    assert.equal(s.act, act, `${cue} / ${word}: act`);
    for (const field of ['channel', 'setting', 'addressee'] as const) assert.equal(s[field]?.text ?? null, extras[field] ?? null, `${cue} / ${word}: ${field}`);
  }
  const [s13, s14, s15, s16] = [ids[12], ids[13], ids[14], ids[15]];
  const notes = article.notes.map((n) => ({ kind: n.kind, text: n.span.text, targets: n.targets }));
  assert.deepEqual(notes, [
    { kind: 'unverified', text: 'The information couldn’t be independently verified by Bloomberg News', targets: [s13, s14] },
    { kind: 'unverified', text: 'The claim couldn’t be independently verified', targets: [s15] },
    { kind: 'update', text: 'Updates with Ukrainian General Staff comment in the last paragraph', targets: [s16] },
  ]);
  const bloomberg = article.entities.find((e) => e.name.includes('Bloomberg'));
  assert.equal(article.notes[0]!.by, bloomberg ? bloomberg.id : null);
  assert.deepEqual(
    article.relations.map((r) => ({ kind: r.kind, from: r.from, to: r.to })),
    [{ kind: 'disputes', from: s16, to: s15 }],
  );
  assert.match(article.relations[0]!.evidence!.text, /^The Russian leader’s claim is a “lie”/);
  assert.deepEqual({ ...article.meta, updates: article.meta.updates.map((u) => u.text) }, {
    publisher: 'Bloomberg',
    dateline: null,
    byline: null,
    contributors: ['Volodymyr Verbianyi', 'Kateryna Chursina'],
    updates: ['Updates with Ukrainian General Staff comment in the last paragraph'],
    copyright: '©2024 Bloomberg L.P.',
  });
}

/** The checks by name, in the order training reports them. */
export const FOUNDING_ARTICLE_CHECKS: readonly { name: string; check: (run: FoundingArticleRun) => void }[] = [
  { name: 'rule statements kept by the learned stage', check: checkRuleStatementsKept },
  { name: 'speakers of the 16 statements', check: checkSpeakers },
  { name: 'mentions and descriptors of the speakers', check: checkMentions },
  { name: 'acts, channels, setting, addressee, notes, relation, metadata', check: checkSemantics },
];

/** The checks that fail on a run, each with its message (empty: all hold). */
export function foundingArticleFailures(run: FoundingArticleRun): { name: string; message: string }[] {
  const failures: { name: string; message: string }[] = [];
  for (const { name, check } of FOUNDING_ARTICLE_CHECKS) {
    try {
      check(run);
    } catch (error) {
      failures.push({ name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}
