// How the CLI reports errors on standard error: the message, the hint and the stable code, the
// same shape for a fatal error and for one bad item (a line, a file) in a batch that goes on.

import { ERROR_CATALOGUE, HearsayError } from '../core/errors.js';
import type { IngestFailure } from '../ingest/item.js';

export function formatError(error: HearsayError): string {
  return `hearsay: ${error.message}\n  hint: ${error.hint}\n  (${error.code}, exit code ${error.exitCode})\n`;
}

/** One line for an item that failed inside a batch; the batch goes on. */
export function formatItemError(error: HearsayError): string {
  return `hearsay: ${error.message} [${error.code}]\n`;
}

/** Tracks the failures of a batch: the exit code is the first failure's, so it stays distinct per cause. */
export class BatchFailures {
  count = 0;
  private first: HearsayError | null = null;
  readonly codes = new Map<string, number>();

  add(error: HearsayError): void {
    this.count++;
    this.first ??= error;
    this.codes.set(error.code, (this.codes.get(error.code) ?? 0) + 1);
  }

  /** `as` names the code a batch reports whatever went wrong in it (a JSONL stream: BAD_JSONL_LINE). */
  constructor(private readonly as?: keyof typeof ERROR_CATALOGUE) {}

  get exitCode(): number {
    if (!this.first) return 0;
    return ERROR_CATALOGUE[this.as ?? this.first.code].exit;
  }

  /** "2 bad JSONL lines, 1 empty input" and the hints, for the end of a batch. */
  summary(): string {
    const parts = [...this.codes].map(([code, n]) => `${n} × ${code}`);
    const hints = [...this.codes.keys()].map((code) => `  hint (${code}): ${ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].hint}`);
    return `${parts.join(', ')}\n${hints.join('\n')}\n`;
  }
}

/** The lines of a summary that list a batch's failed items: the first `shown`, then how many more. */
export function failureLines(failed: readonly IngestFailure[], shown = 20): string[] {
  const lines = failed.slice(0, shown).map((f) => `    ${f.origin}: ${f.reason}${f.code ? ` [${f.code}]` : ''}`);
  if (failed.length > shown) lines.push(`    ... and ${failed.length - shown} more (use --json for all)`);
  return lines;
}
