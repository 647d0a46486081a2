// The re-analysis engine behind `hearsay reanalyse`: every stored text whose analysis another
// extractor wrote (or every text, with `all`) is extracted again and its analysis replaced, with
// its versions' statements and the revisions that involve them (src/ledger/reanalyse.ts). Texts
// are taken in hash order, a batch at a time: extracted outside any transaction, then replaced in
// one transaction per batch, else one per text when the batch fails; a kill leaves every text
// either wholly old or wholly new, and running again picks up the texts still stale.

import type { ArticleJson } from '../core/format.js';
import { extract } from '../extract/pipeline.js';
import { currentExtractor } from '../ledger/extractor-identity.js';
import { reanalyseText, type ReanalyseOutcome } from '../ledger/reanalyse.js';
import type { Analysis, ExtractorCensus, Store } from '../store/port.js';
import type { IngestFailure } from './item.js';
import { analyserOfMany, toAnalysis } from './ingester.js';

export interface ReanalyseSummary {
  /** The fingerprint of the extractor the texts are brought to. */
  extractor: string;
  all: boolean;
  dryRun: boolean;
  /** The texts chosen when the run began (stale ones, or all), with their versions and statements. */
  selected: { texts: number; versions: number; statements: number };
  /** The ledger's texts by the extractor that analysed them, when the run began. */
  census: ExtractorCensus[];
  /** Texts whose analysis was replaced. */
  reanalysed: number;
  /** Versions whose statements were rewritten. */
  versions: number;
  statementsBefore: number;
  statementsAfter: number;
  /** Revisions whose statement diff was recomputed (one revision may be counted for each of its two texts). */
  revisions: number;
  /** The extractors whose analyses were replaced, with how many texts each. */
  replaced: { extractor: string | null; texts: number }[];
  /** Texts that could not be re-analysed (origin `text:<hash>`); they stay as they were. */
  failed: IngestFailure[];
  seconds: number;
}

export interface ReanalyseOptions {
  /** Every stored text, not only the stale ones. */
  all?: boolean;
  /** Count what would be re-analysed; change nothing. */
  dryRun?: boolean;
  /** Texts per transaction (default 50). */
  batchSize?: number;
  /** Called once the texts are chosen, before any is re-analysed (summary.selected says how many). */
  onStart?: (summary: ReanalyseSummary) => void;
  /** Called after every batch. */
  onProgress?: (summary: ReanalyseSummary) => void;
  /** The extractor (default: the package's pipeline). */
  analyse?: (text: string, id?: string) => ArticleJson;
  /** The fingerprint of `analyse` (default: the package pipeline's). */
  extractor?: string;
}

function selection(census: ExtractorCensus[], extractor: string, all: boolean): ReanalyseSummary['selected'] {
  const chosen = census.filter((c) => all || c.extractor !== extractor);
  const sum = (key: 'texts' | 'versions' | 'statements'): number => chosen.reduce((n, c) => n + c[key], 0);
  return { texts: sum('texts'), versions: sum('versions'), statements: sum('statements') };
}

export async function reanalyse(store: Store, options: ReanalyseOptions = {}): Promise<ReanalyseSummary> {
  const started = performance.now();
  const extractor = options.extractor ?? (await currentExtractor()).fingerprint;
  const all = options.all ?? false;
  const analyse = options.analyse ?? ((text: string, id?: string) => extract(text, id));
  const analyseMany = analyserOfMany(options.analyse);
  const batchSize = Math.max(1, options.batchSize ?? 50);
  const census = await store.extractorCensus();
  const summary: ReanalyseSummary = {
    extractor,
    all,
    dryRun: options.dryRun ?? false,
    selected: selection(census, extractor, all),
    census,
    reanalysed: 0,
    versions: 0,
    statementsBefore: 0,
    statementsAfter: 0,
    revisions: 0,
    replaced: [],
    failed: [],
    seconds: 0,
  };
  const replaced = new Map<string | null, number>();
  const add = (o: ReanalyseOutcome): void => {
    summary.reanalysed++;
    summary.versions += o.versions;
    summary.statementsBefore += o.statementsBefore;
    summary.statementsAfter += o.statementsAfter;
    summary.revisions += o.revisions;
    replaced.set(o.previousExtractor, (replaced.get(o.previousExtractor) ?? 0) + 1);
  };
  const fail = (hash: string, reason: string, code: IngestFailure['code']): void => {
    summary.failed.push({ origin: `text:${hash}`, reason, code });
  };

  options.onStart?.(summary);
  let after = '';
  while (!summary.dryRun) {
    const hashes = await store.textHashes(after, batchSize, all ? undefined : extractor);
    if (!hashes.length) break;
    after = hashes[hashes.length - 1]!;
    // 1. Extract again, outside the write transaction, with the id the stored analysis had: the
    // batch's texts together (stage by stage), or, if that throws, one by one, each failure
    // recorded against its own text.
    const texts: { hash: string; text: string; id?: string }[] = [];
    for (const hash of hashes) {
      try {
        const stored = await store.getText(hash);
        if (stored) texts.push({ hash, text: stored.text, id: stored.analysis.id });
      } catch (error) {
        fail(hash, `extraction failed: ${error instanceof Error ? error.message : String(error)}`, 'INTERNAL');
      }
    }
    let together: ArticleJson[] | null = null;
    try {
      together = analyseMany(texts);
    } catch {
      together = null;
    }
    const work: { hash: string; analysis: Analysis }[] = [];
    texts.forEach((t, i) => {
      try {
        work.push({ hash: t.hash, analysis: toAnalysis(together ? together[i]! : analyse(t.text, t.id)) });
      } catch (error) {
        fail(t.hash, `extraction failed: ${error instanceof Error ? error.message : String(error)}`, 'INTERNAL');
      }
    });
    // 2. Replace: the whole batch in one transaction, else one text per transaction.
    try {
      const outcomes = await store.transaction(async (tx) => {
        const out: ReanalyseOutcome[] = [];
        for (const w of work) out.push(await reanalyseText(tx, w.hash, w.analysis, extractor));
        return out;
      });
      outcomes.forEach(add);
    } catch {
      for (const w of work) {
        try {
          add(await store.transaction((tx) => reanalyseText(tx, w.hash, w.analysis, extractor)));
        } catch (error) {
          fail(w.hash, `could not be stored: ${error instanceof Error ? error.message : String(error)}`, 'STORE');
        }
      }
    }
    summary.replaced = [...replaced].map(([e, texts]) => ({ extractor: e, texts }));
    summary.seconds = (performance.now() - started) / 1000;
    options.onProgress?.(summary);
  }
  summary.replaced = [...replaced].map(([e, texts]) => ({ extractor: e, texts }));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
