// Article bootstrap of the scorer's headline F1s: how precisely a gold set of N articles measures
// them, and whether one prediction set beats another on it. The articles are drawn N at a time
// with replacement (seeded, so a run is reproducible), each resample is scored from the articles'
// own counts (as score.ts counts them, one article at a time), and the percentile interval of each
// F1, or of the difference between two sets scored on the same draws (a paired bootstrap), is
// reported. Attributions of one article are not independent (one annotator, one story), so
// articles, not attributions, are the resampled unit. Written here because the scorer's counts are
// what must be resampled; no statistics library reads them.

import { seededRandom } from '../core/random.js';
import { countArticle, emptyCounts, f1Percent, type EvalCounts } from './score.js';
import type { GoldArticle, PredArticle } from './records.js';

/** The headline F1s whose spread is estimated, as `hearsay eval` names them. */
export const BOOTSTRAP_SCORES = ['linked cue', 'linked source', 'content overlap (role)', 'linked all three exact'] as const;
export type BootstrapScore = (typeof BOOTSTRAP_SCORES)[number];

export interface Interval {
  /** F1 of the whole set, unrounded. */
  f1: number;
  /** Percentile bounds of the resampled F1s. */
  low: number;
  high: number;
  /** Standard deviation of the resampled F1s. */
  sd: number;
}

export interface BootstrapReport {
  samples: number;
  seed: number;
  /** Coverage of the intervals (0.95). */
  level: number;
  articles: number;
  scores: Record<BootstrapScore, Interval>;
}

/** The counts each headline F1 is made of: [true positives, predicted, gold]. */
function parts(c: EvalCounts): Record<BootstrapScore, [number, number, number]> {
  const content = c.role.content;
  return {
    'linked cue': [c.linked.pairs, c.pred, c.gold],
    'linked source': [c.linked.source, c.pred, c.gold],
    'content overlap (role)': [content.ovTP, content.ovP, content.ovG],
    'linked all three exact': [c.linked.all, c.pred, c.gold],
  };
}

/** The q-quantile of sorted values (linear between neighbours). */
function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at), hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Per article, the counts of every headline F1 (tp, predicted, gold for each, in
 * BOOTSTRAP_SCORES order): one row of WIDTH numbers an article. */
const WIDTH = BOOTSTRAP_SCORES.length * 3;
function articleRows(gold: readonly GoldArticle[], predictions: ReadonlyMap<string, PredArticle>): Float64Array {
  const rows = new Float64Array(gold.length * WIDTH);
  gold.forEach((g, i) => {
    const c = emptyCounts();
    countArticle(c, g, predictions.get(g.id));
    const p = parts(c);
    BOOTSTRAP_SCORES.forEach((name, k) => {
      for (let j = 0; j < 3; j++) rows[i * WIDTH + k * 3 + j] = p[name][j];
    });
  });
  return rows;
}

/** The headline F1s of the articles' rows summed with the multiplicities in `times` (1 each for
 * the whole set), into out[0 .. names). */
function scoresOf(rows: Float64Array, times: Int32Array, sums: Float64Array, out: Float64Array): void {
  sums.fill(0);
  for (let a = 0; a < times.length; a++) {
    const m = times[a]!;
    if (m === 0) continue;
    for (let j = 0; j < WIDTH; j++) sums[j] += m * rows[a * WIDTH + j]!;
  }
  for (let k = 0; k < BOOTSTRAP_SCORES.length; k++) out[k] = f1Percent(sums[k * 3]!, sums[k * 3 + 1]!, sums[k * 3 + 2]!);
}

/** Calls `each(times)` for `samples` resamples of n articles (how often each article was drawn). */
function resample(n: number, samples: number, seed: number, each: (times: Int32Array, sample: number) => void): void {
  const random = seededRandom(seed);
  const times = new Int32Array(n);
  for (let s = 0; s < samples; s++) {
    times.fill(0);
    for (let d = 0; d < n; d++) times[Math.floor(random() * n)]!++;
    each(times, s);
  }
}

/** Percentile bounds and standard deviation of sampled values (sorted in place). */
function spread(values: Float64Array, level: number): { low: number; high: number; sd: number } {
  if (!values.length) return { low: 0, high: 0, sd: 0 };
  values.sort();
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  return { low: quantile(values, (1 - level) / 2), high: quantile(values, 1 - (1 - level) / 2), sd: Math.sqrt(variance / values.length) };
}

/**
 * Bootstrap intervals of the headline F1s of `predictions` against `gold` (joined by id, as
 * scoreAttributions joins them), from `samples` resamples of the articles drawn with `seed`.
 */
