// Picks the BBC articles of a blind speaker set by a stated, seeded rule, so anyone can check that
// the set was not chosen by looking at hearsay's output. The rule: in each of the five categories
// of ../shared/data/news/bbc-2225/articles.jsonl, the articles with at least three pairs of
// quotation marks (six or more `"`), minus those already used anywhere in the repository, sorted by
// id and shuffled with seededRandom(SEED); the first PER of each category. Prints ids only (the
// texts are research-only and never enter the repository). Usage:
//   npx tsx scripts/bbc-speaker-sample.ts [SEED] [PER] [SKIP]
// SKIP leaves out the first SKIP picks of each category (for a second set with the same seed).
import { existsSync, readFileSync } from 'node:fs';
import { seededRandom } from '../src/core/random.js';

const DATA = '../shared/data/news/bbc-2225/articles.jsonl';
const USED = new Set(['bbc-business-164', 'bbc-politics-126', 'bbc-politics-184']);
const seed = Number(process.argv[2] ?? 20261127);
const per = Number(process.argv[3] ?? 4);
const skip = Number(process.argv[4] ?? 0);

if (!existsSync(DATA)) {
  console.log(`skipped: ${DATA} is not here`);
  process.exit(0);
}
const rows = readFileSync(DATA, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; category: string; text: string });
for (const category of ['business', 'entertainment', 'politics', 'sport', 'tech']) {
  const pool = rows
    .filter((r) => r.category === category && !USED.has(r.id) && (r.text.match(/"/g)?.length ?? 0) >= 6)
    .map((r) => r.id)
    .sort();
  const random = seededRandom(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  for (const id of pool.slice(skip, skip + per)) console.log(id);
}
