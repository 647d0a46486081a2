// `hearsay extract`: who said what in one article, a folder of articles, standard input, or a JSONL
// stream of {id, text} records; a readable view on a terminal, or the hearsay/1 JSON contract.

import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command, CommandIO } from '../command.js';
import { HearsayError, isHearsayError } from '../../core/errors.js';
import { colourFlag, flag, parseCommandArgs, stringOption, type ParsedArgs } from '../args.js';
import { palette, wantColour } from '../colour.js';
import { decodeArticle, listArticleFiles, pathKind, readFileBytes, readStreamBytes } from '../input.js';
import { parseArticleLine, readLines, type JsonlArticle } from '../jsonl.js';
import { Output } from '../output.js';
import { ProgressBar } from '../progress.js';
import { BatchFailures, formatItemError } from '../report.js';
import { renderArticle } from '../view.js';

const HELP = `Usage: hearsay extract [options] FILE|DIR|- ...
       hearsay extract --jsonl FILE|- [options]

Finds the attributed statements in news articles: who (source, speaker), how (cue), what
(content), direct, indirect or mixed, with channel, setting, addressee and act when present,
plus the article's entities, the publisher's notes, disputes between statements and metadata.

Input is plain UTF-8 text, one article per file. For a DIR, its *.txt files are read,
recursively (hidden files are skipped); - reads one article from standard input.

Options:
  --json            print the hearsay/1 JSON object (one line per article; JSONL for several
                    files or a DIR, each with "id" = the file name). See docs/output-format.md.
  --pretty          indent the JSON (with --json, for reading)
  --jsonl FILE|-    read JSONL records {"id", "text"} (other fields are ignored) and write one
                    hearsay/1 object per line with the same id. A bad line is reported on
                    standard error with its line number; the other lines are still processed.
  --text            in the readable view, also print the article with every statement marked
                    (colour on a terminal; [source] <cue> {content} in plain text)
  --diagnostics     include what a stage could not do ("diagnostics" in the JSON)
  --color, --no-color
                    force colour on or off (default: on for a terminal, off when NO_COLOR is set)
  -q, --quiet       no progress bar or summary on standard error
  -h, --help        show this help

Exit codes: 0 ok; 2 usage; 3 missing or unreadable file; 4 binary input; 5 invalid UTF-8;
6 empty input; 7 bad JSONL line (any line that could not be read); 8 input too large. With
several files the first failure's code is returned after all the others were processed.

Examples:
  hearsay extract examples/wikinews-2019-09-15-oil-facilities-in-saudi-arabia-hit-by-drone.txt
  hearsay extract --text --color article.txt | less -R
  hearsay extract --json article.txt > article.json
  curl -s https://example.org/story.txt | hearsay extract -
  hearsay extract --json examples/ > examples.jsonl
  hearsay extract --jsonl articles.jsonl > statements.jsonl
`;

const OPTIONS = {
  json: { type: 'boolean' },
  pretty: { type: 'boolean' },
  jsonl: { type: 'string' },
  text: { type: 'boolean' },
  diagnostics: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** util.parseArgs refuses "--jsonl -" as ambiguous; "-" is standard input here, so join them. */
function joinDashValues(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--jsonl' && args[i + 1] === '-') {
      out.push('--jsonl=-');
      i++;
    } else out.push(args[i]!);
  }
  return out;
}

interface Input {
  /** A path, or '-' for standard input. */
  path: string;
  id: string | undefined;
  /** How to name it in messages. */
  name: string;
}

function articleView(a: ParsedArgs, io: CommandIO) {
  const pal = palette(wantColour(io.stdout, io.env, colourFlag(a)));
  return { palette: pal, width: Math.max(60, Math.min(120, io.stdout.columns ?? 100)), showText: flag(a, 'text') };
}

/**
 * The extraction pipeline, imported on first use: it loads the language model, lexicons and
 * weights, which `--help` and input errors should not wait for.
 */
async function loadExtract(): Promise<typeof import('../../extract/pipeline.js').extract> {
  return (await import('../../extract/pipeline.js')).extract;
}

async function loadExtractBatch(): Promise<typeof import('../../extract/pipeline.js').extractBatch> {
  return (await import('../../extract/pipeline.js')).extractBatch;
}

/** Articles of a JSONL stream extracted together (Pipeline.runBatch: stage by stage, less CPU);
 * a batch is also cut, and the output flushed, wherever the input has no further line at hand.
 * Over the BBC set (bench/ab-pairs.mjs, 6 pairs each): 64 takes 4.4% less CPU than 16 (5 of 6),
 * 256 no less than 64 (4 of 6) for 50 MB more peak memory (353 against 304 MB). */
const JSONL_BATCH = 64;

async function readInput(input: Input, io: CommandIO): Promise<string> {
  const bytes = input.path === '-' ? await readStreamBytes(io.stdin) : readFileBytes(input.path);
  return decodeArticle(bytes, input.name);
}

