// Feeds: RSS 2.0, Atom and JSON Feed fixtures with entities, CDATA, relative links and missing
// dates parse into items; malformed feeds fail with BAD_FEED and nothing is stored from them;
// item pages are fetched (from a loopback server, allowed explicitly) when they can be, and the
// feed's own content stands in when they cannot.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../cli/dispatch.js';
import { captureIO } from '../test-support/capture-io.js';
import { looksLikeFeed, parseFeedDocument } from './feed.js';

export const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Daily &amp; Weekly News</title>
  <link>https://news.example.org/world/</link>
  <description>World news</description>
  <item>
    <title>Talks &#8220;resume&#8221; in Geneva</title>
    <link>/world/geneva-talks</link>
    <guid isPermaLink="false">geneva-1</guid>
    <pubDate>Thu, 24 Oct 2024 10:00:00 GMT</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <description><![CDATA[<p>“We are ready to talk,” said Maria Lopez, the foreign minister.</p><p>John Smith said the plan would fail &amp; talks would stall.</p>]]></description>
  </item>
  <item>
    <title>No date here</title>
    <link>markets/rates</link>
    <content:encoded><![CDATA[<p>Rates will rise, according to the central bank.</p>]]></content:encoded>
  </item>
</channel>
</rss>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.net/blog/">
  <title type="text">Atom &lt;Example&gt;</title>
  <link href="https://atom.example.net/blog/" rel="alternate"/>
  <id>urn:uuid:60a76c80</id>
  <updated>2024-10-25T08:00:00Z</updated>
  <entry>
    <title>Mayor vows action</title>
    <link href="posts/mayor-vows" rel="alternate"/>
    <id>urn:uuid:1225c695</id>
    <published>2024-10-25T07:00:00Z</published>
    <author><name>Tom Poe</name></author>
    <content type="html">&lt;p&gt;The mayor said the roads would be fixed by &lt;b&gt;spring&lt;/b&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Undated entry</title>
    <link href="posts/undated"/>
    <id>urn:uuid:undated</id>
    <summary>Police said the road was closed.</summary>
  </entry>
