// The attribution scorer: predicted statements against gold attributions (PolNeAR definitions).
// Role level (unlinked), per role (cue, source, content):
//   exact   one-to-one equal position sets; P = equal / predicted instances, R = equal / gold ones
//   overlap per article, positions of the union of predicted role spans against the gold union
// Attribution level (linked): predictions are paired one-to-one with gold attributions by largest
//   cue overlap (at least one shared position); among candidate pairs the one sharing most of
//   cue + content + source positions goes first. On a pair, source / content / all three are
//   exact or not; linked cue P/R/F1 counts the pairs. Content overlap counts positions within
//   pairs, with unpaired statements' and attributions' content in the denominators.
// The definitions and the rounding are those of ../shared/tools/score-attributions.mjs, which
// test/eval-agreement.test.ts runs side by side with this module. docs/metric.md explains them.

import { samePositions, scoringPositions, sharedCount } from './positions.js';
import type { GoldArticle, PredArticle, RoleSpans } from './records.js';

export const ROLES = ['cue', 'source', 'content'] as const;
export type Role = (typeof ROLES)[number];

/** Precision, recall and F1 in percent, rounded to one decimal as the reference scorer does. */
export interface PRF {
  p: number;
  r: number;
  f1: number;
}

export interface RoleCounts {
  /** Gold and predicted instances (non-empty role spans). */
  g: number;
  p: number;
  /** Instances equal one-to-one. */
  eq: number;
  /** Overlap: shared, predicted and gold positions. */
  ovTP: number;
  ovP: number;
  ovG: number;
}

export interface LinkedCounts {
  pairs: number;
  source: number;
  content: number;
  all: number;
  cOvTP: number;
  cOvP: number;
  cOvG: number;
}

export interface TypeCounts {
  gold: number;
  linked: number;
  contentExact: number;
  contentOvTP: number;
  contentOvG: number;
}

/** Raw counts: add them across runs or folds, then turn them into a report with `report()`. */
export interface EvalCounts {
  docs: number;
  missingDocs: number;
  gold: number;
  pred: number;
  role: Record<Role, RoleCounts>;
  linked: LinkedCounts;
  byType: Record<string, TypeCounts>;
}

export interface TypeReport {
  gold: number;
  /** Percent of this type's gold attributions paired with a prediction (linked cue recall). */
  linkedRecall: number;
  contentExactRecall: number;
  contentOverlapRecall: number;
}

export interface EvalReport {
  docs: number;
  missingDocs: number;
  gold: number;
  pred: number;
  role: Record<Role, { exact: PRF; overlap: PRF }>;
  linked: { pairs: number; cue: PRF; source: PRF; content: PRF; all: PRF; contentOverlap: PRF };
  byType: Record<string, TypeReport>;
  counts: EvalCounts;
}

export function emptyCounts(): EvalCounts {
  const role = (): RoleCounts => ({ g: 0, p: 0, eq: 0, ovTP: 0, ovP: 0, ovG: 0 });
  return {
    docs: 0,
    missingDocs: 0,
    gold: 0,
    pred: 0,
    role: { cue: role(), source: role(), content: role() },
    linked: { pairs: 0, source: 0, content: 0, all: 0, cOvTP: 0, cOvP: 0, cOvG: 0 },
    byType: {},
  };
}

type Positions = Record<Role, Set<number>>;

function positionsOf(text: string, s: RoleSpans): Positions {
  return { cue: scoringPositions(text, s.cue), source: scoringPositions(text, s.source), content: scoringPositions(text, s.content) };
}

