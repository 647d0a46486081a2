// Where the bench scripts find the repository and the research data: the data sits in
// ../shared/data beside the repository and is read at run time, never copied in.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');
/** The 2,225 BBC articles the throughput benchmarks read (research only). */
export const BBC_ARTICLES = join(SHARED_DATA, 'news', 'bbc-2225', 'articles.jsonl');
