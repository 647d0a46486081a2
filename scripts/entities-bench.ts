// CPU cost of the entities stage alone: runs the stages before it once over the BBC articles, then
// the entities stage over every article REPS times, and reports CPU microseconds per article
// (process.cpuUsage, steadier than the wall clock on a shared machine). Usage:
//   npx tsx scripts/entities-bench.ts [LIMIT] [REPS]
import { existsSync, readFileSync } from 'node:fs';
import { Pipeline } from '../src/core/pipeline.js';
import { DEFAULT_STAGES } from '../src/extract/pipeline.js';
import { entitiesStage } from '../src/extract/entities/stage.js';

const FILE = '../shared/data/news/bbc-2225/articles.jsonl';
if (!existsSync(FILE)) {
  console.log(`entities-bench: skipped, ${FILE} is absent`);
  process.exit(0);
}
const limit = Number(process.argv[2] ?? 2225);
const reps = Number(process.argv[3] ?? 2);
const texts = readFileSync(FILE, 'utf8').trim().split('\n').slice(0, limit).map((l) => (JSON.parse(l) as { text: string }).text);
const before = new Pipeline(DEFAULT_STAGES.slice(0, DEFAULT_STAGES.findIndex((s) => s.name === 'entities')));
const docs = texts.map((t) => before.run(t));
const statements = docs.map((d) => d.statements.map((s) => ({ ...s })));
entitiesStage.run(docs[0]!, {});
const cpu = process.cpuUsage();
const wall = performance.now();
for (let r = 0; r < reps; r++) {
  docs.forEach((d, i) => {
    d.statements = statements[i]!.map((s) => ({ ...s }));
    entitiesStage.run(d, {});
  });
}
const used = process.cpuUsage(cpu);
const n = reps * docs.length;
console.log(`entities stage over ${docs.length} BBC articles x${reps}: ${((used.user + used.system) / n).toFixed(0)} µs CPU per article, ${((1000 * (performance.now() - wall)) / n).toFixed(0)} µs wall`);
