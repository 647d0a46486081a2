// Gold expectations for channels, settings, addressees, acts, notes, relations and metadata on
// four real Wikinews articles (CC BY 2.5, credited in test/fixtures/wikinews/README.md), in
// test/fixtures/wikinews/semantics/*.semantics.json. Two checks:
//  1. the semantic stages alone, over the gold statements placed by hand: every field exact;
//  2. the full pipeline: on the statements it finds (matched to gold by cue), the fields must
//     agree with the gold at least as often as the floor below; the score is printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkInvariants } from '../src/core/invariants.js';
import { overlaps, type Span } from '../src/core/span.js';
import type { Statement } from '../src/core/model.js';
import { analyse } from '../src/extract/pipeline.js';
import { type Anchor, handDoc, locate, runSemantics } from '../src/test-support/hand-doc.js';

interface GoldStatement {
  name: string;
  cue: Anchor;
  source: Anchor | null;
  content: Anchor[];
  speaker: string | null;
  kind: 'direct' | 'indirect' | 'mixed';
  act: string;
  channel: string | null;
  setting: string | null;
  addressee: string | null;
}
interface Gold {
  id: string;
  text: string;
  statements: GoldStatement[];
  entities: { id: string; name: string; type: 'person' | 'organization' | 'place' | 'group' | 'document' | 'other'; mentions: Anchor[] }[];
  notes: { kind: string; text: string; targets: string[] }[];
  relations: { kind: string; source: string; target: string[]; evidence: string | null }[];
  meta: Record<string, unknown>;
}

const DIR = join('test', 'fixtures', 'wikinews', 'semantics');
const golds: Gold[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.semantics.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Gold);
const FIELDS = ['act', 'channel', 'setting', 'addressee'] as const;
/** Floor for field agreement on the statements the full pipeline finds (measured 2026-11-27; see the printed score). */
const PIPELINE_FLOOR = 0.9;

const textOf = (text: string, s: Span | null): string | null => (s ? text.slice(s.start, s.end) : null);
const fieldOf = (text: string, s: Statement, field: (typeof FIELDS)[number]): string | null => (field === 'act' ? s.act : textOf(text, s[field]));

test('there are at least three gold articles', () => assert.ok(golds.length >= 3));

for (const gold of golds) {
  test(`semantic stages on hand-placed statements: ${gold.id}`, () => {
    const doc = runSemantics(
      handDoc(
        gold.text,
        gold.statements.map((s) => ({ cue: s.cue, content: s.content, kind: s.kind, ...(s.source ? { source: s.source } : {}), ...(s.speaker ? { speaker: s.speaker } : {}) })),
        gold.entities,
      ),
    );
    assert.deepEqual(checkInvariants(doc), []);
    const byName = new Map<string, Statement>();
    for (const g of gold.statements) {
      const cue = locate(gold.text, g.cue);
      const s = doc.statements.find((x) => x.cue.start === cue.start && x.cue.end === cue.end)!;
      byName.set(g.name, s);
      for (const field of FIELDS) assert.equal(fieldOf(gold.text, s, field), g[field], `${g.name}.${field}`);
    }
    const nameOf = new Map([...byName].map(([n, s]) => [s.id, n]));
    assert.deepEqual(
      doc.notes.map((n) => ({ kind: n.kind, text: gold.text.slice(n.span.start, n.span.end), targets: n.targets.map((t) => nameOf.get(t)) })),
      gold.notes,
    );
    const relations = doc.relations.map((r) => ({ kind: r.kind, source: nameOf.get(r.from)!, target: nameOf.get(r.to)!, evidence: textOf(gold.text, r.evidence) }));
    assert.equal(relations.length, gold.relations.length, JSON.stringify(relations));
    for (const expected of gold.relations) {
      const found = relations.find((r) => r.kind === expected.kind && r.source === expected.source);
      assert.ok(found, `relation ${expected.kind} from ${expected.source}`);
      assert.ok(expected.target.includes(found.target), `${expected.source} ${expected.kind} ${found.target}, expected one of ${expected.target}`);
      assert.equal(found.evidence, expected.evidence);
    }
    assert.deepEqual({ ...doc.meta, updates: doc.meta.updates.map((u) => textOf(gold.text, u)) }, gold.meta);
  });
}

test('full pipeline: field agreement with the gold on the statements it finds', () => {
  let agree = 0;
  let total = 0;
  let found = 0;
  let goldCount = 0;
  let relationsFound = 0;
  const misses: string[] = [];
  for (const gold of golds) {
    const doc = analyse(gold.text, gold.id);
    assert.deepEqual(checkInvariants(doc), []);
    const matched = new Map<string, Statement>();
    for (const g of gold.statements) {
      goldCount++;
      const cue = locate(gold.text, g.cue);
      const s = doc.statements.find((x) => overlaps(x.cue, cue));
      if (!s) continue;
      found++;
      matched.set(g.name, s);
      for (const field of FIELDS) {
        total++;
        const got = fieldOf(gold.text, s, field);
        if (got === g[field]) agree++;
        else misses.push(`${gold.id.slice(9, 40)} ${g.name}.${field}: ${JSON.stringify(got)} != ${JSON.stringify(g[field])}`);
      }
    }
    for (const r of gold.relations) {
      const from = matched.get(r.source);
      const targets = r.target.map((t) => matched.get(t)?.id).filter(Boolean);
      if (from && doc.relations.some((x) => x.kind === r.kind && x.from === from.id && targets.includes(x.to))) relationsFound++;
    }
  }
  const rate = total ? agree / total : 0;
  const relationTotal = golds.reduce((n, g) => n + g.relations.length, 0);
  console.log(
    `semantics on Wikinews gold: ${found}/${goldCount} gold statements found by the pipeline; fields agree ${agree}/${total} (${(100 * rate).toFixed(1)}%); relations ${relationsFound}/${relationTotal}`,
  );
  for (const m of misses) console.log(`  ${m}`);
  assert.ok(rate >= PIPELINE_FLOOR, `field agreement ${rate.toFixed(3)} below ${PIPELINE_FLOOR}`);
});
