// Ingest end to end on small inputs: idempotence (the same text, even with CRLF or a BOM, is stored
// once), one bad item never stopping the rest, the summary's counts and reasons, JSONL with text or
// html, HTML pages with their metadata, directories, binary and non-UTF-8 files, standard input.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../cli/dispatch.js';
import { captureIO } from '../test-support/capture-io.js';
import { extractHtmlArticle } from './html.js';
import { normalizeText, textHash } from './normalize.js';
import { jsonlRecord } from './sources.js';

const dir = mkdtempSync(join(tmpdir(), 'hearsay-ingest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], stdin: string[] = []) {
  const c = captureIO(dir, stdin);
  const code = await runCli(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

const ARTICLE = '“We will win,” said Maria Lopez.\n\nJohn Smith said the plan would fail.';

test('normalisation: BOM, CRLF, trailing spaces and blank runs do not make a new text', () => {
  const a = normalizeText(ARTICLE);
  const b = normalizeText(`\uFEFF${ARTICLE.replace(/\n/g, '\r\n')}  \r\n\r\n\r\n`);
  assert.equal(a, b);
  assert.equal(textHash(a), textHash(b));
  assert.equal(normalizeText('e\u0301'), '\u00e9', 'NFC');
});

test('JSONL records: text or html, ids, dates; bad lines are reasons, not crashes', () => {
  const ok = jsonlRecord(JSON.stringify({ id: 7, url: 'https://x.org/a', title: 'T', published: '2024-10-24T10:00:00+02:00', publisher: 'P', text: 'Hi.' }), 'f:1');
  assert.ok('item' in ok);
  assert.equal(ok.item.id, '7');
  assert.equal(ok.item.published, '2024-10-24T08:00:00.000Z');
  const html = jsonlRecord(JSON.stringify({ html: '<html><head><title>H</title></head><body><p>Para one said x.</p><p>Two.</p></body></html>' }), 'f:2');
  assert.ok('item' in html);
  assert.equal(html.item.text, 'Para one said x.\n\nTwo.');
  assert.equal(html.item.title, 'H');
  for (const bad of ['{', '[1]', '{"id":"x"}', '"text"']) {
    const r = jsonlRecord(bad, 'f:3');
    assert.ok('failure' in r, bad);
    assert.equal(r.failure.code, 'BAD_JSONL_LINE');
  }
});

test('HTML pages: readable text with paragraphs; title, byline, date, canonical URL, publisher', () => {
  const page = `<!doctype html><html><head><title>Site | Page</title>
    <link rel="canonical" href="/news/geneva">
    <meta property="og:title" content="Talks resume in Geneva">
    <meta property="og:site_name" content="Daily News">
    <meta name="author" content="Jane Roe">
    <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-10-24T10:00:00Z"}</script>
    </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Talks resume in Geneva</h1>
    <p>“We are ready to talk,” said Maria Lopez, the foreign minister, on Thursday in Geneva.</p>
    <p>John Smith, the opposition leader, said the plan would fail and that the talks would stall.</p>
    <p>Observers said the meeting lasted four hours and ended without any statement at all.</p>
    </article><footer>© 2024 Daily News</footer><script>var x = 1;</script></body></html>`;
  const a = extractHtmlArticle(page, 'https://daily.example.org/world/x?utm=1');
  assert.equal(a.title, 'Talks resume in Geneva');
  assert.equal(a.canonicalUrl, 'https://daily.example.org/news/geneva');
  assert.equal(a.byline, 'Jane Roe');
  assert.equal(a.publisher, 'Daily News');
  assert.equal(a.published, '2024-10-24T10:00:00.000Z');
  assert.match(a.text, /^(Talks resume in Geneva\n\n)?“We are ready to talk,” said Maria Lopez/);
  assert.match(a.text, /foreign minister, on Thursday in Geneva\.\n\nJohn Smith/);
  assert.doesNotMatch(a.text, /Home|var x/);
});

test('ingest: idempotent, one bad item never stops the rest, and the summary names every failure', async () => {
  const db = join(dir, 'ingest.db');
  mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'in', 'a.txt'), ARTICLE);
  writeFileSync(join(dir, 'in', 'sub', 'b.html'), '<html><head><title>B</title></head><body><p>Officials said the bridge would reopen.</p></body></html>');
  writeFileSync(join(dir, 'in', 'c.jsonl'), [JSON.stringify({ id: 'c1', text: 'Police said the road was closed 😀.' }), '{not json', JSON.stringify({ id: 'c2', text: '   ' }), JSON.stringify({ id: 'c3', text: 'Doctors said the\u00a0clinic would open.' })].join('\n'));
  writeFileSync(join(dir, 'in', 'bin.txt'), Buffer.from([0x41, 0x00, 0x42]));
  writeFileSync(join(dir, 'in', 'latin.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
  writeFileSync(join(dir, 'in', '.hidden.txt'), 'ignored');
  writeFileSync(join(dir, 'in', 'notes.pdf'), 'ignored');
  const r = await cli(['ingest', '--db', db, '--json', 'in', 'missing.txt']);
  const s = JSON.parse(r.out);
  assert.equal(s.new, 4, JSON.stringify(s));
  const reasons = Object.fromEntries(s.failed.map((f: { origin: string; code: string }) => [f.origin.replace(dir, '').replace(/^\//, ''), f.code]));
  assert.deepEqual(reasons, {
    'in/bin.txt': 'BINARY_INPUT',
    'in/c.jsonl:2': 'BAD_JSONL_LINE',
    'in/c.jsonl:3': 'EMPTY_INPUT',
    'in/latin.txt': 'INVALID_UTF8',
    'missing.txt': 'FILE_NOT_FOUND',
  });
  assert.equal(r.code, 4, 'the exit code is the first failure’s');

  // The same again: nothing new; a CRLF copy of a.txt under its own name is the same text, new key.
  const again = JSON.parse((await cli(['ingest', '--db', db, '--json', 'in'])).out);
  assert.equal(again.new, 0);
  assert.equal(again.unchanged, 4);
  writeFileSync(join(dir, 'in', 'a.txt'), `\uFEFF${ARTICLE.replace(/\n/g, '\r\n')}\r\n`);
  assert.equal(JSON.parse((await cli(['ingest', '--db', db, '--json', 'in'])).out).unchanged, 4, 'CRLF and BOM are not a revision');

  // Standard input: JSONL and plain text.
  const stdinJsonl = JSON.parse((await cli(['ingest', '--db', db, '--json', '-'], [JSON.stringify({ id: 's1', text: 'Mayor said yes.' }) + '\n'])).out);
  assert.equal(stdinJsonl.new, 1);
  const stdinText = JSON.parse((await cli(['ingest', '--db', db, '--json', '-'], ['Mayor said no.\n'])).out);
  assert.equal(stdinText.new, 1);
  assert.equal(JSON.parse((await cli(['ingest', '--db', db, '--json', '-'], ['Mayor said no.\n'])).out).unchanged, 1, 'unkeyed text is keyed by its hash');

  // The readable summary on stderr.
  const readable = await cli(['ingest', '--db', db, 'in']);
  assert.match(readable.err, /new +0/);
  assert.match(readable.err, /unchanged +4/);
  assert.match(readable.err, /failed +4/);
  assert.match(readable.err, /bin\.txt: .*binary/);

  const usage = await cli(['ingest', '--db', db]);
  assert.equal(usage.code, 2);
});

test('ledger location: HEARSAY_DB and XDG_DATA_HOME', async () => {
  writeFileSync(join(dir, 'one.txt'), ARTICLE);
  const c = captureIO(dir);
  c.io.env = { HEARSAY_DB: join(dir, 'env.db') };
  assert.equal(await runCli(['ingest', '--json', 'one.txt'], c.io), 0);
  assert.equal(JSON.parse(c.out()).db, join(dir, 'env.db'));
  const d = captureIO(dir);
  d.io.env = { XDG_DATA_HOME: join(dir, 'xdg') };
  assert.equal(await runCli(['ingest', '--json', 'one.txt'], d.io), 0);
  assert.equal(JSON.parse(d.out()).db, join(dir, 'xdg', 'hearsay', 'ledger.db'));
});
