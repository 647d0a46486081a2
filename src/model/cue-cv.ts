// Cross-validated cue detection on the train split: a steadier measure of cue-side changes than the
// 96 held-out articles (on which a retrained baseline moves cue F1 by half a point). The train
// articles are split into K folds by a hash of the id; for each fold the cue tagger alone is
// trained on the other folds (same epochs, seed and candidate list as train.ts) and decodes the
// fold at several cue biases. Prints the pooled linked cue P / R / F1 per bias (hearsay's scorer,
// statements with a cue only: linked cue pairing reads only the cues). Never reads dev.
// Usage: npx tsx src/model/cue-cv.ts [--folds K] [--biases 0,10,15,20]

import { newCueTagger, newRoleTagger, AttributionModel } from './attribution-model.js';
import { buildTrainingSet, tokenise, type TrainingSequence } from './corpus.js';
import { TRAIN_PATH } from './evaluate.js';
import { hashString } from './hashing.js';
import { readPolnear, type GoldArticle } from './gold-attributions.js';
import { DEFAULT_TRAIN_OPTIONS } from './train.js';
import { buildWordClasses } from './word-classes.js';
import { CueCandidates, CueCounts } from './cue-candidates.js';
import { buildTokenTable } from './features.js';
import { runSpan } from './predictions.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { seededRandom } from '../core/random.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const folds = Number(opt('--folds') ?? 5);
const biases = (opt('--biases') ?? '0,5,10,15,20,25').split(',').map(Number);
const options = DEFAULT_TRAIN_OPTIONS;
const classes = buildWordClasses();
const articles = readPolnear(TRAIN_PATH).filter((a) => !a.id.includes('#'));
const foldOf = (a: GoldArticle): number => (hashString(a.id) >>> 3) % folds;
const t0 = performance.now();
const sets = Array.from({ length: folds }, (_, k) => buildTrainingSet(articles.filter((a) => foldOf(a) === k), classes, 0, false));
const preds: PredArticle[][] = biases.map(() => []);
const gold = [];
for (let k = 0; k < folds; k++) {
  const data: TrainingSequence[] = sets.flatMap((s, j) => (j === k ? [] : s.cue));
  const counts = new CueCounts();
  for (let j = 0; j < folds; j++) if (j !== k) counts.addCounts(sets[j]!.cueCounts);
  const cue = newCueTagger(options.bits);
  const random = seededRandom(options.seed);
  cue.startTraining();
  const order = data.map((_, i) => i);
  for (let epoch = 1; epoch <= options.cueEpochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) cue.train(data[i]!.seq, data[i]!.gold);
  }
  cue.finishTraining();
  const model = new AttributionModel(cue, newRoleTagger(4), classes, new CueCandidates(counts.nonCandidates(options.pruneMinCount, options.pruneMaxRate)));
  for (const a of articles.filter((x) => foldOf(x) === k)) {
    gold.push(a.scorer);
    const doc = tokenise(a.text, a.id);
    const t = buildTokenTable(doc, classes, model.candidates);
    biases.forEach((b, bi) => {
      cue.tagBias.set([0, b, b]);
      const statements = [];
      for (let p = 0; p < t.paraStart.length; p++) {
        const from = t.paraStart[p]!, to = t.paraEnd[p]!;
        if (to <= from || t.paraCandidates[p] === 0) continue;
        for (const c of model.findCues(t, from, to)) statements.push({ source: [], cue: [runSpan(doc, c.run)], content: [] });
      }
      preds[bi]!.push({ id: a.id, statements });
    });
  }
  console.error(`fold ${k + 1}/${folds} done at ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
for (let bi = 0; bi < biases.length; bi++) {
  const r = scoreAttributions(gold, preds[bi]!);
  console.log(`cue bias ${biases[bi]}: linked cue P ${r.linked.cue.p} R ${r.linked.cue.r} F1 ${r.linked.cue.f1}`);
}
