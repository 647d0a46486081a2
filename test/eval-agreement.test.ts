// hearsay's scorer (src/eval) must give exactly the numbers of the independent reference scorer,
// ../shared/tools/score-attributions.mjs, on the same gold and predictions. Predictions here are
// the dev gold perturbed in every way the metric cares about (boundaries moved by spaces, quote
// marks or words; roles dropped; content split; duplicates and spurious statements), the second
// annotators' annotations, and hearsay's own extractor output.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseGold, parsePredictions, scoreAttributions, predictArticle } from '../src/eval/index.js';
import { seededRandom } from '../src/core/random.js';

const REFERENCE = '../shared/tools/score-attributions.mjs';
const DEV = '../shared/data/polnear/dev.jsonl';
const absent = !existsSync(REFERENCE) || !existsSync(DEV) ? `needs ${REFERENCE} and ${DEV} (the shared folder beside the repository)` : undefined;

type S = { start: number; end: number };
function perturb(goldLine: string, seed: number): string {
  const g = JSON.parse(goldLine) as { id: string; text: string; attributions: { source: S[]; cue: S[]; content: S[] }[] };
  const rand = seededRandom(seed);
  const n = g.text.length;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const move = (s: S): S => {
    const d = () => pick([-3, -1, 0, 0, 0, 1, 2]);
    const start = Math.max(0, Math.min(n, s.start + d()));
    return { start, end: Math.max(start, Math.min(n, s.end + d())) };
  };
  const statements: unknown[] = [];
  for (const a of g.attributions) {
    const r = rand();
    if (r < 0.12) continue; // missed
    const st = { source: a.source.map((x) => ({ ...x })), cue: a.cue.map((x) => ({ ...x })), content: a.content.map((x) => ({ ...x })) };
    if (r < 0.5) {
      // kept exactly (cue as a single span, source as null when absent: both shapes are allowed)
    } else if (r < 0.65) st.content = st.content.map(move);
    else if (r < 0.72) st.source = st.source.map(move);
    else if (r < 0.77) st.source = [];
    else if (r < 0.82) st.cue = st.cue.map(move);
    else if (r < 0.87 && st.content[0]) {
      const c = st.content[0];
      const mid = Math.floor((c.start + c.end) / 2);
      st.content = [{ start: c.start, end: mid }, { start: mid + 1, end: c.end }, ...st.content.slice(1)];
    } else if (r < 0.92) statements.push({ source: null, cue: st.cue, content: st.content.map(move) }); // a duplicate on the same cue
    else st.content = [];
    statements.push({ source: st.source.length === 1 && rand() < 0.5 ? st.source[0] : st.source, cue: st.cue, content: st.content });
  }
  for (let k = Math.floor(rand() * 4); k > 0; k--) {
    const start = Math.floor(rand() * n);
    statements.push({ source: { start, end: Math.min(n, start + 5) }, cue: { start: Math.min(n, start + 6), end: Math.min(n, start + 10) }, content: [{ start: Math.min(n, start + 11), end: Math.min(n, start + 60) }] });
  }
  return JSON.stringify({ id: g.id, statements });
}

function runReference(goldPath: string, predPath: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, [REFERENCE, goldPath, predPath, '--json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Our report restricted to the reference's keys (ours adds raw counts and per-type linked recall). */
function restrictTo(ours: unknown, theirs: unknown): unknown {
  if (!theirs || typeof theirs !== 'object' || !ours || typeof ours !== 'object') return ours;
  return Object.fromEntries(Object.keys(theirs).map((k) => [k, restrictTo((ours as Record<string, unknown>)[k], (theirs as Record<string, unknown>)[k])]));
}

function agree(goldLines: string[], predLines: string[], label: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'hearsay-eval-'));
  try {
    const goldPath = join(dir, 'gold.jsonl');
    const predPath = join(dir, 'pred.jsonl');
    writeFileSync(goldPath, goldLines.join('\n') + '\n');
    writeFileSync(predPath, predLines.join('\n') + '\n');
    const theirs = runReference(goldPath, predPath);
    const ours = scoreAttributions(parseGold(goldLines.join('\n')), parsePredictions(predLines.join('\n')));
    assert.deepEqual(restrictTo(ours, theirs), theirs, label);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('agrees with the reference scorer on perturbed dev gold', { skip: absent }, () => {
  const lines = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim());
  for (const seed of [1, 2, 3]) agree(lines, lines.map((l, i) => perturb(l, seed * 1000 + i)), `seed ${seed}`);
  // an article with no prediction at all, and the gold itself (100 everywhere)
  agree(lines.slice(0, 10), lines.slice(1, 10).map((l) => perturb(l, 7)), 'missing article');
});

test('agrees with the reference scorer on a second annotator against the first', { skip: absent }, () => {
  const lines = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim());
  const multi = lines.map((l) => JSON.parse(l)).filter((g) => g.alt_annotations?.length);
  assert.ok(multi.length > 0);
  for (let k = 0; k < multi[0].alt_annotations.length; k++) {
    const preds = multi.map((g) => JSON.stringify({ id: g.id, statements: (g.alt_annotations[k] ?? { attributions: [] }).attributions }));
    agree(multi.map((g) => JSON.stringify(g)), preds, `annotator ${k}`);
  }
});

test("agrees with the reference scorer on hearsay's own predictions", { skip: absent }, () => {
  const lines = readFileSync(DEV, 'utf8').split('\n').filter((l) => l.trim()).slice(0, 12);
  const preds = parseGold(lines.join('\n')).map((g) => JSON.stringify(predictArticle(g)));
  agree(lines, preds, 'extractor');
});
