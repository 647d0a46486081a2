// The founding article's speakers (issue "Statement semantics", items 1-2): the 16 statements
// resolve to the right entities, with the mentions and descriptors the issue names. The article is
// copyrighted: it is read from ../shared/seed at run time and never copied into the repository. The
// checks live in src/eval/founding-article.ts, which training also runs on a candidate model.

import { test } from 'node:test';
import { checkMentions, checkSpeakers, FOUNDING_ARTICLE_PATH, runFoundingArticle } from '../../eval/founding-article.js';

const run = runFoundingArticle();
const skip = run ? false : `the founding article is not here (${FOUNDING_ARTICLE_PATH})`;

test('founding article: the 16 statements have the right speakers', { skip }, () => checkSpeakers(run!));

test('founding article: mentions and descriptors of the speakers', { skip }, () => checkMentions(run!));
