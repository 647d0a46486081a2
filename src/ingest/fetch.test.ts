// Safe URL fetching against a loopback server (allowed explicitly): private and loopback addresses
// refused by default, redirects followed and limited, size and time limits, a clear User-Agent,
// compressed bodies and charsets decoded.

import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { isPrivateAddress, safeFetch, USER_AGENT } from './fetch.js';

let server: Server;
let base = '';
let lastAgent = '';
before(async () => {
  server = createServer((req, res) => {
    lastAgent = String(req.headers['user-agent']);
    const url = req.url ?? '/';
    if (url === '/ok') return void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello “world” 😀');
    if (url === '/latin1') return void res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    if (url === '/gzip') return void res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync('zipped text'));
    if (url.startsWith('/hop/')) {
      const n = Number(url.slice(5));
      return void res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/ok' }).end();
    }
    if (url === '/loop') return void res.writeHead(301, { location: '/loop' }).end();
    if (url === '/big') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(50_000));
    if (url === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 50; i++) res.write('y'.repeat(1000));
      return void res.end();
    }
    if (url === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2000);
    if (url === '/missing') return void res.writeHead(404).end('no');
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const allow = { allowPrivate: true };
const code = (c: string) => (e: unknown) => (e as { code?: string }).code === c;

test('private, loopback and link-local addresses are recognised', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1']) assert.ok(isPrivateAddress(a), a);
  for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '172.32.0.1']) assert.ok(!isPrivateAddress(a), a);
});

test('loopback is refused unless allowed; names resolving to loopback too', async () => {
  await assert.rejects(safeFetch(`${base}/ok`), code('URL_REFUSED'));
  await assert.rejects(safeFetch(`${base.replace('127.0.0.1', 'localhost')}/ok`), code('URL_REFUSED'));
  await assert.rejects(safeFetch('file:///etc/passwd'), code('URL_REFUSED'));
  await assert.rejects(safeFetch('not a url'), code('URL_REFUSED'));
});

test('a page is fetched with the User-Agent and decoded by its charset', async () => {
  const r = await safeFetch(`${base}/ok`, allow);
  assert.equal(r.body, 'hello “world” 😀');
  assert.equal(r.status, 200);
  assert.equal(lastAgent, USER_AGENT);
  assert.equal((await safeFetch(`${base}/latin1`, allow)).body, 'café');
  assert.equal((await safeFetch(`${base}/gzip`, allow)).body, 'zipped text');
});

test('redirects are followed up to the limit', async () => {
  const r = await safeFetch(`${base}/hop/3`, allow);
  assert.equal(r.url, `${base}/ok`);
  await assert.rejects(safeFetch(`${base}/hop/3`, { ...allow, maxRedirects: 2 }), code('FETCH_FAILED'));
  await assert.rejects(safeFetch(`${base}/loop`, allow), /redirected more than 5 times/);
});

test('size, time and status limits', async () => {
  await assert.rejects(safeFetch(`${base}/big`, { ...allow, maxBytes: 10_000 }), /limit/);
  await assert.rejects(safeFetch(`${base}/big-chunked`, { ...allow, maxBytes: 10_000 }), /limit/);
  await assert.rejects(safeFetch(`${base}/slow`, { ...allow, timeoutMs: 200 }), /did not answer within 200 ms/);
  await assert.rejects(safeFetch(`${base}/missing`, allow), /HTTP 404/);
});
