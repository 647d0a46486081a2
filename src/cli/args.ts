// Option parsing for commands with Node's util.parseArgs, its errors turned into USAGE errors that
// point at the command's --help.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HearsayError } from '../core/errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parseCommandArgs(command: string, args: string[], options: Options): ParsedArgs {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    throw new HearsayError('USAGE', `${command}: ${(error as Error).message}`, {}, `Run \`hearsay ${command} --help\` for usage.`);
  }
}

export function stringOption(a: ParsedArgs, name: string): string | undefined {
  const v = a.values[name];
  return typeof v === 'string' ? v : undefined;
}

export function flag(a: ParsedArgs, name: string): boolean {
  return a.values[name] === true;
}

/** `--color` / `--no-color` as true / false, undefined when neither was given. */
export function colourFlag(a: ParsedArgs): boolean | undefined {
  if (flag(a, 'no-color')) return false;
  if (flag(a, 'color')) return true;
  return undefined;
}

/** A whole number option (e.g. --limit 10), or undefined when absent. */
export function intOption(command: string, a: ParsedArgs, name: string): number | undefined {
  const value = stringOption(a, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new HearsayError('USAGE', `${command}: --${name} takes a whole number, not "${value}".`);
  return n;
}
