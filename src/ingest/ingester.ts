// The ingest engine: items in, ledger out. Items are taken in batches; a batch first drops what the
// ledger already holds under the same key with the same text hash (no extraction for them), then
// extracts the rest outside any transaction, then records the batch in one transaction. When a batch
// fails to record, its items are retried one per transaction, so one bad item never stops the rest
// and never leaves half an article behind.

import type { ArticleJson } from '../core/format.js';
import { extract } from '../extract/pipeline.js';
import { articleKey, recordArticle, type PreparedArticle, type RecordOutcome } from '../ledger/record.js';
import { minhash } from '../ledger/minhash.js';
import type { Analysis, Store } from '../store/port.js';
import type { IngestFailure, IngestItem, SourceEvent } from './item.js';
import { normalizeText, textHash } from './normalize.js';

export interface IngestSummary {
  seen: number;
  new: number;
  unchanged: number;
  revised: number;
  failed: IngestFailure[];
  /** New articles whose text the ledger already held under another key. */
  exactDuplicates: number;
  /** New or revised articles grouped with others as the same story. */
  syndicated: number;
  /** Statement-level changes across all revisions. */
  changes: number;
  seconds: number;
}

export interface IngestOptions {
  /** Items per transaction (default 200). */
  batchSize?: number;
  /** Called after every batch, and when the source reports a failure. */
  onProgress?: (summary: IngestSummary) => void;
  /** Called after every committed item, with its outcome. */
  onRecorded?: (item: IngestItem, outcome: RecordOutcome) => void;
  /** The extractor (default: the package's pipeline). */
  analyse?: (text: string, id?: string) => ArticleJson;
  /** The clock (tests fix it). */
  now?: () => Date;
}

export function emptySummary(): IngestSummary {
  return { seen: 0, new: 0, unchanged: 0, revised: 0, failed: [], exactDuplicates: 0, syndicated: 0, changes: 0, seconds: 0 };
}

function toAnalysis(a: ArticleJson): Analysis {
  const { text: _text, ...rest } = a;
  return rest;
}

interface Pending {
  item: IngestItem;
  prepared: PreparedArticle;
}

export async function ingest(store: Store, source: AsyncIterable<SourceEvent> | Iterable<SourceEvent>, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const analyse = options.analyse ?? ((text: string, id?: string) => extract(text, id));
  const clock = options.now ?? (() => new Date());
  let batch: IngestItem[] = [];

  const fail = (origin: string, reason: string, code?: IngestFailure['code']): void => {
    summary.failed.push(code ? { origin, reason, code } : { origin, reason });
  };

  const count = (item: IngestItem, outcome: RecordOutcome): void => {
    summary[outcome.status]++;
    if (outcome.status === 'new' && outcome.exactDuplicate) summary.exactDuplicates++;
    if (outcome.status !== 'unchanged' && outcome.syndicatedWith !== undefined) summary.syndicated++;
    summary.changes += outcome.changes ?? 0;
    options.onRecorded?.(item, outcome);
  };

  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    const items = batch;
    batch = [];
    // 1. Normalise and key; drop what is already stored unchanged.
    const prepared: Pending[] = [];
    for (const item of items) {
      const text = normalizeText(item.text);
      if (!text) {
        fail(item.origin, 'empty text', 'EMPTY_INPUT');
        continue;
      }
      const hash = textHash(text);
      const url = item.url ?? item.canonicalUrl ?? null;
      prepared.push({
        item,
        prepared: {
          key: articleKey(url, item.id, hash),
          externalId: item.id ?? null,
          url,
          title: item.title ?? null,
          publisher: item.publisher ?? null,
          published: item.published ?? null,
          byline: item.byline ?? null,
          canonicalUrl: item.canonicalUrl ?? null,
          origin: item.origin,
          text,
          hash,
          analysis: null,
          minhash: null,
        },
      });
    }
    const latest = await store.latestVersions(prepared.map((p) => p.prepared.key));
    const todo: Pending[] = [];
    for (const p of prepared) {
      if (latest.get(p.prepared.key)?.textHash === p.prepared.hash) {
        summary.unchanged++;
        continue;
      }
      todo.push(p);
    }
    // 2. Extract what the ledger has never seen (outside the write transaction).
    const analysed: Pending[] = [];
    const inBatch = new Map<string, { analysis: Analysis; minhash: Uint32Array }>();
    for (const p of todo) {
      try {
        const known = inBatch.get(p.prepared.hash);
        if (known) {
          p.prepared.analysis = known.analysis;
          p.prepared.minhash = known.minhash;
        } else if (!(await store.hasText(p.prepared.hash))) {
          p.prepared.analysis = toAnalysis(analyse(p.prepared.text, p.item.id ?? undefined));
          p.prepared.minhash = minhash(p.prepared.text);
          inBatch.set(p.prepared.hash, { analysis: p.prepared.analysis, minhash: p.prepared.minhash });
        }
        analysed.push(p);
      } catch (error) {
        fail(p.item.origin, `extraction failed: ${error instanceof Error ? error.message : String(error)}`, 'INTERNAL');
      }
    }
    // 3. Record: the whole batch in one transaction, else one item per transaction.
    const now = clock().toISOString();
    try {
      const outcomes = await store.transaction(async (tx) => {
        const out: RecordOutcome[] = [];
        for (const p of analysed) out.push(await recordArticle(tx, p.prepared, now));
        return out;
      });
      outcomes.forEach((o, i) => count(analysed[i]!.item, o));
    } catch {
      for (const p of analysed) {
        try {
          count(p.item, await store.transaction((tx) => recordArticle(tx, p.prepared, now)));
        } catch (error) {
          fail(p.item.origin, `could not be stored: ${error instanceof Error ? error.message : String(error)}`, 'STORE');
        }
      }
    }
    summary.seconds = (performance.now() - started) / 1000;
    options.onProgress?.(summary);
  };

  for await (const event of source as AsyncIterable<SourceEvent>) {
    summary.seen++;
    if ('failure' in event) {
      summary.failed.push(event.failure);
      options.onProgress?.(summary);
      continue;
    }
    batch.push(event.item);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
