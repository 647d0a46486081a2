// Applies the SQLite migrations that a database has not seen yet, each in its own transaction,
// recording the version in PRAGMA user_version. A database newer than this hearsay is refused.

import type Database from 'better-sqlite3';
import { HearsayError } from '../../core/errors.js';
import { SQLITE_MIGRATIONS, type Migration } from '../migrations/sqlite.js';

export function currentVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = SQLITE_MIGRATIONS): number {
  const have = currentVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  if (have > latest) {
    throw new HearsayError('STORE', `The ledger's schema is version ${have}, newer than this hearsay knows (${latest}).`, { have, latest }, 'Upgrade hearsay, or open a different ledger with --db.');
  }
  for (const m of migrations) {
    if (m.version <= have) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return currentVersion(db);
}
