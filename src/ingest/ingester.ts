// The ingest engine: items in, ledger out. Items are taken in batches; a batch first drops what the
// ledger already holds under the same key with the same text hash (no extraction for them), then
// extracts the rest outside any transaction, then records the batch in one transaction. When a batch
// fails to record, its items are retried one per transaction, so one bad item never stops the rest
// and never leaves half an article behind.
//
// A stored analysis is reused only when this extractor wrote it (src/ledger/extractor-identity.ts).
// One written by another extractor (an older hearsay or model, or unknown) is extracted again and
// replaced, with the statements and revisions that hang on it (src/ledger/reanalyse.ts), in the
// same transaction as the item that met it: an unchanged item, an item whose text is stored under
// another key, and the previous version of a revised article (so that its revision compares the
// analyses of one extractor). A ledger thus converges as it is used.

import type { ArticleJson } from '../core/format.js';
import { extract, extractBatch } from '../extract/pipeline.js';
import { articleKey, recordArticle, type PreparedArticle, type RecordOutcome } from '../ledger/record.js';
import { currentExtractor } from '../ledger/extractor-identity.js';
import { minhash } from '../ledger/minhash.js';
import { reanalyseText } from '../ledger/reanalyse.js';
import type { Analysis, Store, StoreOps } from '../store/port.js';
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
  /** Stored texts extracted again because another extractor had analysed them. */
  reanalysed: number;
  /** The fingerprint of the extractor that analysed what this run stored. */
  extractor: string;
  seconds: number;
}

export interface IngestOptions {
  /** Items per transaction (default 200). */
  batchSize?: number;
  /** Called after every batch, and when the source reports a failure. */
  onProgress?: (summary: IngestSummary) => void;
  /** Called after every committed item, with its outcome. */
  onRecorded?: (item: IngestItem, outcome: RecordOutcome) => void;
  /** The extractor (default: the package's pipeline, which extracts a batch's new texts together,
   * stage by stage: Pipeline.runBatch). */
  analyse?: (text: string, id?: string) => ArticleJson;
  /** The fingerprint of `analyse` (default: the package pipeline's, see src/ledger/extractor-identity.ts). */
  extractor?: string;
  /** The clock (tests fix it). */
  now?: () => Date;
}

/** New texts extracted together (as `extract --jsonl` does): fewer would cost more CPU, more would
 * hold more Docs at once for no gain (src/cli/commands/extract.ts, JSONL_BATCH). */
const EXTRACT_BATCH = 64;

/** Extracts several texts at once: the package pipeline's batch run (stage by stage), or, when a
 * one-text extractor is given (tests), that extractor over each. Shared by ingest and reanalyse. */
export function analyserOfMany(analyse?: (text: string, id?: string) => ArticleJson): (inputs: readonly { text: string; id?: string }[]) => ArticleJson[] {
  return analyse ? (inputs) => inputs.map((x) => analyse(x.text, x.id)) : (inputs) => extractBatch(inputs);
}

export function emptySummary(extractor: string): IngestSummary {
  return { seen: 0, new: 0, unchanged: 0, revised: 0, failed: [], exactDuplicates: 0, syndicated: 0, changes: 0, reanalysed: 0, extractor, seconds: 0 };
}

export function toAnalysis(a: ArticleJson): Analysis {
  const { text: _text, ...rest } = a;
  return rest;
}

interface Pending {
  item: IngestItem;
  prepared: PreparedArticle;
  /** Stored texts whose analysis must be replaced before this item is recorded: its own, its previous version's. */
  refresh: string[];
}

