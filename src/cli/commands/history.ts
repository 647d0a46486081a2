// `hearsay history ID|URL`: the versions of one article in the ledger and, between each pair, the
// statement-level diff (added, removed, changed) with the update and correction notes.

import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { colourFlag, flag, parseCommandArgs } from '../args.js';
import { palette, wantColour } from '../colour.js';
import { DB_HELP, DB_OPTION, withLedger } from '../ledger-options.js';
import type { DiffStatement, RevisionNote, StatementChange } from '../../ledger/revisions.js';

const HELP = `Usage: hearsay history [options] ID|URL

Shows the versions of an article held in the ledger (when each was ingested, from where, how
many statements, which extractor analysed its text) and, for every revision, which statements were added, removed or changed
(content, speaker, source, cue, kind or act), with the update and correction notes it carried.
ID is the article's id (as given at ingest), its URL, or its ledger number. A version analysed by
another extractor than this hearsay's is marked stale: \`hearsay reanalyse\` brings it up to date.

Options:
${DB_HELP}
  --json              print {article, versions, revisions, extractor} as JSON (each version's
                      extractor, and this hearsay's)
  --color, --no-color force colour on or off
  -h, --help          show this help
`;

const OPTIONS = { ...DB_OPTION, json: { type: 'boolean' }, color: { type: 'boolean' }, 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

function line(s: DiffStatement): string {
  return `${s.speaker ?? s.source ?? '(unattributed)'} · ${s.cue} · ${s.content}`;
}

export const historyCommand: Command = {
  name: 'history',
  summary: 'versions of an article in the ledger and the statement-level diff between them',
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('history', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    if (a.positionals.length !== 1) throw new HearsayError('USAGE', 'history: name one article (its id, URL or ledger number).');
    const ref = a.positionals[0]!;
    const p = palette(wantColour(io.stdout, io.env, colourFlag(a)));
    const { currentExtractor, describeExtractor } = await import('../../ledger/extractor-identity.js');
    return withLedger(a, io, async (store) => {
      const article = await store.findArticle(ref);
      if (!article) throw new HearsayError('NOT_FOUND', `The ledger holds no article "${ref}".`);
      const versions = await store.versions(article.id);
      const revisions = await store.revisions(article.id);
      const current = (await currentExtractor()).fingerprint;
      if (flag(a, 'json')) {
        io.stdout.write(`${JSON.stringify({ article, versions, revisions, extractor: current })}\n`);
        return 0;
      }
      const out: string[] = [];
      out.push(p.heading(`${article.title ?? '(untitled)'}`));
      out.push(p.dim(`${article.key}  ·  ledger #${article.id}${article.publisher ? `  ·  ${article.publisher}` : ''}${article.published ? `  ·  published ${article.published}` : ''}`));
      out.push('');
      for (const v of versions) {
        out.push(`${p.label(`v${v.seq}`)}  ingested ${v.ingestedAt}  ·  ${v.statementCount} statements  ·  text ${v.textHash.slice(0, 12)}${v.origin ? `  ·  from ${v.origin}` : ''}`);
        const stale = v.extractor === current ? '' : `  ${p.warn('(stale: hearsay reanalyse)')}`;
        out.push(p.dim(`    analysed by ${describeExtractor(v.extractor)}`) + stale);
        const rev = revisions.find((r) => r.toVersion === v.id);
        if (!rev) continue;
        const changes = rev.changes as StatementChange[];
        const notes = rev.notes as RevisionNote[];
        const counts = { added: 0, removed: 0, changed: 0 };
        for (const c of changes) counts[c.type]++;
        out.push(`    ${changes.length} statement changes: ${counts.added} added, ${counts.removed} removed, ${counts.changed} changed`);
        for (const n of notes) out.push(`    ${p.label(n.kind)}: ${n.text}`);
        for (const c of changes) {
          if (c.type === 'added') out.push(`    ${p.content('+')} ${line(c.after!)}`);
          else if (c.type === 'removed') out.push(`    ${p.warn('-')} ${line(c.before!)}`);
          else {
            out.push(`    ${p.cue('~')} ${(c.fields ?? []).join(', ')} changed`);
            out.push(`        was: ${line(c.before!)}`);
            out.push(`        now: ${line(c.after!)}`);
          }
        }
      }
      io.stdout.write(`${out.join('\n')}\n`);
      return 0;
    });
  },
};
