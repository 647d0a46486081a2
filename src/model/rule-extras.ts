// How much the rules' extra statements (those the learned stage's arbitration adds at cues where
// the model found none) give and cost in the whole pipeline, on held-out train articles with the
// model trained without them: the pipeline's scores as shipped, without those statements, and
// without only the wrong ones (an oracle filter: the most a veto over them could gain). A
// statement counts as right when its cue overlaps a gold cue of the article. Never reads dev.
// Usage: npx tsx src/model/rule-extras.ts --model HELD-OUT-MODEL (train.ts --held-out-model FILE)

import { Pipeline } from '../core/pipeline.js';
import { overlaps } from '../core/span.js';
import type { Statement } from '../core/model.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { DEFAULT_MERGE, makeLearnedStage, modelStatements } from '../extract/learned/stage.js';
import { headline, TRAIN_PATH } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';
import { isHeldOut } from './train.js';
import { loadModel } from './weights-file.js';
import { buildTokenTable, cueEmissions } from './features.js';
import { tokenRange } from './labels.js';
import { buildTrainingSet } from './corpus.js';
import { hashString } from './hashing.js';
import { ROLE_WINDOW } from './attribution-model.js';

const args = process.argv.slice(2);
const at = args.indexOf('--model');
const { model } = loadModel(at >= 0 ? args[at + 1] : undefined);
const train = readPolnear(TRAIN_PATH).filter((g) => !g.id.includes('#'));
const gold = train.filter((g) => isHeldOut(g.id));
// Cue counts of the articles the held-out model was trained on.
const counts = buildTrainingSet(train.filter((g) => !isHeldOut(g.id)), null, 0, false).cueCounts;
const pipeline = new Pipeline(DEFAULT_STAGES.map((s) => (s.name === 'learned' ? makeLearnedStage(DEFAULT_MERGE, model) : s)));
const runs = gold.map((g) => {
  const doc = pipeline.run(g.text, g.id);
  const fromModel = modelStatements(doc, model);
  const extra = new Set(doc.statements.filter((s) => !fromModel.some((m) => overlaps(m.cue, s.cue))));
  const right = new Set([...extra].filter((s) => g.attributions.some((a) => a.cue.some((c) => overlaps(c, s.cue)))));
  // What the model makes of each extra cue: the cue tagger's B-cue score over O on its first token
  // (bias included) and whether the role tagger finds content and a source for it.
  const t = buildTokenTable(doc, model.classes, null);
  const otherCue = new Uint8Array(t.n);
  const reading = new Map<Statement, { margin: number; content: boolean; source: boolean; candidate: boolean; rate: number; seen: number }>();
  for (const s of extra) {
    const run = tokenRange(doc, [s.cue]);
    if (!run) continue;
    const p = t.paragraph[run.first]!;
    const from = t.paraStart[p]!, to = t.paraEnd[p]!;
    const e = cueEmissions(t, from, to, model.cue.weights, model.cue.bits, model.cue.tagBias, new Float64Array(0));
    const margin = e[(run.first - from) * 3 + 1]! - e[(run.first - from) * 3]!;
    const roles = model.findRoles(t, Math.max(from, run.first - ROLE_WINDOW), Math.min(to, run.end + ROLE_WINDOW), run, otherCue);
    // The cue lemmas' record in the training articles: whether some token of the cue is a cue
    // candidate, and the highest rate at which a lemma of the cue stands inside a gold cue there.
    let candidate = false, rate = 0, seen = 0;
    for (let i = run.first; i < run.end; i++) {
      if (model.candidates?.isCandidate(t.lemma[i]!) ?? true) candidate = true;
      const c = counts.counts.get(hashString(doc.tokens[i]!.lemma));
      if (c && c[1] / c[0] >= rate) { rate = c[1] / c[0]; seen = c[0]; }
    }
    reading.set(s, { margin, content: roles.content.length > 0, source: roles.source.length > 0, candidate, rate, seen });
  }
  return { g, statements: doc.statements, extra, right, reading };
});
const score = (keep: (s: Statement, run: (typeof runs)[number]) => boolean): string => {
  const preds: PredArticle[] = runs.map((r) => ({
    id: r.g.id,
    statements: r.statements.filter((s) => keep(s, r)).map((s) => ({ source: s.source ? [s.source] : [], cue: [s.cue], content: s.content })),
  }));
  const s = scoreAttributions(runs.map((r) => r.g.scorer), preds);
  return `${headline(s)} | cue P/R ${s.linked.cue.p}/${s.linked.cue.r}`;
};
const extras = runs.reduce((n, r) => n + r.extra.size, 0), right = runs.reduce((n, r) => n + r.right.size, 0);
console.log(`${gold.length} held-out articles; the rules add ${extras} statements at cues the model did not find, ${right} of them at a gold cue`);
for (const kind of ['direct', 'mixed', 'indirect']) {
  const k = runs.flatMap((r) => [...r.extra].filter((s) => s.kind === kind));
  console.log(`  ${kind}: ${k.length}, ${k.filter((s) => runs.some((r) => r.right.has(s))).length} right`);
}
const split = (name: string, test: (x: { margin: number; content: boolean; source: boolean; candidate: boolean; rate: number; seen: number }) => boolean): void => {
  let n = 0, k = 0, m = 0, j = 0;
  for (const r of runs) for (const s of r.extra) {
    const x = r.reading.get(s);
    if (!x) continue;
    if (test(x)) { n++; if (r.right.has(s)) k++; } else { m++; if (r.right.has(s)) j++; }
  }
  console.log(`  ${name}: ${n} (${k} right) / otherwise ${m} (${j} right)`);
};
for (const floor of [-60, -40, -20, 0]) split(`cue score over O >= ${floor}`, (x) => x.margin >= floor);
split('role tagger finds content', (x) => x.content);
split('role tagger finds a source', (x) => x.source);
split('content and source', (x) => x.content && x.source);
split('some cue token is a cue candidate', (x) => x.candidate);
for (const r of [0.02, 0.05, 0.1, 0.2, 0.3]) split(`a cue lemma inside gold cues >= ${r} of its (>= 5) train occurrences`, (x) => x.seen >= 5 && x.rate >= r);
split('cue lemmas seen < 5 times in train', (x) => x.seen < 5);
console.log(`shipped:               ${score(() => true)}`);
console.log(`without the extras:    ${score((s, r) => !r.extra.has(s))}`);
console.log(`without wrong extras:  ${score((s, r) => !r.extra.has(s) || r.right.has(s))}`);
