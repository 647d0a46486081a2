// The CLI dispatcher: `hearsay --help`, `hearsay --version`, `hearsay <command> ...`; it finds the
// command in the table, runs it with the process's streams (or a test's), and turns every error
// into a message, a hint and a distinct exit code from the catalogue (src/core/errors.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, CommandIO } from './command.js';
import { COMMANDS } from './commands/index.js';
import { HearsayError, isHearsayError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../nlp/lexicon.js';
import { formatError } from './report.js';

export function version(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function mainHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `hearsay ${version()}: reads news and extracts who said what (source, cue, content, speaker,
channel, act), the publisher's verification notes and disputes between sources.

Usage: hearsay <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help       show this help; \`hearsay <command> --help\` shows a command's options
  -V, --version    print the version

Examples:
  hearsay start                                  statements of the bundled examples
  hearsay extract article.txt                    readable view of one article
  hearsay extract --json article.txt             the hearsay/1 JSON object
  hearsay extract --jsonl in.jsonl > out.jsonl   a stream of {id, text} records
  hearsay eval ../shared/data/polnear/dev.jsonl  scores on PolNeAR's dev split

Documentation: README.md, docs/output-format.md, docs/metric.md
`;
}

export function processIO(): CommandIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** Runs the CLI with arguments (without "node" and the script); resolves to the exit code. */
export async function runCli(args: string[], io: CommandIO, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = args;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
      io.stdout.write(topic ? topic.help : mainHelp(commands));
      return 0;
    }
    if (name === '-V' || name === '--version' || name === 'version') {
      io.stdout.write(`${version()}\n`);
      return 0;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      const names = commands.map((c) => c.name).join(', ');
      throw new HearsayError('USAGE', `Unknown command "${name}". The commands are: ${names}.`);
    }
    return await command.run(rest, io);
  } catch (error) {
    if (isHearsayError(error)) {
      io.stderr.write(formatError(error));
      return error.exitCode;
    }
    const internal = new HearsayError('INTERNAL', `Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    io.stderr.write(formatError(internal));
    if (io.env.HEARSAY_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return internal.exitCode;
  }
}
