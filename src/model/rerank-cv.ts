// Cross-validated measure of the cue re-ranker (cue-reranker.ts) on the train split. Step 1: the
// train articles are split into K folds by a hash of the id; for each fold, both taggers are
// trained on the other folds and produce that fold's candidate cues (cue tagger decoded with a
// generous bias) with their role readings. Step 2: the re-ranker is trained on the candidates of
// K-1 folds and scores the remaining fold's. Prints the pooled linked cue P / R / F1 of the
// candidates kept per threshold, next to the taggers' own decisions at several biases. Never
// reads dev. Usage: npx tsx src/model/rerank-cv.ts [--folds K] [--high B] [--epochs N]
//   [--learner lr|perceptron] [--dump-missed] (prints the gold cues no candidate overlaps)

import { AttributionModel, newCueTagger, newRoleTagger, ROLE_WINDOW, type TokenRun } from './attribution-model.js';
import { buildTrainingSet, tokenise, type TrainingSequence } from './corpus.js';
import { TRAIN_PATH } from './evaluate.js';
import { hashString } from './hashing.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { DEFAULT_TRAIN_OPTIONS } from './train.js';
import { buildWordClasses } from './word-classes.js';
import { CueCandidates, CueCounts } from './cue-candidates.js';
import { buildTokenTable } from './features.js';
import { runSpan } from './predictions.js';
import { tokenRange } from './labels.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { seededRandom } from '../core/random.js';
import type { StructuredPerceptron } from './perceptron.js';
import { CueReranker, rerankFeatures, type CueCandidate } from './cue-reranker.js';
import type { Doc } from '../core/doc.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = Number(opt('--folds') ?? 5);
const high = Number(opt('--high') ?? 35);
const epochs = Number(opt('--epochs') ?? 10);
const learner = opt('--learner') ?? 'lr';
const options = DEFAULT_TRAIN_OPTIONS;
const articles = readPolnear(TRAIN_PATH).filter((a) => !a.id.includes('#'));
const classes = buildWordClasses();
const foldOf = (a: GoldArticle): number => (hashString(a.id) >>> 3) % folds;
const t0 = performance.now();
const log = (s: string): void => console.error(`[${((performance.now() - t0) / 1000).toFixed(0)} s] ${s}`);

function runEpochs(p: StructuredPerceptron, data: TrainingSequence[], n: number, random: () => number): void {
  p.startTraining();
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= n; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) p.train(data[i]!.seq, data[i]!.gold, data[i]!.allowed);
  }
  p.finishTraining();
}

interface DocCandidates {
  article: GoldArticle;
  doc: Doc;
  cands: CueCandidate[];
  features: number[][];
  labels: number[];
  fold: number;
}

