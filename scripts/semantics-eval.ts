// Measures the statement-semantics stages (acts, channel, setting, addressee, relations) of the full
// pipeline against hand-written gold:
//   wikinews  four Wikinews articles the stages were developed on (texts in the fixtures);
//   heldout   three BBC articles whose gold was written before the stages ever ran on them
//             (offsets only; texts read from ../shared/data/news/bbc-2225 at run time).
// A gold statement counts as found when a predicted statement's cue overlaps its cue; fields are
// compared on found statements (spans exactly, by text). Usage:
//   npx tsx scripts/semantics-eval.ts [wikinews|heldout ...] [--errors]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../src/extract/pipeline.js';
import type { Doc } from '../src/core/doc.js';
import type { Statement } from '../src/core/model.js';
import { overlaps, type Span } from '../src/core/span.js';
import { locate, type Anchor } from '../src/test-support/hand-doc.js';
import { readCorpusTexts } from '../src/test-support/corpus-texts.js';

const FIELDS = ['act', 'channel', 'setting', 'addressee'] as const;
type Field = (typeof FIELDS)[number];
interface Expected {
  name: string;
  cue: Span;
  act: string;
  channel: string | null;
  setting: string | null;
  addressee: string | null;
}
interface ArticleGold {
  id: string;
  text: string;
  statements: Expected[];
  relations: { kind: string; source: string; target: string[] }[];
}

const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const sets = args.filter((a) => !a.startsWith('--'));
const chosen = sets.length ? sets : ['wikinews', 'heldout'];

function wikinews(): ArticleGold[] {
  const dir = 'test/fixtures/wikinews/semantics';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.semantics.json'))
    .sort()
    .map((f) => {
      const g = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
        id: string;
        text: string;
        statements: ({ name: string; cue: Anchor } & Record<Field, string | null>)[];
        relations: { kind: string; source: string; target: string[] }[];
      };
      return {
        id: g.id,
        text: g.text,
        statements: g.statements.map((s) => ({ name: s.name, cue: locate(g.text, s.cue), act: s.act!, channel: s.channel, setting: s.setting, addressee: s.addressee })),
        relations: g.relations,
      };
    });
}

function heldout(): ArticleGold[] | null {
  const data = '../shared/data/news/bbc-2225/articles.jsonl';
  const texts = readCorpusTexts(data);
  if (!texts) return null;
  const gold = JSON.parse(readFileSync('test/fixtures/bbc-heldout/semantics.heldout.json', 'utf8')) as {
    articles: { id: string; statements: { name: string; cue: [number, number]; act: string; channel: [number, number] | null; setting: [number, number] | null; addressee: [number, number] | null }[]; relations: ArticleGold['relations'] }[];
  };
  return gold.articles.map((a) => {
    const text = texts.get(a.id) ?? '';
    const slice = (s: [number, number] | null): string | null => (s ? text.slice(s[0], s[1]) : null);
    return {
      id: a.id,
      text,
      statements: a.statements.map((s) => ({ name: s.name, cue: { start: s.cue[0], end: s.cue[1] }, act: s.act, channel: slice(s.channel), setting: slice(s.setting), addressee: slice(s.addressee) })),
      relations: a.relations,
    };
  });
}

const value = (doc: Doc, s: Statement, field: Field): string | null => {
  if (field === 'act') return s.act;
  const span = s[field];
  return span ? doc.text.slice(span.start, span.end) : null;
};

for (const set of chosen) {
  const golds = set === 'wikinews' ? wikinews() : set === 'heldout' ? heldout() : null;
  if (!golds) {
    console.log(`${set}: skipped (${set === 'heldout' ? 'the BBC data is absent' : 'unknown set'})`);
    continue;
  }
  let found = 0;
  let total = 0;
  let relationsFound = 0;
  let relationsTotal = 0;
  let relationsPredicted = 0;
  const perField = Object.fromEntries(FIELDS.map((f) => [f, { agree: 0, total: 0, goldSet: 0, predSet: 0, bothRight: 0 }])) as Record<
    Field,
    { agree: number; total: number; goldSet: number; predSet: number; bothRight: number }
  >;
  const errors: string[] = [];
  for (const gold of golds) {
    const doc = analyse(gold.text, gold.id);
    const matched = new Map<string, Statement>();
    for (const g of gold.statements) {
      total++;
      const s = doc.statements.find((x) => overlaps(x.cue, g.cue));
      if (!s) {
        errors.push(`${gold.id} ${g.name}: not found by the pipeline`);
        continue;
      }
      found++;
      matched.set(g.name, s);
      for (const field of FIELDS) {
        const got = value(doc, s, field);
        const want = g[field];
        const score = perField[field];
        score.total++;
        if (got === want) score.agree++;
        else errors.push(`${gold.id} ${g.name}.${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
        if (field !== 'act' || want !== 'assert') {
          if (want !== null) score.goldSet++;
          if (got !== null && !(field === 'act' && got === 'assert')) score.predSet++;
          if (want !== null && got === want) score.bothRight++;
        }
      }
    }
    const ids = new Set([...matched.values()].map((s) => s.id));
    relationsPredicted += doc.relations.filter((r) => ids.has(r.from)).length;
    for (const r of gold.relations) {
      relationsTotal++;
      const from = matched.get(r.source);
      const targets = r.target.map((t) => matched.get(t)?.id);
      if (from && doc.relations.some((x) => x.kind === r.kind && x.from === from.id && targets.includes(x.to))) relationsFound++;
      else errors.push(`${gold.id} relation ${r.source} ${r.kind} ${r.target.join('|')}: missed`);
    }
  }
  const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  console.log(`${set}: ${golds.length} articles, ${found}/${total} gold statements found by the pipeline`);
  for (const field of FIELDS) {
    const s = perField[field];
    const p = s.predSet ? s.bothRight / s.predSet : 0;
    const r = s.goldSet ? s.bothRight / s.goldSet : 0;
    const label = field === 'act' ? 'act (non-assert)' : field;
    console.log(
      `  ${field.padEnd(9)} agreement ${pct(s.agree, s.total)} (${s.agree}/${s.total}); ${label}: precision ${pct(s.bothRight, s.predSet)}, recall ${pct(s.bothRight, s.goldSet)}, F1 ${s.goldSet + s.predSet === 0 ? 'n/a' : p + r ? ((200 * p * r) / (p + r)).toFixed(1) : '0.0'}`,
    );
  }
  console.log(`  relations found ${relationsFound}/${relationsTotal}; predicted from matched statements ${relationsPredicted}`);
  if (showErrors) for (const e of errors) console.log(`    ${e}`);
}
