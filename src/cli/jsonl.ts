// Streaming JSONL input for `--jsonl`: splits a byte stream into numbered lines and turns each into
// an article {id, text} or a line error (bad UTF-8, bad JSON, no text) that names the line. Lines are
// split on raw bytes, so one bad line never hides the others and memory stays one line deep.

import { HearsayError } from '../core/errors.js';
import { decodeArticle } from './input.js';

export interface JsonlLine {
  /** 1-based line number in the input. */
  line: number;
  bytes: Buffer;
  /** Bytes of input consumed up to the end of this line (for progress). */
  consumed: number;
  /** True when no further line is at hand without reading more input: a batching reader handles
   * what it has gathered now instead of waiting (a line typed on a terminal is answered at once). */
  lastAtHand: boolean;
}

/** Yields the non-blank lines of a byte stream with their numbers (LF or CRLF endings). */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<JsonlLine> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let line = 0;
  let consumed = 0;
  const finish = (tail: Buffer): JsonlLine | null => {
    line++;
    const whole = pending.length ? Buffer.concat([...pending, tail]) : tail;
    pending = [];
    pendingLength = 0;
    consumed += whole.length + 1;
    let end = whole.length;
    if (end > 0 && whole[end - 1] === 0x0d) end--;
    const bytes = whole.subarray(0, end);
    for (const b of bytes) if (b !== 0x20 && b !== 0x09) return { line, bytes, consumed, lastAtHand: false };
    return null; // blank line
  };
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let from = 0;
    for (let nl = buf.indexOf(0x0a, from); nl >= 0; ) {
      const got = finish(buf.subarray(from, nl));
      from = nl + 1;
      nl = buf.indexOf(0x0a, from);
      if (got) {
        got.lastAtHand = nl < 0;
        yield got;
      }
    }
    if (from < buf.length) {
      pending.push(buf.subarray(from));
      pendingLength += buf.length - from;
    }
  }
  if (pendingLength > 0) {
    const got = finish(Buffer.alloc(0));
    if (got) {
      got.consumed--;
      got.lastAtHand = true;
      yield got;
    }
  }
}

export interface JsonlArticle {
  id: string;
  text: string;
}

/** Parses one JSONL line as an article. Throws a HearsayError that names the line. */
export function parseArticleLine(l: JsonlLine): JsonlArticle {
  const where = `line ${l.line}`;
  let raw: string;
  try {
    raw = decodeArticle(l.bytes, where);
  } catch (error) {
    if (error instanceof HearsayError) throw new HearsayError(error.code, error.message, { ...error.details, line: l.line }, error.hint);
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new HearsayError('BAD_JSONL_LINE', `${where} is not valid JSON (${(error as Error).message}).`, { line: l.line });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HearsayError('BAD_JSONL_LINE', `${where} is not a JSON object.`, { line: l.line });
  const record = value as { id?: unknown; text?: unknown };
  if (typeof record.text !== 'string') throw new HearsayError('BAD_JSONL_LINE', `${where} has no string "text".`, { line: l.line });
  if (!record.text.trim()) throw new HearsayError('EMPTY_INPUT', `${where} has an empty "text".`, { line: l.line });
  const id = typeof record.id === 'string' || typeof record.id === 'number' ? String(record.id) : String(l.line);
  return { id, text: record.text };
}
