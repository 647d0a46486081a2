// `hearsay export --format json|csv|webannotation|citron`: the ledger's articles (latest versions)
// and statements, streamed to standard output or a file.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Output } from '../output.js';
import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { flag, parseCommandArgs, stringOption } from '../args.js';
import { DB_HELP, DB_OPTION, withLedger } from '../ledger-options.js';
import { EXPORT_FORMATS, exportLedger, type ExportFormat } from '../../ledger/export.js';

const HELP = `Usage: hearsay export [options] --format json|csv|webannotation|citron

Writes the ledger's articles (latest versions) and their statements:
  json           a JSON array of {article, version, speakers, analysis}, analysis being the
                 hearsay/1 object with the text (docs/output-format.md)
  csv            one row per statement; offsets in UTF-16 code units
  webannotation  a W3C Web Annotation collection (JSON-LD): one annotation per statement,
                 targets with TextQuoteSelector and TextPositionSelector (code points)
  citron         JSON lines in BBC Citron's quote format ({text, quotes:[{cue, sources,
                 contents, confidence}]}), offsets in code points

Options:
${DB_HELP}
  --format FORMAT     one of ${EXPORT_FORMATS.join(', ')} (default json)
  --out FILE          write to FILE instead of standard output
  --from DATE         only articles published (or ingested) on or after DATE
  --to DATE           only articles published (or ingested) on or before DATE
  --publisher NAME    only this publisher's articles; repeatable
  -h, --help          show this help
`;

const OPTIONS = {
  ...DB_OPTION,
  format: { type: 'string' },
  out: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  publisher: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export articles and statements as JSON, CSV, W3C Web Annotations or Citron quotes',
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('export', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    const format = (stringOption(a, 'format') ?? 'json').toLowerCase();
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new HearsayError('USAGE', `export: unknown format "${format}"; use one of ${EXPORT_FORMATS.join(', ')}.`);
    const outPath = stringOption(a, 'out');
    const from = stringOption(a, 'from');
    const to = stringOption(a, 'to');
    const publishers = (a.values.publisher as unknown as string[] | undefined) ?? [];
    const sink: NodeJS.WritableStream = outPath ? createWriteStream(outPath) : io.stdout;
    // Buffered, with back-pressure, and quiet when the reader goes away (`export | head`).
    const out = new Output(sink);
    await withLedger(a, io, async (store) => {
      for await (const chunk of exportLedger(store, format as ExportFormat, { filter: { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(publishers.length ? { publishers } : {}) } })) {
        await out.write(chunk);
        if (out.closed) break;
      }
      await out.flush();
    });
    if (outPath) {
      sink.end();
      await once(sink, 'finish');
    }
    return 0;
  },
};
