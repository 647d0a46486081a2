// Measures how the learned stage should combine with the rule stages: scores, on a PolNeAR-format
// split, the rules alone, the model alone, and each merge mode of src/extract/learned/stage.ts,
// with the stages that produce doc.statements (tokens, quotes, cues, attributions, learned).
// Usage: npx tsx src/model/compare-merge.ts [GOLD.jsonl]   (default: PolNeAR dev)

import { Pipeline, type Stage } from '../core/pipeline.js';
import { scoreAttributions } from '../eval/score.js';
import type { PredArticle } from '../eval/records.js';
import { DEFAULT_STAGES } from '../extract/pipeline.js';
import { makeLearnedStage, type MergeMode } from '../extract/learned/stage.js';
import { DEV_PATH, headline } from './evaluate.js';
import { readPolnear } from './gold-attributions.js';

const gold = readPolnear(process.argv[2] ?? DEV_PATH);
const ruleStages = DEFAULT_STAGES.filter((s) => ['tokens', 'quotes', 'cues', 'attributions'].includes(s.name));

function score(stages: Stage[]): string {
  const pipeline = new Pipeline(stages);
  const t0 = performance.now();
  const preds: PredArticle[] = gold.map((g) => ({
    id: g.id,
    statements: pipeline.run(g.text, g.id).statements.map((s) => ({ source: s.source ? [s.source] : [], cue: [s.cue], content: s.content })),
  }));
  const ms = performance.now() - t0;
  const r = scoreAttributions(gold.map((g) => g.scorer), preds);
  return `${headline(r)} | cue P/R ${r.linked.cue.p}/${r.linked.cue.r} | ${(ms / gold.length).toFixed(1)} ms/article`;
}

console.log(`rules only: ${score(ruleStages)}`);
for (const mode of ['model', 'rules-direct', 'union', 'rules-first', 'arbitrated'] as MergeMode[]) {
  console.log(`learned, merge ${mode}: ${score([...ruleStages, makeLearnedStage(mode)])}`);
}
