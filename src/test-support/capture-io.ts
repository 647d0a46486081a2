// Test scaffolding: CommandIO whose stdout and stderr are collected in strings, so tests can run
// CLI commands in-process through runCli (colour off, the given working folder and stdin lines).

import { PassThrough, Readable } from 'node:stream';
import type { CommandIO } from '../cli/command.js';

export interface CapturedIO {
  io: CommandIO;
  out: () => string;
  err: () => string;
}

export function captureIO(cwd: string, stdin: string[] = []): CapturedIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d) => (o += d));
  stderr.on('data', (d) => (e += d));
  return { io: { stdin: Readable.from(stdin), stdout, stderr, env: { NO_COLOR: '1' }, cwd }, out: () => o, err: () => e };
}