/** Adds one article's comparison to `counts`. `pred` is undefined when the article has no prediction. */
export function countArticle(counts: EvalCounts, gold: GoldArticle, pred: PredArticle | undefined): void {
  const text = gold.text;
  counts.docs++;
  if (!pred) counts.missingDocs++;
  const G = gold.attributions.map((a) => positionsOf(text, a));
  const types = gold.attributions.map((a) => a.quoteType);
  const P = (pred?.statements ?? []).map((s) => positionsOf(text, s));
  counts.gold += G.length;
  counts.pred += P.length;

  for (const r of ROLES) {
    const R = counts.role[r];
    const gi = G.map((x) => x[r]).filter((s) => s.size > 0);
    const pi = P.map((x) => x[r]).filter((s) => s.size > 0);
    R.g += gi.length;
    R.p += pi.length;
    // Equality is an equivalence, so matching each prediction to the first unused equal gold is a
    // maximum one-to-one matching.
    const used = new Set<number>();
    for (const ps of pi) {
      const k = gi.findIndex((gs, j) => !used.has(j) && samePositions(ps, gs));
      if (k >= 0) {
        used.add(k);
        R.eq++;
      }
    }
    const goldUnion = new Set(gi.flatMap((s) => [...s]));
    const predUnion = new Set(pi.flatMap((s) => [...s]));
    R.ovTP += sharedCount(predUnion, goldUnion);
    R.ovP += predUnion.size;
    R.ovG += goldUnion.size;
  }

  // Candidate pairs share at least one cue position; the greedy order is by everything shared,
  // and a stable sort keeps prediction-then-gold order among equals.
  const candidates: [number, number, number][] = [];
  P.forEach((ps, i) =>
    G.forEach((gs, j) => {
      const cueShared = sharedCount(ps.cue, gs.cue);
      if (cueShared > 0) candidates.push([cueShared + sharedCount(ps.content, gs.content) + sharedCount(ps.source, gs.source), i, j]);
    }),
  );
  candidates.sort((a, b) => b[0] - a[0]);
  const predPaired = new Set<number>();
  const goldPaired = new Set<number>();
  const L = counts.linked;
  const typeCounts = (t: string): TypeCounts => (counts.byType[t] ??= { gold: 0, linked: 0, contentExact: 0, contentOvTP: 0, contentOvG: 0 });
  for (const [, i, j] of candidates) {
    if (predPaired.has(i) || goldPaired.has(j)) continue;
    predPaired.add(i);
    goldPaired.add(j);
    const p = P[i]!;
    const g = G[j]!;
    L.pairs++;
    const sourceOk = samePositions(p.source, g.source);
    const contentOk = samePositions(p.content, g.content);
    const cueOk = samePositions(p.cue, g.cue);
    if (sourceOk) L.source++;
    if (contentOk) L.content++;
    if (sourceOk && contentOk && cueOk) L.all++;
    const shared = sharedCount(p.content, g.content);
    L.cOvTP += shared;
    L.cOvP += p.content.size;
    L.cOvG += g.content.size;
    const t = typeCounts(types[j]!);
    t.linked++;
    if (contentOk) t.contentExact++;
    t.contentOvTP += shared;
    t.contentOvG += g.content.size;
  }
  for (const t of types) typeCounts(t).gold++;
  P.forEach((p, i) => {
    if (!predPaired.has(i)) L.cOvP += p.content.size;
  });
  G.forEach((g, j) => {
    if (!goldPaired.has(j)) L.cOvG += g.content.size;
  });
}

/** P/R/F1 from true positives and the predicted and gold totals, rounded as the reference does. */
export function prf(tp: number, predicted: number, gold: number): PRF {
  const P = predicted ? tp / predicted : 0;
  const R = gold ? tp / gold : 0;
  return { p: round1(100 * P), r: round1(100 * R), f1: round1(f1Percent(tp, predicted, gold)) };
}

/** F1 in percent from counts, unrounded (prf rounds it; the bootstrap resamples it). */
export function f1Percent(tp: number, predicted: number, gold: number): number {
  const P = predicted ? tp / predicted : 0;
  const R = gold ? tp / gold : 0;
  return P + R ? (200 * P * R) / (P + R) : 0;
}

function round1(x: number): number {
  return +x.toFixed(1);
}

function percentOf(part: number, whole: number): number {
  return round1((100 * part) / (whole || 1));
}

/** Turns raw counts into the report (percentages rounded to one decimal). */
export function report(counts: EvalCounts): EvalReport {
  const role = {} as EvalReport['role'];
  for (const r of ROLES) {
    const R = counts.role[r];
    role[r] = { exact: prf(R.eq, R.p, R.g), overlap: prf(R.ovTP, R.ovP, R.ovG) };
  }
  const L = counts.linked;
  const byType: Record<string, TypeReport> = {};
  for (const [t, v] of Object.entries(counts.byType)) {
    byType[t] = {
      gold: v.gold,
      linkedRecall: percentOf(v.linked, v.gold),
      contentExactRecall: percentOf(v.contentExact, v.gold),
      contentOverlapRecall: percentOf(v.contentOvTP, v.contentOvG),
    };
  }
  return {
    docs: counts.docs,
    missingDocs: counts.missingDocs,
    gold: counts.gold,
    pred: counts.pred,
    role,
    linked: {
      pairs: L.pairs,
      cue: prf(L.pairs, counts.pred, counts.gold),
      source: prf(L.source, counts.pred, counts.gold),
      content: prf(L.content, counts.pred, counts.gold),
      all: prf(L.all, counts.pred, counts.gold),
      contentOverlap: prf(L.cOvTP, L.cOvP, L.cOvG),
    },
    byType,
    counts,
  };
}

/**
 * Scores predictions against gold. Predictions are joined to gold by id (as strings; a later
 * record with the same id wins); predictions for ids not in the gold are ignored.
 */
export function scoreAttributions(gold: readonly GoldArticle[], predictions: Iterable<PredArticle> | ReadonlyMap<string, PredArticle>): EvalReport {
  const byId = predictions instanceof Map ? (predictions as ReadonlyMap<string, PredArticle>) : new Map([...(predictions as Iterable<PredArticle>)].map((p) => [p.id, p] as const));
  const counts = emptyCounts();
  for (const g of gold) countArticle(counts, g, byId.get(g.id));
  return report(counts);
}
