// Scores the model on a PolNeAR-format split with the reference scorer
// (../shared/tools/score-attributions.mjs), so the numbers are the ones the floors use.
// Usage: npx tsx src/model/evaluate.ts [GOLD.jsonl] [--model FILE] [--pred OUT.jsonl] [--json]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';
import type { AttributionModel } from './attribution-model.js';
import { tokenise } from './corpus.js';
import { readPolnear } from './polnear.js';
import { predLine } from './predictions.js';
import { loadModel } from './weights-file.js';

export const SHARED_DIR = resolve(PACKAGE_ROOT, '..', 'shared');
export const DEV_PATH = join(SHARED_DIR, 'data', 'polnear', 'dev.jsonl');
export const TRAIN_PATH = join(SHARED_DIR, 'data', 'polnear', 'train.jsonl');
export const REFERENCE_SCORER = join(SHARED_DIR, 'tools', 'score-attributions.mjs');

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

/** The reference scorer's --json output (the fields the gate and the docs use). */
export interface Scores {
  docs: number;
  gold: number;
  pred: number;
  role: Record<'cue' | 'source' | 'content', { exact: Prf; overlap: Prf }>;
  linked: Record<'cue' | 'source' | 'content' | 'all' | 'contentOverlap', Prf> & { pairs: number };
  byType: Record<string, { gold: number; contentExactRecall: number; contentOverlapRecall: number }>;
}

/** Writes the model's predictions for every gold article as PRED jsonl lines. */
export function predictFile(model: AttributionModel, goldPath: string, predPath: string): void {
  const lines = readPolnear(goldPath).map((a) => predLine(a.id, tokenise(a.text, a.id), model));
  writeFileSync(predPath, lines.join('\n') + '\n');
}

export function scoreFile(goldPath: string, predPath: string): Scores {
  const r = spawnSync(process.execPath, [REFERENCE_SCORER, goldPath, predPath, '--json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`reference scorer failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Scores;
}

export function evaluate(model: AttributionModel, goldPath = DEV_PATH, predPath?: string): Scores {
  const out = predPath ?? join(mkdtempSync(join(tmpdir(), 'hearsay-eval-')), 'pred.jsonl');
  predictFile(model, goldPath, out);
  return scoreFile(goldPath, out);
}

/** The four headline numbers of issue 3, in its order. */
export function headline(s: Scores): string {
  return `linked cue F1 ${s.linked.cue.f1} | linked source F1 ${s.linked.source.f1} | content overlap F1 (role) ${s.role.content.overlap.f1} | linked all-exact F1 ${s.linked.all.f1}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const gold = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? DEV_PATH;
  if (!existsSync(gold) || !existsSync(REFERENCE_SCORER)) {
    console.error(`evaluate: needs ${gold} and ${REFERENCE_SCORER} (research data, not shipped).`);
    process.exit(3);
  }
  const t0 = performance.now();
  const { model } = loadModel(opt('--model'));
  const loadMs = performance.now() - t0;
  const scores = evaluate(model, gold, opt('--pred'));
  if (args.includes('--json')) console.log(JSON.stringify(scores));
  else {
    console.log(`model loaded in ${loadMs.toFixed(0)} ms; ${scores.docs} docs, gold ${scores.gold}, predicted ${scores.pred}`);
    console.log(headline(scores));
    console.log(`linked content exact F1 ${scores.linked.content.f1}; linked content overlap F1 ${scores.linked.contentOverlap.f1}; role cue exact F1 ${scores.role.cue.exact.f1}`);
  }
}
