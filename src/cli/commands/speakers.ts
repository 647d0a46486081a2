// `hearsay speakers`: the speakers of the ledger, busiest first, with how many statements, articles
// and independent stories (syndicated copies of one story count once); `speakers merge` and
// `speakers split` correct the automatic linking by hand, kept in an audit log (`speakers log`).

import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { flag, intOption, parseCommandArgs, stringOption } from '../args.js';
import { DB_HELP, DB_OPTION, withLedger } from '../ledger-options.js';

const HELP = `Usage: hearsay speakers [options] [NAME-PART]
       hearsay speakers merge INTO FROM      make FROM the same speaker as INTO
       hearsay speakers split SPEAKER --alias NAME [--alias NAME ...] [--name NEW-NAME]
       hearsay speakers log                  the audit log of merges and splits

Lists the speakers of the ledger: statements, articles, stories (a story carried by several
outlets counts once), first and last dates, and their aliases. A speaker is named by its number
(#12) or by a name or alias. Merges and splits are kept in an audit log and later ingests link
the names involved the way you said.

Options:
${DB_HELP}
  --limit N           at most N speakers (default 50; 0 for all)
  --min N             only speakers with at least N statements (default 1)
  --note TEXT         (merge, split) why, kept in the audit log
  --json              JSON output
  -h, --help          show this help
`;

const OPTIONS = {
  ...DB_OPTION,
  limit: { type: 'string' },
  min: { type: 'string' },
  alias: { type: 'string', multiple: true },
  name: { type: 'string' },
  note: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const speakersCommand: Command = {
  name: 'speakers',
  summary: 'speakers across the ledger (statements, stories, aliases); merge and split them by hand',
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('speakers', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    const json = flag(a, 'json');
    const [sub, ...rest] = a.positionals;
    const note = stringOption(a, 'note');
    return withLedger(a, io, async (store) => {
      if (sub === 'merge') {
        if (rest.length !== 2) throw new HearsayError('USAGE', 'speakers merge: name two speakers, INTO and FROM.');
        const { mergeSpeakers } = await import('../../ledger/speaker-admin.js');
        const { into, from } = await mergeSpeakers(store, rest[0]!, rest[1]!, note);
        io.stdout.write(json ? `${JSON.stringify({ merged: { into: into.id, from: from.id } })}\n` : `merged #${from.id} ${from.name} into #${into.id} ${into.name}\n`);
        return 0;
      }
      if (sub === 'split') {
        if (rest.length !== 1) throw new HearsayError('USAGE', 'speakers split: name one speaker and the aliases to move (--alias NAME).');
        const aliases = (a.values.alias as unknown as string[] | undefined) ?? [];
        const { splitSpeaker } = await import('../../ledger/speaker-admin.js');
        const r = await splitSpeaker(store, rest[0]!, aliases, stringOption(a, 'name'), note);
        io.stdout.write(json ? `${JSON.stringify({ split: r })}\n` : `split ${aliases.join(', ')} off #${r.from.id} ${r.from.name} into #${r.to} (${r.moved} statements moved)\n`);
        return 0;
      }
      if (sub === 'log') {
        const log = await store.auditLog();
        if (json) io.stdout.write(`${JSON.stringify(log)}\n`);
        else for (const e of log) io.stdout.write(`${e.at}  ${e.action}  ${JSON.stringify(e.detail)}\n`);
        return 0;
      }
      const limit = intOption('speakers', a, 'limit') ?? 50;
      const rows = await store.speakerSummaries({ limit: limit === 0 ? -1 : limit, minStatements: intOption('speakers', a, 'min') ?? 1, ...(sub ? { query: a.positionals.join(' ') } : {}) });
      if (json) {
        io.stdout.write(`${JSON.stringify(rows)}\n`);
        return 0;
      }
      if (!rows.length) {
        io.stdout.write('No speakers yet. `hearsay ingest FILE|DIR|URL` stores articles and their speakers.\n');
        return 0;
      }
      io.stdout.write(`${'#'.padStart(6)}  ${'stories'.padStart(7)}  ${'stmts'.padStart(5)}  ${'first'.padEnd(10)}  ${'last'.padEnd(10)}  speaker (type): aliases\n`);
      for (const s of rows) {
        const aliases = s.aliases.filter((x) => x !== s.name).slice(0, 4);
        io.stdout.write(
          `${`#${s.id}`.padStart(6)}  ${String(s.stories).padStart(7)}  ${String(s.statements).padStart(5)}  ${(s.firstSeen ?? '').slice(0, 10).padEnd(10)}  ${(s.lastSeen ?? '').slice(0, 10).padEnd(10)}  ${s.name} (${s.type})${aliases.length ? `: ${aliases.join('; ')}` : ''}\n`,
        );
      }
      return 0;
    });
  },
};
