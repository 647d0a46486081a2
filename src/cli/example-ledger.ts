// What `hearsay start` adds after the examples' statements: it ingests the bundled examples
// (examples/wikinews.jsonl) into the ledger (--db, $HEARSAY_DB, else the default in the user's
// data directory) and prints a summary of what the ledger now holds: articles, statements,
// speakers with their counts, and the commands to explore further.

import { join } from 'node:path';
import type { CommandIO } from './command.js';
import type { Palette } from './colour.js';
import { ingest } from '../ingest/ingester.js';
import { readSources } from '../ingest/sources.js';
import type { SourceEvent } from '../ingest/item.js';
import { openStore, resolveLedgerPath } from '../store/open.js';

async function* withPublisher(events: AsyncIterable<SourceEvent>, publisher: string): AsyncGenerator<SourceEvent> {
  for await (const e of events) {
    if ('item' in e && !e.item.publisher) e.item.publisher = publisher;
    yield e;
  }
}

/** Ingests the examples and returns the summary to print. */
export async function ingestExamples(examplesDir: string, io: CommandIO, dbFlag: string | undefined, p: Palette): Promise<string> {
  const db = resolveLedgerPath(dbFlag, io.env);
  const store = openStore(db);
  try {
    const summary = await ingest(store, withPublisher(readSources([join(examplesDir, 'wikinews.jsonl')], { cwd: io.cwd, fetchItems: false }), 'Wikinews'));
    const speakers = await store.speakerSummaries({ limit: 8 });
    const statements = await store.statementCount();
    const articles = await store.articleCount();
    const lines = [
      '',
      p.heading(`Ledger: ${db}`),
      `the examples: ${summary.new} new, ${summary.unchanged} unchanged, ${summary.revised} revised${summary.failed.length ? `, ${summary.failed.length} failed` : ''}`,
      `the ledger holds ${articles} articles and ${statements} statements; the speakers quoted most:`,
      ...speakers.map((s) => `  ${`#${s.id}`.padStart(5)}  ${p.source(s.name)} ${p.dim(`(${s.type})`)}  ${s.statements} statements in ${s.stories} ${s.stories === 1 ? 'story' : 'stories'}`),
      ...(speakers.length ? [] : ['  (none yet)']),
      p.dim(`Explore: hearsay speakers · hearsay speaker "${speakers[0]?.name ?? 'NAME'}" · hearsay search WORD · hearsay export --format csv`),
      '',
    ];
    return lines.join('\n');
  } finally {
    await store.close();
  }
}