export function bootstrapScores(gold: readonly GoldArticle[], predictions: ReadonlyMap<string, PredArticle>, samples: number, seed: number, level = 0.95): BootstrapReport {
  const rows = articleRows(gold, predictions);
  const k = BOOTSTRAP_SCORES.length;
  const sums = new Float64Array(WIDTH), out = new Float64Array(k);
  const whole = new Float64Array(k);
  scoresOf(rows, new Int32Array(gold.length).fill(1), sums, whole);
  const drawn = BOOTSTRAP_SCORES.map(() => new Float64Array(samples));
  resample(gold.length, samples, seed, (times, s) => {
    scoresOf(rows, times, sums, out);
    for (let q = 0; q < k; q++) drawn[q]![s] = out[q]!;
  });
  const scores = {} as Record<BootstrapScore, Interval>;
  BOOTSTRAP_SCORES.forEach((name, q) => (scores[name] = { f1: whole[q]!, ...spread(drawn[q]!, level) }));
  return { samples, seed, level, articles: gold.length, scores };
}

export interface Difference {
  /** F1 of each prediction set on the whole gold set, unrounded. */
  a: number;
  b: number;
  /** b - a on the whole set, and the percentile bounds and standard deviation of b - a over the
   * resamples. */
  difference: number;
  low: number;
  high: number;
  sd: number;
  /** Share of the resamples in which b scores above a. */
  bAbove: number;
}

export interface ComparisonReport {
  samples: number;
  seed: number;
  level: number;
  articles: number;
  scores: Record<BootstrapScore, Difference>;
}

/**
 * Paired bootstrap of two prediction sets on the same gold: each resample draws the articles once
 * and scores both sets on the same draw, so the spread is that of the difference, which is far
 * narrower than either set's own interval (the articles that are hard for one are mostly hard for
 * the other).
 */
export function compareScores(gold: readonly GoldArticle[], a: ReadonlyMap<string, PredArticle>, b: ReadonlyMap<string, PredArticle>, samples: number, seed: number, level = 0.95): ComparisonReport {
  const rowsA = articleRows(gold, a), rowsB = articleRows(gold, b);
  const k = BOOTSTRAP_SCORES.length;
  const sums = new Float64Array(WIDTH), outA = new Float64Array(k), outB = new Float64Array(k);
  const ones = new Int32Array(gold.length).fill(1);
  const wholeA = new Float64Array(k), wholeB = new Float64Array(k);
  scoresOf(rowsA, ones, sums, wholeA);
  scoresOf(rowsB, ones, sums, wholeB);
  const drawn = BOOTSTRAP_SCORES.map(() => new Float64Array(samples));
  const above = new Float64Array(k);
  resample(gold.length, samples, seed, (times, s) => {
    scoresOf(rowsA, times, sums, outA);
    scoresOf(rowsB, times, sums, outB);
    for (let q = 0; q < k; q++) {
      drawn[q]![s] = outB[q]! - outA[q]!;
      if (outB[q]! > outA[q]!) above[q]++;
    }
  });
  const scores = {} as Record<BootstrapScore, Difference>;
  BOOTSTRAP_SCORES.forEach((name, q) => {
    scores[name] = { a: wholeA[q]!, b: wholeB[q]!, difference: wholeB[q]! - wholeA[q]!, ...spread(drawn[q]!, level), bAbove: samples ? above[q]! / samples : 0 };
  });
  return { samples, seed, level, articles: gold.length, scores };
}

/** The comparison as lines under `hearsay eval`'s table; `a` and `b` name the two sets. */
export function formatComparison(c: ComparisonReport, a: string, b: string): string {
  const pct = Math.round(c.level * 100);
  const signed = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(1);
  const lines = [
    `A = ${a}`,
    `B = ${b}`,
    `B against A, paired bootstrap over the ${c.articles} article${c.articles === 1 ? '' : 's'} (${c.samples} resamples, seed ${c.seed})`,
    `  ${'score'.padEnd(26)}${'A'.padStart(6)}${'B'.padStart(7)}${'B-A'.padStart(7)}   ${`${pct}% interval of B-A`.padEnd(22)}B above A in`,
  ];
  for (const name of BOOTSTRAP_SCORES) {
    const x = c.scores[name];
    const interval = `[${signed(x.low)}, ${signed(x.high)}]`;
    lines.push(`  ${name.padEnd(26)}${x.a.toFixed(1).padStart(6)}${x.b.toFixed(1).padStart(7)}${signed(x.difference).padStart(7)}   ${interval.padEnd(22)}${(100 * x.bAbove).toFixed(1).padStart(5)}% of resamples`);
  }
  return lines.join('\n') + '\n';
}

/** The report as lines under `hearsay eval`'s table. */
export function formatBootstrap(b: BootstrapReport): string {
  const pct = Math.round(b.level * 100);
  const lines = [`bootstrap over the ${b.articles} article${b.articles === 1 ? '' : 's'} (${b.samples} resamples, seed ${b.seed}): F1 and its ${pct}% interval`];
  for (const name of BOOTSTRAP_SCORES) {
    const x = b.scores[name];
    lines.push(`  ${name.padEnd(28)}${x.f1.toFixed(1).padStart(6)}   [${x.low.toFixed(1)}, ${x.high.toFixed(1)}]   sd ${x.sd.toFixed(2)}`);
  }
  return lines.join('\n') + '\n';
}