const sets = Array.from({ length: folds }, (_, k) => buildTrainingSet(articles.filter((a) => foldOf(a) === k), classes));
log('training sets built');
const all: DocCandidates[] = [];
for (let k = 0; k < folds; k++) {
  const counts = new CueCounts();
  for (let j = 0; j < folds; j++) if (j !== k) counts.addCounts(sets[j]!.cueCounts);
  const random = seededRandom(options.seed);
  const cue = newCueTagger(options.bits);
  runEpochs(cue, sets.flatMap((s, j) => (j === k ? [] : s.cue)), options.cueEpochs, random);
  const role = newRoleTagger(options.bits);
  runEpochs(role, sets.flatMap((s, j) => (j === k ? [] : s.role)), options.roleEpochs, random);
  const model = new AttributionModel(cue, role, classes, new CueCandidates(counts.nonCandidates(options.pruneMinCount, options.pruneMaxRate)));
  cue.tagBias.set([0, high, high]);
  for (const article of articles.filter((x) => foldOf(x) === k)) {
    const doc = tokenise(article.text, article.id);
    const t = buildTokenTable(doc, classes, model.candidates);
    const found: { run: TokenRun; margin: number; para: number }[] = [];
    for (let p = 0; p < t.paraStart.length; p++) {
      const from = t.paraStart[p]!, to = t.paraEnd[p]!;
      if (to <= from || t.paraCandidates[p] === 0) continue;
      for (const c of model.findCues(t, from, to)) found.push({ run: c.run, margin: c.margin - high, para: p });
    }
    const otherCue = new Uint8Array(t.n);
    for (const c of found) otherCue.fill(1, c.run.first, c.run.end);
    const cands: CueCandidate[] = found.map((c) => {
      const from = Math.max(t.paraStart[c.para]!, c.run.first - ROLE_WINDOW);
      const to = Math.min(t.paraEnd[c.para]!, c.run.end + ROLE_WINDOW);
      const roles = model.findRoles(t, from, to, c.run, otherCue);
      let quotedTokens = 0, plainTokens = 0;
      for (const r of roles.content) for (let i = r.first; i < r.end; i++) if (/[\p{L}\p{N}]/u.test(doc.tokens[i]!.text)) (t.inQuote[i] ? quotedTokens++ : plainTokens++);
      return { run: c.run, margin: c.margin, source: roles.source, content: roles.content, quotedTokens, plainTokens };
    });
    const gold = article.attributions.map((a) => tokenRange(doc, a.cue)).filter((r): r is TokenRun => r !== null);
    const labels = cands.map((c) => (gold.some((g) => g.first < c.run.end && c.run.first < g.end) ? 1 : 0));
    all.push({ article, doc, cands, features: rerankFeatures(t, cands), labels, fold: k });
    if (args.includes('--dump-missed')) {
      for (const g of gold) {
        if (cands.some((c) => g.first < c.run.end && c.run.first < g.end)) continue;
        const cueText = doc.tokens.slice(g.first, g.end).map((x) => x.lemma + '/' + x.pos).join(' ');
        const ctx = doc.text.slice(Math.max(0, doc.tokens[g.first]!.start - 60), doc.tokens[g.end - 1]!.end + 60).replace(/\s+/g, ' ');
        console.log(`MISSED\t${cueText}\t${ctx}`);
      }
    }
  }
  log(`fold ${k + 1}/${folds}: taggers trained, candidates found`);
}
const total = all.reduce((s, d) => s + d.cands.length, 0), positive = all.reduce((s, d) => s + d.labels.reduce((a, b) => a + b, 0), 0);
log(`${total} candidates at bias ${high}, ${positive} overlapping a gold cue`);

const score = all.map((d) => new Float64Array(d.cands.length));
for (let k = 0; k < folds; k++) {
  const r = new CueReranker();
  const examples: [number[], number, number][] = [];
  for (const d of all) if (d.fold !== k) d.cands.forEach((c, i) => examples.push([d.features[i]!, c.margin, d.labels[i]!]));
  const random = seededRandom(options.seed + 7);
  r.startTraining();
  for (let e = 0; e < epochs; e++) {
    for (let i = examples.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [examples[i], examples[j]] = [examples[j]!, examples[i]!];
    }
    for (const [f, m, y] of examples) (learner === 'lr' ? r.trainLogistic(f, m, y, 0.2 / (1 + e)) : r.train(f, m, y));
  }
  r.finishTraining();
  all.forEach((d, di) => {
    if (d.fold === k) d.cands.forEach((c, i) => (score[di]![i] = r.score(d.features[i]!, c.margin)));
  });
}
const gold = all.map((d) => d.article.scorer);
const evaluate = (keep: (di: number, i: number) => boolean): string => {
  const preds: PredArticle[] = all.map((d, di) => ({
    id: d.article.id,
    statements: d.cands.filter((_, i) => keep(di, i)).map((c) => ({ source: [], cue: [runSpan(d.doc, c.run)], content: [] })),
  }));
  const r = scoreAttributions(gold, preds);
  return `P ${r.linked.cue.p} R ${r.linked.cue.r} F1 ${r.linked.cue.f1}`;
};
for (const b of [10, 15, 20, 25, 30]) console.log(`margin + ${b} > 0: ${evaluate((di, i) => all[di]!.cands[i]!.margin + b > 0)}`);
const sorted = score.flatMap((x) => [...x]).sort((a, b) => a - b);
const quantiles = [0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24].map((q) => sorted[Math.floor(q * sorted.length)]!);
for (const th of quantiles) console.log(`re-ranker score > ${th}: ${evaluate((di, i) => score[di]![i]! > th)}`);
