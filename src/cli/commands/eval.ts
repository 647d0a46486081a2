// `hearsay eval`: scores attribution predictions (or hearsay's own extractor) against PolNeAR-format
// gold with the metric of docs/metric.md. A thin layer over the scorer library in src/eval.

import { writeFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import type { PredArticle } from '../../eval/records.js';
import type { PredictionRecord } from '../../eval/predict.js';
import type { BootstrapReport, ComparisonReport } from '../../eval/bootstrap.js';
import { flag, intOption, parseCommandArgs, stringOption } from '../args.js';
import { ProgressBar } from '../progress.js';

const HELP = `Usage: hearsay eval GOLD.jsonl [PRED.jsonl] [options]

Scores attributed statements against gold attributions in PolNeAR's JSONL format
({id, text, attributions:[{source, cue, content}]}, each role a list of {start, end} spans in
UTF-16 code units). Without PRED.jsonl it runs hearsay's extractor on each gold text.
PRED lines are {id, statements:[{source, cue, content}]} (a span or a list of spans per role);
hearsay/1 objects from \`hearsay extract --jsonl\` are accepted as they are.

It prints role-level exact and overlap P/R/F1 for cue, source and content; linked P/R/F1
(statements paired one-to-one with gold attributions by largest cue overlap) for cue, source,
content and all three exact; content overlap over linked pairs; and a breakdown by the gold's
quote type. Only letters and digits decide whether two spans are equal. docs/metric.md has the
definitions; the numbers agree with ../shared/tools/score-attributions.mjs.

Options:
  --json              print the scores as one JSON object (with the raw counts)
  --write-pred FILE   save the extractor's predictions as JSONL (only without PRED.jsonl)
  --limit N           score only the first N gold articles
  --bootstrap N       also resample the articles N times (with replacement) and print each
                      headline F1's 95% interval: how precisely this gold set measures it
                      (1000 is plenty for a report, 10000 for a steady last digit)
  --against PRED_B    compare another prediction file with PRED (or with the extractor):
                      both are scored on the same resampled articles (a paired bootstrap,
                      --bootstrap N resamples, 1000 if not given), and for each headline F1
                      it prints B - A, its 95% interval and how often B came out above A
  --seed S            the resampling's seed (default 1), so that a run can be repeated
  -q, --quiet         no progress bar
  -h, --help          show this help

Examples:
  hearsay eval ../shared/data/polnear/dev.jsonl
  hearsay eval ../shared/data/polnear/dev.jsonl --write-pred dev.pred.jsonl
  hearsay eval ../shared/data/polnear/dev.jsonl dev.pred.jsonl --json
  hearsay eval ../shared/data/polnear/dev.jsonl dev.pred.jsonl --bootstrap 10000
  hearsay eval ../shared/data/polnear/dev.jsonl old.pred.jsonl --against new.pred.jsonl
  npm run eval          (the dev split, from a checkout with ../shared beside it)
`;

/** Resamples of --against when --bootstrap does not say how many. */
const DEFAULT_COMPARISON_SAMPLES = 1000;

const OPTIONS = {
  json: { type: 'boolean' },
  'write-pred': { type: 'string' },
  limit: { type: 'string' },
  bootstrap: { type: 'string' },
  against: { type: 'string' },
  seed: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'score predictions or the extractor against PolNeAR-format gold (P/R/F1)',
  help: HELP,
  async run(args, io) {
    const a = parseCommandArgs('eval', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    const [goldPath, predPath, ...extra] = a.positionals;
    if (!goldPath || extra.length) throw new HearsayError('USAGE', 'eval: give GOLD.jsonl and optionally PRED.jsonl.', {}, 'Run `hearsay eval --help` for usage and examples.');
    const writePred = stringOption(a, 'write-pred');
    if (writePred && predPath) throw new HearsayError('USAGE', 'eval: --write-pred saves the extractor\'s predictions, so it cannot be used with PRED.jsonl.');
    const limit = intOption('eval', a, 'limit');
    const samples = intOption('eval', a, 'bootstrap');
    if (samples === 0) throw new HearsayError('USAGE', 'eval: --bootstrap takes the number of resamples, at least 1 (1000 is usual).');
    const againstPath = stringOption(a, 'against');
    const seed = intOption('eval', a, 'seed') ?? 1;
    if (a.values.seed !== undefined && samples === undefined && againstPath === undefined) {
      throw new HearsayError('USAGE', 'eval: --seed seeds the resampling of --bootstrap N or --against; give one of them too.');
    }
    // The scorer loads when the command runs, not when the CLI starts.
    const { parseGold, parsePredictions, readScorerFile } = await import('../../eval/records.js');
    const { scoreAttributions } = await import('../../eval/score.js');
    const { formatReport } = await import('../../eval/format.js');
    let gold = parseGold(readScorerFile(goldPath), goldPath);
    if (limit !== undefined) gold = gold.slice(0, limit);
    if (!gold.length) throw new HearsayError('EMPTY_INPUT', `${goldPath} has no gold articles.`);
    // The other prediction set is read before the extractor runs, so that a bad file fails at once.
    const against = againstPath !== undefined ? parsePredictions(readScorerFile(againstPath), againstPath) : null;
    // The resampling module loads only when it is asked for.
    const resampling = samples !== undefined || against ? await import('../../eval/bootstrap.js') : null;

    let predictions: PredArticle[];
    let seconds: number | null = null;
    if (predPath) {
      predictions = parsePredictions(readScorerFile(predPath), predPath);
    } else {
      // The extractor (language model, lexicons, weights) loads only when it is needed.
      const { predictArticle, asPredArticle } = await import('../../eval/predict.js');
      const bar = new ProgressBar(io.stderr, 'eval', gold.length, !flag(a, 'quiet') && Boolean(io.stderr.isTTY));
      const records: PredictionRecord[] = [];
      const started = process.hrtime.bigint();
      for (const g of gold) {
        records.push(predictArticle(g));
        bar.update(records.length, records.length);
      }
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      bar.finish();
      if (writePred) writeFileSync(writePred, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      predictions = records.map(asPredArticle);
    }
    const result = scoreAttributions(gold, predictions);
    const byId = (list: readonly PredArticle[]): Map<string, PredArticle> => new Map(list.map((p) => [p.id, p] as const));
    let bootstrap: BootstrapReport | null = null;
    if (resampling && samples !== undefined) bootstrap = resampling.bootstrapScores(gold, byId(predictions), samples, seed);
    let comparison: ComparisonReport | null = null;
    if (resampling && against) {
      const other = byId(against);
      const missing = gold.filter((g) => !other.has(g.id)).length;
      if (missing) io.stderr.write(`hearsay: ${missing} of ${gold.length} gold articles have no prediction in ${againstPath} (scored as predicting nothing).\n`);
      comparison = resampling.compareScores(gold, byId(predictions), other, samples ?? DEFAULT_COMPARISON_SAMPLES, seed);
    }
    if (predPath && result.missingDocs > 0) {
      const goldIds = new Set(gold.map((g) => g.id));
      const strays = predictions.filter((p) => !goldIds.has(p.id)).map((p) => p.id);
      io.stderr.write(
        `hearsay: ${result.missingDocs} of ${result.docs} gold articles have no prediction (scored as predicting nothing)` +
          (strays.length ? `; ${strays.length} predictions have ids not in the gold, e.g. "${strays[0]}". Check that the ids match.\n` : '.\n'),
      );
    }
    if (flag(a, 'json')) {
      io.stdout.write(JSON.stringify({ files: { gold: goldPath, predictions: predPath ?? 'hearsay extract' }, ...result, ...(bootstrap ? { bootstrap } : {}), ...(comparison ? { comparison: { against: againstPath, ...comparison } } : {}) }) + '\n');
    } else {
      io.stdout.write(`gold ${goldPath}   predictions ${predPath ?? 'hearsay extract'}${seconds !== null ? ` (${seconds.toFixed(1)} s)` : ''}\n`);
      io.stdout.write(formatReport(result));
      if (resampling && bootstrap) io.stdout.write('\n' + resampling.formatBootstrap(bootstrap));
      if (resampling && comparison) io.stdout.write('\n' + resampling.formatComparison(comparison, predPath ?? 'hearsay extract', againstPath!));
    }
    return 0;
  },
};
