// What every ledger command shares: the --db option (else $HEARSAY_DB, else the user's data
// directory) and opening the store there, closed again however the command ends. The store (SQLite
// and its migrations) is imported on first use, so that `extract` and `--help` do not load it.

import type { CommandIO } from './command.js';
import type { Options, ParsedArgs } from './args.js';
import { stringOption } from './args.js';
import type { Store } from '../store/port.js';

export const DB_OPTION: Options = { db: { type: 'string' } };

export const DB_HELP = `  --db PATH           the ledger (default: $HEARSAY_DB, else $XDG_DATA_HOME/hearsay/ledger.db,
                      else ~/.local/share/hearsay/ledger.db)`;

export async function ledgerPath(a: ParsedArgs, io: CommandIO): Promise<string> {
  const { resolveLedgerPath } = await import('../store/open.js');
  return resolveLedgerPath(stringOption(a, 'db'), io.env);
}

/** Opens the ledger, runs fn, and closes the ledger whatever happens. */
export async function withLedger<T>(a: ParsedArgs, io: CommandIO, fn: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/open.js');
  const store = openStore(await ledgerPath(a, io));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
