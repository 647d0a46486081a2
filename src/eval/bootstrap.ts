// Article bootstrap of the scorer's headline F1s: how precisely a gold set of N articles measures
// them. The articles are drawn N at a time with replacement (seeded, so a run is reproducible), each
// resample is scored from the articles' own counts (as score.ts counts them, one article at a time),
// and the percentile interval of each F1 is reported. Attributions of one article are not
// independent (one annotator, one story), so articles, not attributions, are the resampled unit.
// Written here because the scorer's counts are what must be resampled; no statistics library
// reads them.

import { seededRandom } from '../core/random.js';
import { countArticle, emptyCounts, type EvalCounts } from './score.js';
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

/** F1 in percent from counts, as the scorer computes it before rounding. */
function f1(tp: number, predicted: number, gold: number): number {
  const p = predicted ? tp / predicted : 0;
  const r = gold ? tp / gold : 0;
  return p + r ? (200 * p * r) / (p + r) : 0;
}

/** The q-quantile of sorted values (linear between neighbours). */
function quantile(sorted: Float64Array, q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at), hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/**
 * Bootstrap intervals of the headline F1s of `predictions` against `gold` (joined by id, as
 * scoreAttributions joins them), from `samples` resamples of the articles drawn with `seed`.
 */
export function bootstrapScores(gold: readonly GoldArticle[], predictions: ReadonlyMap<string, PredArticle>, samples: number, seed: number, level = 0.95): BootstrapReport {
  const names = BOOTSTRAP_SCORES;
  // Per article and score: tp, predicted, gold (one row of 3 x names.length numbers an article).
  const width = names.length * 3;
  const rows = new Float64Array(gold.length * width);
  const total = new Float64Array(width);
  gold.forEach((g, i) => {
    const c = emptyCounts();
    countArticle(c, g, predictions.get(g.id));
    const p = parts(c);
    names.forEach((name, k) => {
      for (let j = 0; j < 3; j++) {
        rows[i * width + k * 3 + j] = p[name][j];
        total[k * 3 + j] += p[name][j];
      }
    });
  });
  const random = seededRandom(seed);
  const n = gold.length;
  const drawn = names.map(() => new Float64Array(samples));
  const sums = new Float64Array(width);
  for (let s = 0; s < samples; s++) {
    sums.fill(0);
    for (let d = 0; d < n; d++) {
      const at = Math.floor(random() * n) * width;
      for (let j = 0; j < width; j++) sums[j] += rows[at + j]!;
    }
    names.forEach((_, k) => (drawn[k]![s] = f1(sums[k * 3]!, sums[k * 3 + 1]!, sums[k * 3 + 2]!)));
  }
  const scores = {} as Record<BootstrapScore, Interval>;
  names.forEach((name, k) => {
    const values = drawn[k]!.sort();
    let mean = 0;
    for (const v of values) mean += v;
    mean /= values.length || 1;
    let variance = 0;
    for (const v of values) variance += (v - mean) ** 2;
    scores[name] = {
      f1: f1(total[k * 3]!, total[k * 3 + 1]!, total[k * 3 + 2]!),
      low: values.length ? quantile(values, (1 - level) / 2) : 0,
      high: values.length ? quantile(values, 1 - (1 - level) / 2) : 0,
      sd: Math.sqrt(variance / (values.length || 1)),
    };
  });
  return { samples, seed, level, articles: n, scores };
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
