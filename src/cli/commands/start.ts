// `hearsay start` (what `npm start` runs): shows the statements hearsay finds in the example
// articles shipped in examples/, so a newcomer sees what it does right after installing.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { PACKAGE_ROOT } from '../../nlp/lexicon.js';
import { colourFlag, flag, parseCommandArgs } from '../args.js';
import { palette, wantColour } from '../colour.js';
import { decodeArticle, readFileBytes } from '../input.js';
import { renderArticle } from '../view.js';
import { stringOption } from '../args.js';

export const EXAMPLES_DIR = join(PACKAGE_ROOT, 'examples');

const HELP = `Usage: hearsay start [options]

Runs the extractor over the example articles bundled in examples/ (Wikinews, CC BY 2.5) and
shows every attributed statement it finds: source and speaker, cue, content, kind and act.

Options:
  --text              also print each article with its statements marked
  --db PATH           the ledger the examples are stored in (default: $HEARSAY_DB, else
                      $XDG_DATA_HOME/hearsay/ledger.db, else ~/.local/share/hearsay/ledger.db)
  --no-ledger         only show the statements; store nothing
  --color, --no-color force colour on or off
  -h, --help          show this help

Next steps:
  hearsay extract YOUR-ARTICLE.txt        the same view for your own article
  hearsay extract --json YOUR-ARTICLE.txt the hearsay/1 JSON (docs/output-format.md)
`;

/** The example articles (examples/*.txt), sorted by name. */
export function exampleFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(EXAMPLES_DIR);
  } catch {
    throw new HearsayError('FILE_NOT_FOUND', `The examples folder ${EXAMPLES_DIR} is missing.`, {}, 'Reinstall hearsay, or run it from a checkout of the repository.');
  }
  return names.filter((n) => n.endsWith('.txt')).sort().map((n) => join(EXAMPLES_DIR, n));
}

export const startCommand: Command = {
  name: 'start',
  summary: 'show the statements found in the bundled example articles',
  help: HELP,
  async run(args, io) {
    const a = parseCommandArgs('start', args, {
      text: { type: 'boolean' },
      db: { type: 'string' },
      'no-ledger': { type: 'boolean' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    const pal = palette(wantColour(io.stdout, io.env, colourFlag(a)));
    const width = Math.max(60, Math.min(120, io.stdout.columns ?? 100));
    const files = exampleFiles();
    const { extract } = await import('../../extract/pipeline.js');
    let statements = 0;
    for (const path of files) {
      const name = path.slice(EXAMPLES_DIR.length + 1);
      const article = extract(decodeArticle(readFileBytes(path), path), name);
      statements += article.statements.length;
      io.stdout.write(renderArticle(article, { palette: pal, width, showText: flag(a, 'text'), title: `examples/${name}` }) + '\n');
    }
    io.stdout.write(
      pal.dim(`${files.length} example articles, ${statements} statements. Sources: Wikinews (CC BY 2.5), see examples/README.md.\nTry: hearsay extract --help\n`),
    );
    if (!flag(a, 'no-ledger')) {
      const { ingestExamples } = await import('../example-ledger.js');
      io.stdout.write(await ingestExamples(EXAMPLES_DIR, io, stringOption(a, 'db'), pal));
    }
    return 0;
  },
};
