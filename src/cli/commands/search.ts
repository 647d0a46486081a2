// `hearsay search QUERY`: full-text search over the ledger's statements, speakers and articles,
// with filters on speaker, act, kind, date range and publisher, and --json.

import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { STATEMENT_KINDS, type StatementKind } from '../../core/model.js';
import { colourFlag, flag, intOption, parseCommandArgs, stringOption } from '../args.js';
import { palette, wantColour } from '../colour.js';
import { DB_HELP, DB_OPTION, withLedger } from '../ledger-options.js';
import { parseActs } from './speaker.js';

const HELP = `Usage: hearsay search [options] QUERY

Searches the ledger's statements (content, source, cue), speakers (names, aliases) and articles
(title, text). Every word must match; "word*" matches a prefix; OR between words allows either.
With filters and no QUERY, lists the statements the filters select.

Options:
${DB_HELP}
  --speaker NAME      only statements of this speaker (name, alias or #ID)
  --act ACT           only statements of this act (assert, allege, deny, evade, ...); repeatable
  --kind KIND         only ${STATEMENT_KINDS.join(', ')} statements; repeatable
  --from DATE         dated on or after DATE (YYYY-MM-DD)
  --to DATE           dated on or before DATE
  --publisher NAME    only articles of this publisher; repeatable
  --all-versions      include statements of superseded versions
  --limit N           at most N results of each kind (default 20)
  --json              {query, statements, speakers, articles} as JSON
  --color, --no-color force colour on or off
  -h, --help          show this help

Examples:
  hearsay search troops --speaker Putin --act deny
  hearsay search "interest rates" --from 2005-01-01 --json
`;

const OPTIONS = {
  ...DB_OPTION,
  speaker: { type: 'string' },
  act: { type: 'string', multiple: true },
  kind: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  publisher: { type: 'string', multiple: true },
  'all-versions': { type: 'boolean' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const searchCommand: Command = {
  name: 'search',
  summary: 'full-text search over statements, speakers and articles, with filters',
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('search', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    const kinds = ((a.values.kind as unknown as string[] | undefined) ?? []).map((k) => k.toLowerCase());
    for (const k of kinds) if (!(STATEMENT_KINDS as readonly string[]).includes(k)) throw new HearsayError('USAGE', `Unknown kind "${k}"; the kinds are ${STATEMENT_KINDS.join(', ')}.`);
    const acts = parseActs(a.values.act);
    const query = a.positionals.join(' ');
    const speaker = stringOption(a, 'speaker');
    const from = stringOption(a, 'from');
    const to = stringOption(a, 'to');
    if (!query.trim() && !speaker && !acts && !kinds.length && !from && !to) throw new HearsayError('USAGE', 'search: give a query, or filters (--speaker, --act, ...).');
    const p = palette(wantColour(io.stdout, io.env, colourFlag(a)));
    return withLedger(a, io, async (store) => {
      const { search } = await import('../../ledger/search.js');
      const result = await search(store, query, {
        ...(speaker ? { speaker } : {}),
        ...(acts ? { acts } : {}),
        ...(kinds.length ? { kinds: kinds as StatementKind[] } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        publishers: (a.values.publisher as unknown as string[] | undefined) ?? [],
        limit: intOption('search', a, 'limit') ?? 20,
        allVersions: flag(a, 'all-versions'),
      });
      if (flag(a, 'json')) {
        io.stdout.write(`${JSON.stringify(result)}\n`);
        return 0;
      }
      const out: string[] = [];
      if (result.speakers.length) {
        out.push(p.heading('Speakers'));
        for (const s of result.speakers) out.push(`  #${s.speakerId} ${s.name} (${s.type})`);
        out.push('');
      }
      out.push(p.heading(`Statements (${result.statements.length}${result.statements.length === (intOption('search', a, 'limit') ?? 20) ? '+' : ''})`));
      for (const s of result.statements) {
        out.push(`  ${s.date.slice(0, 10)}  ${p.source(s.speakerName ?? s.source ?? '(unattributed)')} ${p.cue(s.cue)}: ${p.content(s.content)}  ${p.dim(`[${s.act}, ${s.kind}]`)}`);
        if (s.articleKey) out.push(p.dim(`              ${s.articleTitle ?? s.articleKey}${s.publisher ? ` · ${s.publisher}` : ''}`));
      }
      if (result.articles.length) {
        out.push('');
        out.push(p.heading('Articles'));
        for (const r of result.articles) out.push(`  ${r.title ?? '(untitled)'}  ${p.dim(`${r.key}${r.publisher ? ` · ${r.publisher}` : ''}${r.published ? ` · ${r.published.slice(0, 10)}` : ''}`)}`);
      }
      io.stdout.write(`${out.join('\n')}\n`);
      return 0;
    });
  },
};
