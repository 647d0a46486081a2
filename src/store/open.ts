// Where the ledger lives and how it is opened: --db PATH, else $HEARSAY_DB, else the user's data
// directory ($XDG_DATA_HOME/hearsay/ledger.db, or ~/.local/share/hearsay/ledger.db). Only this
// composition point knows the concrete backends.

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Store } from './port.js';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/store.js';

export function defaultLedgerPath(env: NodeJS.ProcessEnv = process.env): string {
  const dataHome = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() ? env.XDG_DATA_HOME : join(env.HOME || homedir(), '.local', 'share');
  return join(dataHome, 'hearsay', 'ledger.db');
}

export function resolveLedgerPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag && flag.trim()) return flag;
  if (env.HEARSAY_DB && env.HEARSAY_DB.trim()) return env.HEARSAY_DB;
  return defaultLedgerPath(env);
}

/** Opens (creating and migrating when needed) the ledger at path. */
export function openStore(path: string, options: SqliteStoreOptions = {}): Store {
  return new SqliteStore(path, options);
}