</feed>`;

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Example',
  home_page_url: 'https://json.example.com/',
  items: [
    { id: 'j1', url: '/2024/10/rates', title: 'Rates', content_html: '<p>Officials said rates would fall &mdash; eventually.</p>', date_published: '2024-10-26T09:00:00Z', authors: [{ name: 'Ann Lee' }] },
    { id: 'j2', url: 'https://json.example.com/2024/10/plain', content_text: 'Plain text item.\n\nThe minister said it was fine.' },
  ],
});

test('RSS 2.0: entities, CDATA, relative links, dc:creator, a missing date', () => {
  assert.ok(looksLikeFeed(RSS));
  const f = parseFeedDocument(RSS, 'https://news.example.org/world/rss.xml');
  assert.equal(f.format, 'rss');
  assert.equal(f.title, 'Daily & Weekly News');
  assert.equal(f.entries.length, 2);
  const [a, b] = f.entries;
  assert.equal(a!.title, 'Talks “resume” in Geneva');
  assert.equal(a!.link, 'https://news.example.org/world/geneva-talks');
  assert.equal(a!.id, 'geneva-1');
  assert.equal(a!.published, '2024-10-24T10:00:00.000Z');
  assert.equal(a!.byline, 'Jane Roe');
  assert.equal(a!.text, '“We are ready to talk,” said Maria Lopez, the foreign minister.\n\nJohn Smith said the plan would fail & talks would stall.');
  assert.equal(b!.link, 'https://news.example.org/world/markets/rates');
  assert.equal(b!.published, null);
  assert.equal(b!.text, 'Rates will rise, according to the central bank.');
});

test('Atom: xml:base, html content, text constructs, a missing date', () => {
  assert.ok(looksLikeFeed(ATOM));
  const f = parseFeedDocument(ATOM);
  assert.equal(f.format, 'atom');
  assert.equal(f.title, 'Atom <Example>');
  assert.equal(f.entries[0]!.link, 'https://atom.example.net/blog/posts/mayor-vows');
  assert.equal(f.entries[0]!.text, 'The mayor said the roads would be fixed by spring.');
  assert.equal(f.entries[0]!.byline, 'Tom Poe');
  assert.equal(f.entries[0]!.published, '2024-10-25T07:00:00.000Z');
  assert.equal(f.entries[1]!.published, null);
  assert.equal(f.entries[1]!.text, 'Police said the road was closed.');
});

test('JSON Feed: relative url against home_page_url, html and text content, missing dates', () => {
  assert.ok(looksLikeFeed(JSON_FEED));
  const f = parseFeedDocument(JSON_FEED);
  assert.equal(f.format, 'json');
  assert.equal(f.entries[0]!.link, 'https://json.example.com/2024/10/rates');
  assert.equal(f.entries[0]!.text, 'Officials said rates would fall — eventually.');
  assert.equal(f.entries[0]!.byline, 'Ann Lee');
  assert.equal(f.entries[1]!.published, null);
  assert.equal(f.entries[1]!.text, 'Plain text item.\n\nThe minister said it was fine.');
});

test('malformed feeds throw BAD_FEED', () => {
  for (const bad of ['<rss version="2.0"><channel><item><title>x</item></channel>', '<feed xmlns="http://www.w3.org/2005/Atom"><entry>', '{"version":"https://jsonfeed.org/version/1.1","items":"nope"}', 'not a feed']) {
    assert.throws(() => parseFeedDocument(bad), (e: unknown) => (e as { code?: string }).code === 'BAD_FEED', bad);
  }
});

// ---- through the CLI

const dir = mkdtempSync(join(tmpdir(), 'hearsay-feed-'));
let server: Server;
let base = '';
const hits: string[] = [];
before(async () => {
  server = createServer((req, res) => {
    hits.push(`${req.url} ${req.headers['user-agent']}`);
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(RSS.replace('https://news.example.org/world/', `${base}/world/`));
      return;
    }
    if (req.url === '/world/geneva-talks') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Geneva</title><link rel="canonical" href="/world/geneva-talks-canonical"></head><body><article><p>The full page: “We are ready to talk,” said Maria Lopez, the foreign minister, in Geneva on Thursday.</p><p>John Smith, the opposition leader, said the plan would fail, and that the talks would stall before the weekend was out.</p><p>Observers said the meeting lasted four hours and ended without a statement from either side.</p></article></body></html>`,
      );
      return;
    }
    res.writeHead(404);
    res.end('not here');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  const c = captureIO(dir);
  const code = await runCli(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

test('ingest of feed files (--no-fetch): every item stored from the feed content, with its metadata', async () => {
  writeFileSync(join(dir, 'news.rss'), RSS);
  writeFileSync(join(dir, 'blog.atom'), ATOM);
  writeFileSync(join(dir, 'feed.json'), JSON_FEED);
  const db = join(dir, 'feeds.db');
  const r = await cli(['ingest', '--db', db, '--json', '--no-fetch', 'news.rss', 'blog.atom', 'feed.json']);
  assert.equal(r.code, 0, r.err);
  const s = JSON.parse(r.out);
  assert.equal(s.new, 6);
  assert.equal(s.failed.length, 0);
  const h = JSON.parse((await cli(['history', '--db', db, '--json', 'https://news.example.org/world/geneva-talks'])).out);
  assert.equal(h.article.title, 'Talks “resume” in Geneva');
  assert.equal(h.article.publisher, 'Daily & Weekly News');
  assert.equal(h.article.published, '2024-10-24T10:00:00.000Z');
  assert.equal(h.article.externalId, 'geneva-1');
  const again = JSON.parse((await cli(['ingest', '--db', db, '--json', '--no-fetch', 'news.rss', 'blog.atom', 'feed.json'])).out);
  assert.equal(again.unchanged, 6);
});

test('a malformed feed fails with a clear error and stores nothing from it; the other inputs still go in', async () => {
  writeFileSync(join(dir, 'broken.rss'), '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>One</title><description>Officials said x.</description></item><item><title>Two</channel></rss>');
  writeFileSync(join(dir, 'ok.txt'), 'Officials said the bridge would reopen on Monday.');
  const db = join(dir, 'broken.db');
  const r = await cli(['ingest', '--db', db, '--json', '--no-fetch', 'broken.rss', 'ok.txt']);
  assert.equal(r.code, 13, 'BAD_FEED exit code');
  const s = JSON.parse(r.out);
  assert.equal(s.new, 1, 'the text file is stored');
  assert.equal(s.failed.length, 1);
  assert.equal(s.failed[0].code, 'BAD_FEED');
  assert.match(s.failed[0].reason, /Not a valid RSS, Atom or JSON feed/);
  const found = await cli(['search', '--db', db, '--json', 'officials']);
  assert.equal(JSON.parse(found.out).statements.every((x: { articleKey: string }) => x.articleKey.includes('ok.txt')), true);
  const readable = await cli(['ingest', '--db', db, '--no-fetch', 'broken.rss']);
  assert.match(readable.err, /failed +1/);
  assert.match(readable.err, /broken\.rss: Not a valid RSS/);
});

test('a feed URL: items fetched from their pages (loopback allowed), the feed content when a page is missing', async () => {
  const db = join(dir, 'url.db');
  const refused = await cli(['ingest', '--db', db, '--json', `${base}/feed.xml`]);
  assert.equal(refused.code, 15, 'loopback refused without --allow-private');
  assert.equal(JSON.parse(refused.out).failed[0].code, 'URL_REFUSED');

  const r = await cli(['ingest', '--db', db, '--json', '--allow-private', `${base}/feed.xml`]);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).new, 2);
  const page = JSON.parse((await cli(['history', '--db', db, '--json', `${base}/world/geneva-talks-canonical`])).out);
  assert.equal(page.article.title, 'Talks “resume” in Geneva');
  const exported = JSON.parse((await cli(['export', '--db', db, '--format', 'json'])).out) as { analysis: { text: string } }[];
  assert.ok(exported.some((a) => a.analysis.text.startsWith('The full page:')), 'the fetched page replaced the summary');
  assert.ok(exported.some((a) => a.analysis.text === 'Rates will rise, according to the central bank.'), 'a missing page falls back to the feed content');
  assert.ok(hits.every((h) => h.includes('hearsay/')), 'every request names hearsay in its User-Agent');

  // A page URL on its own: stored under its canonical URL; the same page again is unchanged.
  const single = await cli(['ingest', '--db', join(dir, 'page.db'), '--json', '--allow-private', `${base}/world/geneva-talks`]);
  assert.equal(single.code, 0, single.err);
  assert.equal(JSON.parse(single.out).new, 1);
  const pageHistory = JSON.parse((await cli(['history', '--db', join(dir, 'page.db'), '--json', `${base}/world/geneva-talks-canonical`])).out);
  assert.equal(pageHistory.article.title, 'Geneva');
  const missing = await cli(['ingest', '--db', join(dir, 'page.db'), '--json', '--allow-private', `${base}/nothing-here`]);
  assert.equal(missing.code, 14, 'FETCH_FAILED');
  assert.match(JSON.parse(missing.out).failed[0].reason, /HTTP 404/);
});
