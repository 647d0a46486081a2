// `hearsay reanalyse`: brings the ledger's stored analyses up to this hearsay's extractor (package
// version and model), rewriting the statements and revisions that hang on them, with a progress bar
// on a terminal and a summary at the end; --dry-run only counts.

import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { flag, intOption, parseCommandArgs } from '../args.js';
import { DB_HELP, DB_OPTION, ledgerPath, withLedger } from '../ledger-options.js';
import { ProgressBar } from '../progress.js';
import { failureLines } from '../report.js';
import type { ReanalyseSummary } from '../../ingest/reanalyser.js';

const HELP = `Usage: hearsay reanalyse [options]

The ledger stores each distinct text once with its analysis, and records which extractor wrote
it: hearsay's version and the SHA-256 of its attribution model. After you upgrade hearsay or
retrain the model (npm run train), older analyses are stale: old texts would keep their old
statements, and a revision between an old and a new version would show changes the publisher
never made. \`hearsay ingest\` brings up to date the texts it meets; this command does the rest.

For every stale text (every text with --all) it extracts the text again, replaces the stored
analysis, rewrites the statements of every version carrying the text (speaker links and search
index included) and recomputes the statement diffs of the revisions those versions take part
in. Speakers are linked as ingest links them: names you merged, split or pinned by hand
(\`hearsay speakers merge|split\`) keep deciding, and the audit log stays.

It is safe to stop: texts are replaced a batch per transaction, so an interrupted run leaves each
text wholly old or wholly new, and running it again finishes the job. \`hearsay history\` shows
which extractor analysed each version.

Options:
${DB_HELP}
  --all               re-analyse every stored text, not only the stale ones (after editing
                      hearsay's code or lexicons without a new version)
  --dry-run           only count what would be re-analysed, by extractor; change nothing
  --batch N           texts per transaction (default 50)
  --json              print the summary as JSON on standard output
  --quiet             no summary
  -h, --help          show this help

Exit status: 0 when every text was re-analysed, else the code of the first failure.

Examples:
  hearsay reanalyse --dry-run           how many texts are stale, and by which extractor
  hearsay reanalyse                     bring them up to date
  hearsay reanalyse --db news.db --all --json
`;

const OPTIONS = {
  ...DB_OPTION,
  all: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  batch: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function formatSummary(s: ReanalyseSummary, db: string, describe: (fingerprint: string | null) => string): string {
  const lines: string[] = [];
  lines.push(`extractors of the ${s.census.reduce((n, c) => n + c.texts, 0)} texts in ${db}:`);
  for (const c of s.census) lines.push(`  ${String(c.texts).padStart(6)}  ${describe(c.extractor)}${c.extractor === s.extractor ? '  (this hearsay)' : ''}`);
  const what = s.all ? 'texts (--all)' : 'stale texts';
  if (s.dryRun) {
    lines.push(`would re-analyse ${s.selected.texts} ${what}, carried by ${s.selected.versions} versions with ${s.selected.statements} statements (dry run: nothing changed)`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `re-analysed ${s.reanalysed} of ${s.selected.texts} ${what} in ${s.seconds.toFixed(1)} s, with ${describe(s.extractor)}:`,
    `  versions rewritten    ${s.versions}`,
    `  statements            ${s.statementsBefore} before, ${s.statementsAfter} after`,
    `  revisions recomputed  ${s.revisions}`,
    `  failed                ${s.failed.length}`,
  );
  lines.push(...failureLines(s.failed));
  return `${lines.join('\n')}\n`;
}

export const reanalyseCommand: Command = {
  name: 'reanalyse',
  summary: "re-extract the ledger's texts analysed by another hearsay or model, and rewrite their statements",
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('reanalyse', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    if (a.positionals.length) throw new HearsayError('USAGE', `reanalyse: takes no arguments (got "${a.positionals[0]}"); choose the ledger with --db.`);
    const batchSize = intOption('reanalyse', a, 'batch');
    const db = await ledgerPath(a, io);
    // The extractor loads here, on first use, not when the CLI starts.
    const { reanalyse } = await import('../../ingest/reanalyser.js');
    const { describeExtractor } = await import('../../ledger/extractor-identity.js');
    const summary = await withLedger(a, io, async (store) => {
      let bar: ProgressBar | null = null;
      const result = await reanalyse(store, {
        all: flag(a, 'all'),
        dryRun: flag(a, 'dry-run'),
        ...(batchSize ? { batchSize } : {}),
        onStart: (s) => {
          bar = new ProgressBar(io.stderr, 'reanalyse', s.selected.texts);
        },
        onProgress: (s) => {
          const done = s.reanalysed + s.failed.length;
          bar?.update(done, done);
        },
      });
      // Assigned in onStart, which TypeScript cannot see from here.
      (bar as ProgressBar | null)?.finish();
      return result;
    });
    if (flag(a, 'json')) io.stdout.write(`${JSON.stringify({ db, ...summary })}\n`);
    else if (!flag(a, 'quiet')) io.stderr.write(formatSummary(summary, db, describeExtractor));
    if (summary.failed.length) return new HearsayError(summary.failed[0]!.code ?? 'INTERNAL', '').exitCode;
    return 0;
  },
};
