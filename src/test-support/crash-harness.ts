// What the crash-safety tests (ingest, reanalyse) share: the CLI spawned as a child that writes a
// SQLite ledger, one count read through a separate read-only connection (0 while the file is
// absent or still being created), and the kill that lands while the child writes.

import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';

/** The single number `sql` (a `SELECT COUNT(*) n …`) returns on the ledger at `db`; 0 when the
 * ledger cannot be read yet (not created, or still migrating). */
export function countNow(db: string, sql: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare(sql).get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `progressed()` says the child has committed something (or it has ended; 20 s at
 * most), then a random moment of up to `maxDelayMs` more, and kills it with SIGKILL if it still
 * runs. Resolves, once the child has exited, with whether it was killed.
 */
export async function killWhileWriting(run: { child: ChildProcess; exited: Promise<unknown> }, progressed: () => boolean, random: () => number, maxDelayMs: number): Promise<boolean> {
  let done = false;
  void run.exited.then(() => (done = true));
  const deadline = Date.now() + 20_000;
  while (!done && !progressed() && Date.now() < deadline) await sleep(15);
  await sleep(Math.floor(random() * maxDelayMs));
  const killed = !done;
  if (killed) run.child.kill('SIGKILL');
  await run.exited;
  return killed;
}

/** A CLI run in a child process (`node --import tsx MAIN ...args`), its output gathered. */
export interface CliChild {
  child: ChildProcess;
  /** The exit code, or null when a signal ended it. */
  exited: Promise<number | null>;
  out: () => string;
  err: () => string;
}

export function spawnCli(main: string, args: readonly string[]): CliChild {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code, signal) => resolve(signal ? null : code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}
