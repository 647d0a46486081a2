// Turning input bytes into article text at the CLI edge, with a clear HearsayError for each way it
// can be wrong: missing, a directory where a file was wanted, binary, not UTF-8, empty, too large.
// The extractor itself never sees bad input; it only ever gets a string.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HearsayError } from '../core/errors.js';

/** Articles larger than this are refused (a whole book or a log file was probably meant). */
export const MAX_ARTICLE_BYTES = 32 * 1024 * 1024;

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_LENIENT = new TextDecoder('utf-8');

/** The byte offset of the first byte that is not valid UTF-8 (round trip through the lenient decoder). */
function firstInvalidByte(bytes: Uint8Array): number {
  const again = Buffer.from(UTF8_LENIENT.decode(bytes), 'utf8');
  const n = Math.min(again.length, bytes.length);
  for (let i = 0; i < n; i++) if (again[i] !== bytes[i]) return i;
  return n;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Control characters that plain text does not contain (tab, line breaks, form feed and escape aside). */
function isOddControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) || byte === 0x7f;
}

/**
 * Decodes one article's bytes as UTF-8 text (a leading byte-order mark is dropped).
 * `name` names the input in messages ("report.txt", "standard input", "line 12").
 */
export function decodeArticle(bytes: Uint8Array, name: string): string {
  if (bytes.length === 0) throw new HearsayError('EMPTY_INPUT', `${name} is empty.`, { input: name });
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new HearsayError('TOO_LARGE', `${name} has ${bytes.length} bytes; hearsay analyses articles of up to ${MAX_ARTICLE_BYTES} bytes.`, { input: name });
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new HearsayError('INVALID_UTF8', `${name} is UTF-16 text, not UTF-8.`, { input: name }, 'Re-encode it as UTF-8, e.g. `iconv -f utf-16 -t utf-8 FILE`.');
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new HearsayError('BINARY_INPUT', `${name} looks binary (a NUL byte at offset ${nul}), not text.`, { input: name, offset: nul });
  const sampleLength = Math.min(bytes.length, 65536);
  let odd = 0;
  for (let i = 0; i < sampleLength; i++) if (isOddControl(bytes[i]!)) odd++;
  if (odd > 8 && odd > sampleLength / 20) {
    throw new HearsayError('BINARY_INPUT', `${name} looks binary (${odd} control bytes in its first ${sampleLength}), not text.`, { input: name });
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    throw new HearsayError('INVALID_UTF8', `${name} is not valid UTF-8 (first bad byte at offset ${at}, line ${lineOfByte(bytes, at)}).`, { input: name, offset: at });
  }
  if (!text.trim()) throw new HearsayError('EMPTY_INPUT', `${name} has only white space, no text.`, { input: name });
  return text;
}

/** Reads a file's bytes, turning file-system errors into catalogue errors. */
export function readFileBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new HearsayError('FILE_NOT_FOUND', `No such file: ${path}`, { path });
    if (code === 'EISDIR') throw new HearsayError('USAGE', `${path} is a directory.`, { path });
    throw new HearsayError('NOT_READABLE', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
}

/** Reads all of a stream (standard input) into one buffer. */
export async function readStreamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += b.length;
    if (total > MAX_ARTICLE_BYTES) throw new HearsayError('TOO_LARGE', `Standard input has more than ${MAX_ARTICLE_BYTES} bytes.`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export type PathKind = 'file' | 'directory';

export function pathKind(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new HearsayError('FILE_NOT_FOUND', `No such file or directory: ${path}`, { path });
    throw new HearsayError('NOT_READABLE', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
}

/** The article files under a directory: *.txt, recursively, sorted, hidden files and folders left out. */
export function listArticleFiles(dir: string): { path: string; id: string }[] {
  const out: { path: string; id: string }[] = [];
  const walk = (d: string): void => {
    const names = readdirSync(d).sort();
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.toLowerCase().endsWith('.txt')) out.push({ path, id: relative(dir, path).split('\\').join('/') });
    }
  };
  walk(dir);
  return out;
}
