// Prints the relations (disputes / supports / repeats) the pipeline finds on the BBC corpus, and an
// evenly spaced sample of them with both statements, for judging precision by hand (no gold exists
// for relations at this scale). Reads ../shared/data/news/bbc-2225/articles.jsonl at run time
// (research-only: the text is printed to the terminal, never stored). Usage:
//   npx tsx scripts/relations-sample.ts [SAMPLE=25] [--all]
import { existsSync, readFileSync } from 'node:fs';
import { extract } from '../src/extract/pipeline.js';
import type { ArticleJson } from '../src/core/format.js';

const DATA = '../shared/data/news/bbc-2225/articles.jsonl';
const args = process.argv.slice(2);
const size = Number(args.find((a) => /^\d+$/.test(a)) ?? 25);
if (!existsSync(DATA)) {
  console.log(`skipped: ${DATA} is not here`);
  process.exit(0);
}
const rows = readFileSync(DATA, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string });
const found: { article: ArticleJson; kind: string; from: string; to: string; evidence: string }[] = [];
const byKind = new Map<string, number>();
for (const row of rows) {
  const article = extract(row.text, row.id);
  for (const r of article.relations) {
    found.push({ article, kind: r.kind, from: r.from, to: r.to, evidence: r.evidence?.text ?? '' });
    byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  }
}
console.log(`${rows.length} articles, ${found.length} relations: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}`);
const step = found.length / Math.min(size, found.length || 1);
const picks = args.includes('--all') ? found : Array.from({ length: Math.min(size, found.length) }, (_, i) => found[Math.floor(i * step)]!);
const show = (a: ArticleJson, id: string): string => {
  const s = a.statements.find((x) => x.id === id)!;
  const speaker = a.entities.find((e) => e.id === s.speaker)?.name ?? s.source?.text ?? '∅';
  const content = s.content.map((c) => c.text).join(' … ').replace(/\s+/g, ' ');
  return `${speaker} · ${s.cue.text} · ${s.act} · ${content.slice(0, 220)}`;
};
picks.forEach((p, i) => {
  console.log(`\n#${i + 1} ${p.article.id} ${p.kind}  evidence: ${JSON.stringify(p.evidence)}`);
  console.log(`  FROM ${show(p.article, p.from)}`);
  console.log(`  TO   ${show(p.article, p.to)}`);
});
