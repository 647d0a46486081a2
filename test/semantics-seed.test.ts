// The founding article (../shared/seed, read at run time, never copied here), through the full
// pipeline: acts, channels, setting, addressee, verification and update notes, the dispute between
// statements 16 and 15, and the metadata, as issue 4 ("Statement semantics") lists them. The check
// itself lives in src/eval/founding-article.ts, which training also runs on a candidate model.
import { test } from 'node:test';
import { checkSemantics, FOUNDING_ARTICLE_PATH, runFoundingArticle } from '../src/eval/founding-article.js';

const run = runFoundingArticle();
const skip = run ? false : `founding article not found at ${FOUNDING_ARTICLE_PATH} (the shared data folder is absent)`;

test('founding article: acts, channels, setting, addressee, notes, relation, metadata', { skip }, () => checkSemantics(run!));
