// Error analysis of the shipped pipeline on a PolNeAR-format split: pairs predicted statements with
// gold attributions as the scorer does (largest cue overlap, letters and digits only), classifies
// every error into kinds, and prints each kind's count with a few short examples.
// Usage: npx tsx src/model/error-analysis.ts [GOLD.jsonl] [--examples N]   (default: PolNeAR dev)

import { analyse } from '../extract/pipeline.js';
import { scoringPositions, sharedCount, samePositions } from '../eval/positions.js';
import type { Span } from '../core/span.js';
import { DEV_PATH } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';

interface Role {
  cue: Span[];
  source: Span[];
  content: Span[];
}

const args = process.argv.slice(2);
const goldPath = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? DEV_PATH;
const nExamples = Number(args[args.indexOf('--examples') + 1] ?? 2) || 2;
const kinds = new Map<string, { count: number; examples: string[] }>();

function note(kind: string, example: string): void {
  const k = kinds.get(kind) ?? { count: 0, examples: [] };
  k.count++;
  if (k.examples.length < nExamples) k.examples.push(example);
  kinds.set(kind, k);
}

const cut = (s: string, n = 110): string => (s.length > n ? s.slice(0, n) + '…' : s).replace(/\s+/g, ' ');

for (const g of readPolnear(goldPath)) {
  const text = g.text;
  const doc = analyse(text, g.id);
  const P: Role[] = doc.statements.map((s) => ({ cue: [s.cue], source: s.source ? [s.source] : [], content: s.content }));
  const G: Role[] = g.attributions;
  const pos = (spans: Span[]): Set<number> => scoringPositions(text, spans);
  const Pp = P.map((p) => ({ cue: pos(p.cue), source: pos(p.source), content: pos(p.content) }));
  const Gp = G.map((x) => ({ cue: pos(x.cue), source: pos(x.source), content: pos(x.content) }));
  const cand: [number, number, number][] = [];
  Pp.forEach((p, i) => Gp.forEach((q, j) => {
    const o = sharedCount(p.cue, q.cue);
    if (o > 0) cand.push([o + sharedCount(p.content, q.content) + sharedCount(p.source, q.source), i, j]);
  }));
  cand.sort((a, b) => b[0] - a[0]);
  const pu = new Set<number>(), gu = new Set<number>();
  const show = (spans: Span[]): string => (spans.length ? spans.map((s) => `“${cut(text.slice(s.start, s.end), 70)}”`).join(' + ') : '∅');
  const context = (s: Span): string => {
    const para = doc.paragraphs.find((p) => p.start <= s.start && s.start < p.end);
    const a = Math.max(para?.start ?? 0, s.start - 70), b = Math.min(para?.end ?? text.length, s.end + 70);
    return cut(text.slice(a, b), 160);
  };
  for (const [, i, j] of cand) {
    if (pu.has(i) || gu.has(j)) continue;
    pu.add(i);
    gu.add(j);
    const p = P[i]!, q = G[j]!, pp = Pp[i]!, qq = Gp[j]!;
    if (!samePositions(pp.cue, qq.cue)) note('cue boundary (linked, not exact)', `gold ${show(q.cue)} / predicted ${show(p.cue)}`);
    if (!samePositions(pp.source, qq.source)) {
      const kind = qq.source.size === 0 ? 'source predicted where gold has none' : pp.source.size === 0 ? 'source missed (gold has one)' : sharedCount(pp.source, qq.source) === 0 ? 'source wrong (no overlap)' : 'source boundary (overlapping, not exact)';
      note(kind, `cue ${show(q.cue)}: gold ${show(q.source)} / predicted ${show(p.source)}`);
    }
    if (!samePositions(pp.content, qq.content)) {
      let kind: string;
      const shared = sharedCount(pp.content, qq.content);
      if (shared === 0) kind = 'content wrong (no overlap)';
      else if (q.content.length > p.content.length && shared < qq.content.size) kind = 'content fragment missed (split or second quote)';
      else if (shared === qq.content.size) kind = 'content too long (runs past the gold span)';
      else if (shared === pp.content.size) kind = 'content too short (stops inside the gold span)';
      else kind = 'content shifted (too long at one end, short at the other)';
      note(kind, `cue ${show(q.cue)}: gold ${show(q.content)} / predicted ${show(p.content)}`);
    }
  }
  G.forEach((q, j) => {
    if (gu.has(j) || !q.cue.length) return;
    const cueText = text.slice(q.cue[0]!.start, q.cue.at(-1)!.end).toLowerCase();
    const speech = /\b(said|says|say|saying|told|tell|added|wrote|according|asked|stated|announced|tweeted|reported|noted|explained)\b/.test(cueText);
    const first = doc.tokenFrom(q.cue[0]!.start);
    const cueTokens = doc.tokens.slice(first, doc.tokenFrom(q.cue.at(-1)!.end));
    const hasVerb = cueTokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
    const kind = !/[\p{L}\p{N}]/u.test(cueText)
      ? 'attribution missed: punctuation cue (transcript “NAME:” lines, colons)'
      : speech
        ? 'attribution missed: speech or reporting cue'
        : hasVerb
          ? 'attribution missed: verb of belief, intention, evaluation or action'
          : 'attribution missed: noun, adjective or prepositional cue';
    note(kind, `cue ${show(q.cue)} in “${context(q.cue[0]!)}”`);
  });
  P.forEach((p, i) => {
    if (pu.has(i)) return;
    const c = p.cue[0]!;
    const inside = G.some((q) => q.content.some((s) => s.start <= c.start && c.end <= s.end));
    note(inside ? 'spurious attribution inside another attribution’s content' : 'spurious attribution (no gold attribution at the cue)', `cue ${show(p.cue)} in “${context(c)}”`);
  });
}

const sorted = [...kinds].sort((a, b) => b[1].count - a[1].count);
for (const [kind, k] of sorted) {
  console.log(`${String(k.count).padStart(5)}  ${kind}`);
  for (const e of k.examples) console.log(`         e.g. ${e}`);
}
