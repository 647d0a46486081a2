// `hearsay ingest PATH|URL ...`: stores articles and their statements in the ledger. Idempotent
// (the same text under the same key is stored once), revision-aware, with a progress bar on a
// terminal and a summary at the end: new, unchanged, revised, failed with reasons.

import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { flag, intOption, parseCommandArgs } from '../args.js';
import { DB_HELP, DB_OPTION, ledgerPath, withLedger } from '../ledger-options.js';
import { ProgressBar } from '../progress.js';
import { failureLines } from '../report.js';
import type { IngestSummary } from '../../ingest/ingester.js';

const HELP = `Usage: hearsay ingest [options] PATH|URL|- ...

Stores articles, their attributed statements and speakers in the ledger. Accepts plain text
files, HTML pages (main text by Readability; title, byline, date, canonical URL kept), RSS, Atom
and JSON feeds (each item's page, or its content when the page cannot be fetched), JSONL files
of {id?, url?, title?, published?, publisher?, text|html} records, directories (walked), URLs
and - for standard input. The same text under the same URL or id is stored once; a new text
under the same URL or id is a revision, diffed statement by statement (see \`hearsay history\`).
A stored text that another extractor analysed (an older hearsay or model) is extracted again
when an item meets it, and its statements rewritten (see \`hearsay reanalyse\`).

Options:
${DB_HELP}
  --batch N           articles per transaction (default 200)
  --no-fetch          never fetch feed items' pages; use the feed's own content
  --allow-private     allow fetching from private and loopback addresses
  --timeout MS        per-URL timeout (default 15000)
  --max-bytes N       largest page accepted (default 10485760)
  --json              print the summary as JSON on standard output
  --quiet             no summary
  -h, --help          show this help

Exit status: 0 when every item was stored or unchanged, else the code of the first failure.

Examples:
  hearsay ingest articles.jsonl
  hearsay ingest --db news.db ./saved-pages/ https://example.org/feed.xml
`;

const OPTIONS = {
  ...DB_OPTION,
  batch: { type: 'string' },
  'no-fetch': { type: 'boolean' },
  'allow-private': { type: 'boolean' },
  timeout: { type: 'string' },
  'max-bytes': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * How many items the inputs hold, when that is cheap to know (JSONL lines, single text and HTML
 * files), for the progress bar's percentage; 0 (unknown) when any input is a directory, a feed,
 * a URL or standard input.
 */
export function countItems(inputs: string[], cwd: string): number {
  let total = 0;
  for (const input of inputs) {
    if (input === '-' || /^https?:/i.test(input)) return 0;
    const path = resolve(cwd, input);
    try {
      const info = statSync(path);
      if (!info.isFile()) return 0;
      const ext = extname(path).toLowerCase();
      if (ext === '.jsonl' || ext === '.ndjson') {
        if (info.size > 512 * 1024 * 1024) return 0;
        const bytes = readFileSync(path);
        let lines = 0;
        let start = 0;
        for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) {
          if (i > start) lines++;
          start = i + 1;
        }
        if (start < bytes.length) lines++;
        total += lines;
      } else if (['.txt', '.text', '.md', '.html', '.htm', '.xhtml'].includes(ext)) total += 1;
      else return 0;
    } catch {
      total += 1; // a missing file is one failed item
    }
  }
  return total;
}

/** The readable summary; `extractor` is the run's extractor as describeExtractor words it. */
export function formatIngestSummary(s: IngestSummary, db: string, extractor: string): string {
  const rate = s.seconds > 0 ? ` (${((s.new + s.revised + s.unchanged) / s.seconds).toFixed(0)} articles/s)` : '';
  const lines = [
    `ingested into ${db} in ${s.seconds.toFixed(1)} s${rate}:`,
    `  new        ${s.new}${s.exactDuplicates ? `  (${s.exactDuplicates} exact duplicates of stored texts)` : ''}`,
    `  unchanged  ${s.unchanged}`,
    `  revised    ${s.revised}${s.revised ? `  (${s.changes} statement changes; see \`hearsay history\`)` : ''}`,
    `  syndicated ${s.syndicated}  (grouped with the same story elsewhere)`,
    ...(s.reanalysed ? [`  re-analysed ${s.reanalysed}  (stored texts another extractor had analysed, extracted again)`] : []),
    `  failed     ${s.failed.length}`,
    `  extractor  ${extractor}`,
  ];
  lines.push(...failureLines(s.failed));
  return `${lines.join('\n')}\n`;
}

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'store articles (files, HTML, feeds, JSONL, URLs) and their statements in the ledger',
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('ingest', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    if (!a.positionals.length) throw new HearsayError('USAGE', 'ingest: name at least one file, directory, URL or -.');
    const batchSize = intOption('ingest', a, 'batch');
    const timeoutMs = intOption('ingest', a, 'timeout');
    const maxBytes = intOption('ingest', a, 'max-bytes');
    const db = await ledgerPath(a, io);
    // The extractor, HTML and feed readers load here, on first use, not when the CLI starts.
    const { ingest } = await import('../../ingest/ingester.js');
    const { readSources } = await import('../../ingest/sources.js');
    const { describeExtractor } = await import('../../ledger/extractor-identity.js');
    const summary = await withLedger(a, io, async (store) => {
      const bar = new ProgressBar(io.stderr, 'ingest', io.stderr.isTTY ? countItems(a.positionals, io.cwd) : 0);
      const source = readSources(a.positionals, {
        cwd: io.cwd,
        stdin: io.stdin,
        fetchItems: !flag(a, 'no-fetch'),
        allowPrivate: flag(a, 'allow-private'),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(maxBytes !== undefined ? { maxBytes } : {}),
      });
      const result = await ingest(store, source, {
        ...(batchSize ? { batchSize } : {}),
        onProgress: (s) => {
          const done = s.new + s.unchanged + s.revised + s.failed.length;
          bar.update(done, done);
        },
      });
      bar.finish();
      return result;
    });
    if (flag(a, 'json')) io.stdout.write(`${JSON.stringify({ db, ...summary })}\n`);
    else if (!flag(a, 'quiet')) io.stderr.write(formatIngestSummary(summary, db, describeExtractor(summary.extractor)));
    if (summary.failed.length) {
      const code = summary.failed[0]!.code ?? 'INTERNAL';
      return new HearsayError(code, '').exitCode;
    }
    return 0;
  },
};