export async function ingest(store: Store, source: AsyncIterable<SourceEvent> | Iterable<SourceEvent>, options: IngestOptions = {}): Promise<IngestSummary> {
  const started = performance.now();
  const extractor = options.extractor ?? (await currentExtractor()).fingerprint;
  const summary = emptySummary(extractor);
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const analyse = options.analyse ?? ((text: string, id?: string) => extract(text, id));
  const analyseMany = analyserOfMany(options.analyse);
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
          extractor,
          minhash: null,
        },
        refresh: [],
      });
    }
    const latest = await store.latestVersions(prepared.map((p) => p.prepared.key));
    const todo: Pending[] = [];
    for (const p of prepared) {
      const l = latest.get(p.prepared.key);
      if (l?.textHash === p.prepared.hash && l.extractor === extractor) {
        summary.unchanged++;
        continue;
      }
      todo.push(p);
    }
    // 2. Extract what the ledger has never seen, or holds only as another extractor's analysis
    // (outside the write transaction).
    const analysed: Pending[] = [];
    const inBatch = new Map<string, { analysis: Analysis; minhash: Uint32Array }>();
    /** Replacement analyses of stored texts, by hash. */
    const replacements = new Map<string, Analysis>();
    const stored = await store.textExtractors(todo.map((p) => p.prepared.hash));
    /** Extracts a stored, stale text again (with the id its analysis had). */
    const replace = async (hash: string): Promise<void> => {
      if (replacements.has(hash)) return;
      const old = await store.getText(hash);
      if (!old) return;
      replacements.set(hash, toAnalysis(analyse(old.text, old.analysis.id)));
    };
    // The texts new to the ledger, extracted together (a throw leaves them to the loop below,
    // which extracts each alone and records a failure against the item it concerns).
    const fresh = new Map<string, ArticleJson>();
    const firsts: Pending[] = [];
    const freshHashes = new Set<string>();
    for (const p of todo) {
      const { hash } = p.prepared;
      if (stored.has(hash) || freshHashes.has(hash)) continue;
      freshHashes.add(hash);
      firsts.push(p);
    }
    try {
      for (let from = 0; from < firsts.length; from += EXTRACT_BATCH) {
        const slice = firsts.slice(from, from + EXTRACT_BATCH);
        const articles = analyseMany(slice.map((p) => ({ text: p.prepared.text, id: p.item.id ?? undefined })));
        slice.forEach((p, i) => fresh.set(p.prepared.hash, articles[i]!));
      }
    } catch {
      fresh.clear();
    }
    for (const p of todo) {
      try {
        const { hash } = p.prepared;
        const known = inBatch.get(hash);
        if (stored.has(hash) && stored.get(hash) !== extractor) {
          await replace(hash);
          p.refresh.push(hash);
        } else if (known) {
          p.prepared.analysis = known.analysis;
          p.prepared.minhash = known.minhash;
        } else if (!stored.has(hash)) {
          p.prepared.analysis = toAnalysis(fresh.get(hash) ?? analyse(p.prepared.text, p.item.id ?? undefined));
          p.prepared.minhash = minhash(p.prepared.text);
          inBatch.set(hash, { analysis: p.prepared.analysis, minhash: p.prepared.minhash });
        }
        const previous = latest.get(p.prepared.key);
        if (previous && previous.textHash !== hash && previous.extractor !== extractor) {
          await replace(previous.textHash);
          p.refresh.push(previous.textHash);
        }
        analysed.push(p);
      } catch (error) {
        fail(p.item.origin, `extraction failed: ${error instanceof Error ? error.message : String(error)}`, 'INTERNAL');
      }
    }
    // 3. Record: the whole batch in one transaction, else one item per transaction. Stale stored
    // analyses are replaced first, in the same transaction as the items that need them.
    const now = clock().toISOString();
    const record = async (tx: StoreOps, items: Pending[]): Promise<{ outcomes: RecordOutcome[]; reanalysed: number }> => {
      let reanalysed = 0;
      const hashes = [...new Set(items.flatMap((p) => p.refresh))];
      const current = await tx.textExtractors(hashes);
      for (const hash of hashes) {
        const analysis = replacements.get(hash);
        if (!analysis || current.get(hash) === extractor) continue;
        await reanalyseText(tx, hash, analysis, extractor);
        reanalysed++;
      }
      const outcomes: RecordOutcome[] = [];
      for (const p of items) outcomes.push(await recordArticle(tx, p.prepared, now));
      return { outcomes, reanalysed };
    };
    try {
      const { outcomes, reanalysed } = await store.transaction((tx) => record(tx, analysed));
      summary.reanalysed += reanalysed;
      outcomes.forEach((o, i) => count(analysed[i]!.item, o));
    } catch {
      for (const p of analysed) {
        try {
          const { outcomes, reanalysed } = await store.transaction((tx) => record(tx, [p]));
          summary.reanalysed += reanalysed;
          count(p.item, outcomes[0]!);
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
