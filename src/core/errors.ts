// The error catalogue: every error hearsay reports at an edge (CLI, API, ingest) has a stable code,
// a message that says what happened and a hint that says what to do. Errors are data: they carry
// their code and details, and each code maps to a process exit code for the CLI.

export const ERROR_CATALOGUE = {
  USAGE: { exit: 2, hint: 'Run `hearsay --help` or `hearsay <command> --help` for usage.' },
  FILE_NOT_FOUND: { exit: 3, hint: 'Check the path; use - to read standard input.' },
  NOT_READABLE: { exit: 3, hint: 'Check that the file is readable by this user.' },
  BINARY_INPUT: { exit: 4, hint: 'hearsay reads plain text (UTF-8). Extract the text first (HTML is taken by `hearsay ingest`).' },
  INVALID_UTF8: { exit: 5, hint: 'Re-encode the file as UTF-8, e.g. `iconv -f latin1 -t utf-8 FILE`.' },
  EMPTY_INPUT: { exit: 6, hint: 'The input has no text to analyse.' },
  BAD_JSONL_LINE: { exit: 7, hint: 'Each line must be a JSON object with a string "text" (and optionally "id").' },
  BAD_GOLD: { exit: 7, hint: 'Gold lines must be {id, text, attributions:[{source, cue, content}]}, spans in UTF-16 offsets.' },
  TOO_LARGE: { exit: 8, hint: 'Split the input into smaller articles.' },
  PIPELINE: { exit: 9, hint: 'A stage needs a layer no earlier stage provides; check the stage order.' },
  MODEL: { exit: 10, hint: 'The model file is missing or damaged; reinstall hearsay or run `npm run train`.' },
  STORE: { exit: 11, hint: 'Check the ledger path (--db or HEARSAY_DB) and that no other program holds it.' },
  NOT_FOUND: { exit: 12, hint: 'Check the id, URL or name; `hearsay search` and `hearsay speakers` list what the ledger holds.' },
  BAD_FEED: { exit: 13, hint: 'The feed must be well-formed RSS 2.0, Atom or JSON Feed.' },
  FETCH_FAILED: { exit: 14, hint: 'Check the URL and the network; the page may be down, too large or too slow.' },
  URL_REFUSED: { exit: 15, hint: 'Only http(s) URLs to public addresses are fetched; pass --allow-private to fetch from private or loopback addresses.' },
  INTERNAL: { exit: 70, hint: 'This is a bug in hearsay; please report it with the input that caused it.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class HearsayError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, hint?: string) {
    super(message);
    this.name = 'HearsayError';
    this.code = code;
    this.hint = hint ?? ERROR_CATALOGUE[code].hint;
    this.details = details;
  }

  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }

  toJSON(): { code: ErrorCode; message: string; hint: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

export function isHearsayError(e: unknown): e is HearsayError {
  return e instanceof HearsayError;
}
