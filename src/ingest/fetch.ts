// Safe URL fetching for ingest: http(s) only; a total timeout; a size limit on the decoded body;
// at most a few redirects, each re-checked; a clear User-Agent; and no private, loopback,
// link-local or otherwise internal address unless the caller allows it. The address check runs in
// the socket's own DNS lookup (and on IP literals), so a name that resolves to an internal address
// is refused at connect time, redirects and DNS rebinding included. Node's net.BlockList holds the
// ranges; http/https/zlib do the rest.

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP } from 'node:net';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { HearsayError } from '../core/errors.js';

export const USER_AGENT = 'hearsay/0.1 (news attribution ledger; +https://www.npmjs.com/package/hearsay)';

export interface FetchOptions {
  /** Allow private, loopback and link-local addresses (tests and intranets). Default false. */
  allowPrivate?: boolean;
  /** Whole-request timeout in ms (default 15000). */
  timeoutMs?: number;
  /** Largest body accepted, after decompression (default 10 MB). */
  maxBytes?: number;
  /** Redirects followed (default 5). */
  maxRedirects?: number;
  userAgent?: string;
  accept?: string;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: string;
}

const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const) BLOCKED.addSubnet(net, bits, 'ipv6');

/** True for addresses that are not on the public internet (loopback, private, link-local, ...). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return BLOCKED.check(mapped[1]!, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true;
}

function refused(url: string, address: string): HearsayError {
  return new HearsayError('URL_REFUSED', `Refusing to fetch ${url}: it resolves to ${address}, a private or loopback address.`, { url, address });
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(url: string, allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '', 4);
      const list = addresses as LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(refused(url, bad.address) as unknown as NodeJS.ErrnoException, options.all ? [] : '', 4);
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`) as NodeJS.ErrnoException, '', 4);
      callback(null, first.address, first.family);
    });
  };
}

function decoderFor(contentType: string): { decode(input: Uint8Array): string } {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

function requestOnce(url: URL, options: Required<Omit<FetchOptions, 'maxRedirects'>>, deadline: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body?: Buffer }> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !options.allowPrivate && isPrivateAddress(host)) return reject(refused(url.href, host));
    const mod = url.protocol === 'https:' ? https : http;
    const remaining = Math.max(1, deadline - Date.now());
    const req = mod.request(
      url,
      {
        method: 'GET',
        headers: { 'User-Agent': options.userAgent, Accept: options.accept, 'Accept-Encoding': 'gzip, deflate, br' },
        lookup: guardedLookup(url.href, options.allowPrivate) as unknown as typeof dnsLookup,
        timeout: remaining,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          return resolve({ status, headers: res.headers });
        }
        const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
        let stream: Readable = res;
        if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(zlib.createGunzip());
        else if (encoding === 'deflate') stream = res.pipe(zlib.createInflate());
        else if (encoding === 'br') stream = res.pipe(zlib.createBrotliDecompress());
        const declared = Number(res.headers['content-length'] ?? NaN);
        if (!encoding && Number.isFinite(declared) && declared > options.maxBytes) {
          res.destroy();
          return reject(new HearsayError('FETCH_FAILED', `${url.href} is ${declared} bytes, over the ${options.maxBytes}-byte limit.`, { url: url.href }));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy();
            stream.destroy();
            reject(new HearsayError('FETCH_FAILED', `${url.href} is over the ${options.maxBytes}-byte limit.`, { url: url.href }));
            return;
          }
          chunks.push(chunk);
        });
        stream.on('end', () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks) }));
        stream.on('error', (e) => reject(new HearsayError('FETCH_FAILED', `Reading ${url.href} failed: ${e.message}`, { url: url.href })));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      reject(new HearsayError('FETCH_FAILED', `${url.href} did not answer within ${options.timeoutMs} ms.`, { url: url.href }));
    });
    req.on('error', (e) => {
      if (e instanceof HearsayError) return reject(e);
      const cause = (e as { cause?: unknown }).cause;
      if (cause instanceof HearsayError) return reject(cause);
      reject(new HearsayError('FETCH_FAILED', `Fetching ${url.href} failed: ${e.message}`, { url: url.href }));
    });
    req.end();
  });
}

/** Fetches a URL as text, safely (see the module header). Throws HearsayError FETCH_FAILED / URL_REFUSED. */
export async function safeFetch(rawUrl: string, options: FetchOptions = {}): Promise<FetchResult> {
  const opts = {
    allowPrivate: options.allowPrivate ?? false,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    userAgent: options.userAgent ?? USER_AGENT,
    accept: options.accept ?? 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, text/plain;q=0.8, */*;q=0.5',
  };
  const maxRedirects = options.maxRedirects ?? 5;
  const deadline = Date.now() + opts.timeoutMs;
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new HearsayError('URL_REFUSED', `Not a URL: ${rawUrl}`, { url: rawUrl });
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HearsayError('URL_REFUSED', `Only http and https URLs are fetched, not ${url.protocol}`, { url: url.href });
    const res = await requestOnce(url, opts, deadline);
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      if (hop >= maxRedirects) throw new HearsayError('FETCH_FAILED', `${rawUrl} redirected more than ${maxRedirects} times.`, { url: rawUrl });
      url = new URL(res.headers.location, url);
      continue;
    }
    if (res.status < 200 || res.status >= 300) throw new HearsayError('FETCH_FAILED', `${url.href} answered HTTP ${res.status}.`, { url: url.href, status: res.status });
    const contentType = String(res.headers['content-type'] ?? '');
    return { url: url.href, status: res.status, contentType, body: decoderFor(contentType).decode(res.body ?? Buffer.alloc(0)) };
  }
}
