// Scores the whole default pipeline (every stage, as `npm run eval` does) on a PolNeAR-format split
// with a chosen model file in the learned stage, so that a candidate model (e.g. one trained on the
// train split minus its held-out articles) is measured with the rules around it before it ships.
// Usage: npx tsx src/model/pipeline-eval.ts [GOLD.jsonl] [--model FILE] [--held-out] [--cue-bias N]
//   --held-out: only the train articles train.ts holds out for tuning (isHeldOut)

import { existsSync } from 'node:fs';
import { Pipeline } from '../core/pipeline.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { DEFAULT_MERGE, makeLearnedStage } from '../extract/learned/stage.js';
import { DEV_PATH, headline } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';
import { isHeldOut } from './train.js';
import { loadModel } from './weights-file.js';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const goldPath = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? DEV_PATH;
if (!existsSync(goldPath)) {
  console.error(`pipeline-eval: ${goldPath} is missing (PolNeAR is research data read from ../shared/data).`);
  process.exit(3);
}
let gold = readPolnear(goldPath);
if (args.includes('--held-out')) gold = gold.filter((g) => isHeldOut(g.id));
const { model } = loadModel(opt('--model'));
// --cue-bias N: decode with another cue-tag bias than the file's (to measure the bias in the pipeline).
const cueBias = opt('--cue-bias');
if (cueBias !== undefined) model.cue.tagBias.set([0, Number(cueBias), Number(cueBias)]);
const pipeline = new Pipeline(DEFAULT_STAGES.map((s) => (s.name === 'learned' ? makeLearnedStage(DEFAULT_MERGE, model) : s)));
const preds: PredArticle[] = gold.map((g) => ({
  id: g.id,
  statements: pipeline.run(g.text, g.id).statements.map((s) => ({ source: s.source ? [s.source] : [], cue: [s.cue], content: s.content })),
}));
const r = scoreAttributions(gold.map((g) => g.scorer), preds);
console.log(`${gold.length} articles: ${headline(r)} | cue P/R ${r.linked.cue.p}/${r.linked.cue.r}`);