async function runFiles(a: ParsedArgs, io: CommandIO): Promise<number> {
  const inputs: Input[] = [];
  let batch = a.positionals.length > 1;
  for (const path of a.positionals) {
    if (path === '-') {
      inputs.push({ path, id: undefined, name: 'standard input' });
      continue;
    }
    if (pathKind(path) === 'directory') {
      batch = true;
      const files = listArticleFiles(path);
      if (!files.length) throw new HearsayError('EMPTY_INPUT', `The directory ${path} has no *.txt files.`, { path });
      for (const f of files) inputs.push({ path: f.path, id: f.id, name: f.path });
    } else inputs.push({ path, id: basename(path), name: path });
  }
  const asJson = flag(a, 'json');
  const pretty = flag(a, 'pretty');
  const view = asJson ? null : articleView(a, io);
  const out = new Output(io.stdout);
  const failures = new BatchFailures();
  const bar = new ProgressBar(io.stderr, 'extract', inputs.length, batch && !flag(a, 'quiet') && Boolean(io.stderr.isTTY));
  let extract: Awaited<ReturnType<typeof loadExtract>> | null = null;
  let done = 0;
  for (const input of inputs) {
    if (out.closed) break;
    let text: string;
    try {
      text = await readInput(input, io);
    } catch (error) {
      if (!batch || !isHearsayError(error)) throw error;
      bar.finish();
      failures.add(error);
      io.stderr.write(formatItemError(error));
      continue;
    }
    extract ??= await loadExtract();
    const article = extract(text, input.id, { diagnostics: flag(a, 'diagnostics') });
    if (view) await out.write(renderArticle(article, { ...view, title: input.id ?? input.name }) + '\n');
    else await out.write((pretty ? JSON.stringify(article, null, 2) : JSON.stringify(article)) + '\n');
    bar.update(++done, done);
  }
  await out.flush();
  bar.finish();
  if (failures.count) io.stderr.write(`hearsay: ${failures.count} of ${inputs.length} inputs failed; the others were extracted: ${failures.summary()}`);
  return failures.exitCode;
}

async function runJsonl(source: string, a: ParsedArgs, io: CommandIO): Promise<number> {
  let stream: NodeJS.ReadableStream;
  let total = 0;
  if (source === '-') {
    stream = io.stdin;
    if (io.stdin.isTTY) io.stderr.write('hearsay: reading JSONL from the terminal; end with Ctrl-D.\n');
  } else {
    if (pathKind(source) === 'directory') throw new HearsayError('USAGE', `--jsonl takes a JSONL file, and ${source} is a directory.`, { path: source });
    total = statSync(source).size;
    stream = createReadStream(source, { highWaterMark: 1 << 20 });
  }
  const quiet = flag(a, 'quiet');
  const pretty = flag(a, 'pretty');
  const diagnostics = flag(a, 'diagnostics');
  const extractBatch = await loadExtractBatch();
  const out = new Output(io.stdout);
  const bar = new ProgressBar(io.stderr, 'extract', total, !quiet && Boolean(io.stderr.isTTY));
  // Whatever was wrong with a line (bad JSON, no text, bad UTF-8), the stream exits with one code.
  const failures = new BatchFailures('BAD_JSONL_LINE');
  const started = process.hrtime.bigint();
  let articles = 0;
  let statements = 0;
  let chars = 0;
  let lines = 0;
  let batch: JsonlArticle[] = [];
  let consumed = 0;
  const extractGathered = async (): Promise<void> => {
    if (batch.length) {
      for (const article of extractBatch(batch, { diagnostics })) {
        if (out.closed) break;
        await out.write((pretty ? JSON.stringify(article, null, 2) : JSON.stringify(article)) + '\n');
        articles++;
        statements += article.statements.length;
        chars += article.text.length;
      }
      batch = [];
    }
    bar.update(consumed, articles);
  };
  for await (const line of readLines(stream)) {
    if (out.closed) break;
    lines++;
    consumed = line.consumed;
    try {
      batch.push(parseArticleLine(line));
    } catch (error) {
      if (!isHearsayError(error)) throw error;
      bar.finish();
      failures.add(error);
      io.stderr.write(formatItemError(error));
    }
    if (batch.length >= JSONL_BATCH) await extractGathered();
    else if (line.lastAtHand) {
      // Nothing more to read without waiting: answer what has come (a line typed on a terminal,
      // a feed trickling through a pipe) instead of holding it for a full batch or buffer.
      await extractGathered();
      await out.flush();
    }
  }
  await extractGathered();
  await out.flush();
  bar.finish();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!quiet) {
    const rate = seconds > 0 ? `; ${(articles / seconds).toFixed(1)} articles/s, ${Math.round(chars / seconds).toLocaleString('en-US')} chars/s` : '';
    io.stderr.write(`hearsay: extracted ${articles} articles (${statements} statements) in ${seconds.toFixed(2)} s${rate}.\n`);
  }
  if (failures.count) io.stderr.write(`hearsay: ${failures.count} of ${lines} lines failed; the others were extracted: ${failures.summary()}`);
  return failures.exitCode;
}

export const extractCommand: Command = {
  name: 'extract',
  summary: 'find who said what in articles (readable view, --json, --jsonl streams)',
  help: HELP,
  async run(args, io) {
    const a = parseCommandArgs('extract', joinDashValues(args), OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    const jsonl = stringOption(a, 'jsonl');
    if (jsonl !== undefined) {
      if (a.positionals.length) throw new HearsayError('USAGE', `extract: --jsonl reads its own input; drop ${a.positionals.join(' ')}.`);
      return runJsonl(jsonl, a, io);
    }
    if (!a.positionals.length) throw new HearsayError('USAGE', 'extract: give a FILE, a DIR or - (standard input), or --jsonl FILE.', {}, 'Run `hearsay extract --help` for usage and examples.');
    return runFiles(a, io);
  },
};
