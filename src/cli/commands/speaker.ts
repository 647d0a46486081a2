// `hearsay speaker NAME`: everything one speaker said, denied, evaded or promised across the
// ledger, by date, with the article each statement came from, the speaker's aliases and dated
// descriptors, and the confidence of each automatic link.

import type { Command, CommandIO } from '../command.js';
import { HearsayError } from '../../core/errors.js';
import { ACTS, type Act } from '../../core/model.js';
import { colourFlag, flag, intOption, parseCommandArgs, stringOption } from '../args.js';
import { palette, wantColour } from '../colour.js';
import { DB_HELP, DB_OPTION, withLedger } from '../ledger-options.js';

const HELP = `Usage: hearsay speaker [options] NAME|#ID

Shows one speaker: names and aliases, descriptors with the dates they were used ("US Defense
Secretary", first and last seen), counts of statements, articles and independent stories, and
every statement by date: the act (assert, deny, evade, promise, ...), the cue, the content, the
article, and how sure the automatic link to this speaker is.

Options:
${DB_HELP}
  --act ACT           only statements of this act (${ACTS.join(', ')}); repeatable
  --from DATE         only statements dated on or after DATE (YYYY-MM-DD)
  --to DATE           only statements dated on or before DATE
  --limit N           at most N statements (default 100; 0 for all)
  --json              JSON output
  --color, --no-color force colour on or off
  -h, --help          show this help
`;

const OPTIONS = {
  ...DB_OPTION,
  act: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseActs(values: unknown): Act[] | undefined {
  const list = (values as string[] | undefined) ?? [];
  if (!list.length) return undefined;
  const acts = list.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  for (const act of acts) if (!(ACTS as readonly string[]).includes(act)) throw new HearsayError('USAGE', `Unknown act "${act}"; the acts are ${ACTS.join(', ')}.`);
  return acts as Act[];
}

export const speakerCommand: Command = {
  name: 'speaker',
  summary: 'everything one speaker said, denied, evaded across the ledger, with dates and articles',
  help: HELP,
  async run(args: string[], io: CommandIO): Promise<number> {
    const a = parseCommandArgs('speaker', args, OPTIONS);
    if (flag(a, 'help')) {
      io.stdout.write(HELP);
      return 0;
    }
    if (!a.positionals.length) throw new HearsayError('USAGE', 'speaker: name a speaker (a name, an alias or #ID).');
    const p = palette(wantColour(io.stdout, io.env, colourFlag(a)));
    const acts = parseActs(a.values.act);
    const limit = intOption('speaker', a, 'limit') ?? 100;
    return withLedger(a, io, async (store) => {
      const { resolveSpeaker } = await import('../../ledger/speaker-admin.js');
      const sp = await resolveSpeaker(store, a.positionals.join(' '));
      const summary = await store.speakerSummary(sp.id);
      const descriptors = await store.descriptors(sp.id);
      const from = stringOption(a, 'from');
      const to = stringOption(a, 'to');
      const statements = await store.statements({
        speakerIds: [sp.id],
        ...(acts ? { acts } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        limit: limit === 0 ? -1 : limit,
      });
      const articles = new Map<number, { title: string | null; key: string; publisher: string | null }>();
      for (const s of statements) {
        if (articles.has(s.articleId)) continue;
        const art = await store.getArticle(s.articleId);
        if (art) articles.set(s.articleId, { title: art.title, key: art.key, publisher: art.publisher });
      }
      if (flag(a, 'json')) {
        io.stdout.write(`${JSON.stringify({ speaker: summary, descriptors, statements: statements.map((s) => ({ ...s, article: articles.get(s.articleId) ?? null })) })}\n`);
        return 0;
      }
      const out: string[] = [];
      out.push(p.heading(`#${sp.id} ${sp.name}`) + p.dim(` (${sp.type})`));
      if (summary) {
        out.push(`${summary.statements} statements in ${summary.articles} articles, ${summary.stories} independent stories${summary.firstSeen ? `, ${summary.firstSeen.slice(0, 10)} to ${(summary.lastSeen ?? '').slice(0, 10)}` : ''}`);
        if (summary.aliases.length) out.push(`${p.label('aliases')}: ${summary.aliases.join('; ')}`);
      }
      if (descriptors.length) {
        out.push(p.label('descriptors:'));
        for (const d of descriptors) out.push(`  ${d.text}  ${p.dim(`(${d.firstSeen.slice(0, 10)}${d.lastSeen !== d.firstSeen ? ` to ${d.lastSeen.slice(0, 10)}` : ''}, ×${d.count})`)}`);
      }
      out.push('');
      for (const s of statements) {
        const art = articles.get(s.articleId);
        const conf = s.linkConfidence !== null && s.linkConfidence < 1 ? p.dim(` [link ${s.linkConfidence.toFixed(2)}]`) : '';
        out.push(`${s.date.slice(0, 10)}  ${p.label(s.act.padEnd(7))} ${p.source(s.source ?? sp.name)} ${p.cue(s.cue)}: ${p.content(s.content)}${conf}`);
        if (art) out.push(p.dim(`            ${art.title ?? art.key}${art.publisher ? ` · ${art.publisher}` : ''}`));
      }
      if (!statements.length) out.push('(no statements match)');
      io.stdout.write(`${out.join('\n')}\n`);
      return 0;
    });
  },
};
