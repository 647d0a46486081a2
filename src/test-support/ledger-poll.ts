// What the crash-safety tests poll while a child process writes a SQLite ledger: one count read
// through a separate read-only connection (0 while the file is absent or still being created), and
// a sleep between polls.

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

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
