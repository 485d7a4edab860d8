import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies';

// Anonymous visitors of a tenant's busiest pages (the home page and the deals list) all get the
// same document: it depends on the tenant, its branding and settings, the deals listing and the
// address, never on who asks. The web server (scripts/serve.ts) renders such a page once, keeps
// it for a second, and answers the visitors that arrive meanwhile from memory; the rendering is
// what costs (15 deal cards to HTML plus their RSC payload), not the data (already cached by the
// listing cache). A page is dropped as soon as its tenant changes (the tenant cache hands out a
// new tenant object after a branding or settings change, on this instance at once, on others
// through the change feed) or its deals change (the listing cache's generation), and after
// FRESH_MS in any case, so it is never staler than the listing it shows.
//
// Only anonymous full-document GETs are kept: a request with a session cookie or an
// Authorization header, a client-side navigation (RSC) or a server action always renders.
// A response is kept only when it is a 200 text/html without Set-Cookie.
//
// The CSP nonce of a kept page stays the same for its second of life. A nonce guards against
// markup injected into a response; every byte of this document was rendered by the server
// under that nonce for every reader alike, so knowing it gains nothing that reading the page
// does not.

export const FRESH_MS = 1_000;
const MAX_ENTRIES = 500;
const CACHED_PATHS = new Set(['/', '/deals']);
const SKIP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'x-cdp-page-cache']);
const BYPASS_HEADERS = ['authorization', 'rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'purpose'];

type Entry = { headers: [string, string | string[]][]; body: Buffer; gzip?: Buffer; version: unknown; storedAt: number };

export type PageCacheDeps = {
  /** What a kept page depends on besides its address (tenant object and listing generation): equal versions, same page. */
  versionOf: (host: string) => Promise<unknown>;
  hostOf: (req: IncomingMessage) => string;
  now?: () => number;
};

function hasSessionCookie(cookie: string | undefined): boolean {
  if (!cookie) return false;
  return cookie.split(';').some((part) => {
    const name = part.split('=')[0]!.trim();
    return name === ACCESS_COOKIE || name === REFRESH_COOKIE;
  });
}

const acceptsGzip = (req: IncomingMessage) => /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly rendering = new Map<string, Promise<Entry | null>>();
  private readonly now: () => number;

  constructor(private readonly deps: PageCacheDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The cache key of a request that may be answered from the cache, else null. */
  keyOf(req: IncomingMessage): string | null {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    const url = req.url ?? '/';
    if (!CACHED_PATHS.has(url.split('?')[0]!)) return null;
    if (BYPASS_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
    if (hasSessionCookie(req.headers.cookie)) return null;
    return `${this.deps.hostOf(req)}\n${url}`;
  }

  /**
   * Answers from the cache, or renders through `render` (Next.js's handler) and keeps the result.
   * Resolves once the response is sent.
   */
  async serve(req: IncomingMessage, res: ServerResponse, key: string, render: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<void> {
    const host = key.slice(0, key.indexOf('\n'));
    const version = await this.deps.versionOf(host);
    const hit = this.entries.get(key);
    if (hit && hit.version === version && this.now() - hit.storedAt <= FRESH_MS) return this.answer(req, res, hit, 'hit');
    const running = this.rendering.get(key);
    if (running) {
      const shared = await running.catch(() => null);
      if (shared) return this.answer(req, res, shared, 'shared');
      return render(req, res);
    }
    const p = this.capture(req, res, render, version).finally(() => this.rendering.delete(key));
    this.rendering.set(key, p);
    const entry = await p;
    if (entry) this.store(key, entry);
  }

  /** Entries kept now (for tests and the health of the cache). */
  get size(): number {
    return this.entries.size;
  }

  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
  }

  private answer(req: IncomingMessage, res: ServerResponse, e: Entry, how: 'hit' | 'shared'): void {
    for (const [name, value] of e.headers) res.setHeader(name, value);
    res.setHeader('x-cdp-page-cache', how);
    let body = e.body;
    if (acceptsGzip(req)) {
      e.gzip ??= gzipSync(e.body, { level: 6 });
      body = e.gzip;
      res.setHeader('content-encoding', 'gzip');
    }
    res.setHeader('content-length', body.length);
    res.writeHead(200);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  /** Renders through Next.js (uncompressed, so the body can be kept) while recording what it sends. */
  private async capture(req: IncomingMessage, res: ServerResponse, render: (req: IncomingMessage, res: ServerResponse) => Promise<void>, version: unknown): Promise<Entry | null> {
    delete req.headers['accept-encoding'];
    res.setHeader('x-cdp-page-cache', 'miss');
    const chunks: Buffer[] = [];
    const given: Record<string, string | string[]> = {};
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array));
    };
    const { write, end, writeHead } = res;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as ServerResponse['end'];
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      const headers = args.find((a, i) => i > 0 && a && typeof a === 'object' && !Array.isArray(a)) as Record<string, string | string[]> | undefined;
      if (headers) Object.assign(given, headers);
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse['writeHead'];
    // Registered before rendering, so neither event can pass unseen: 'finish' when the last byte
    // is handed to the socket, 'close' alone when the client went away first.
    const done = Promise.race([once(res, 'finish'), once(res, 'close')]);
    await render(req, res);
    await done;
    if (res.statusCode !== 200 || !res.writableFinished) return null;
    const all = { ...res.getHeaders(), ...Object.fromEntries(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v])) } as Record<string, string | number | string[] | undefined>;
    if (all['set-cookie'] !== undefined || !String(all['content-type'] ?? '').startsWith('text/html')) return null;
    const headers = Object.entries(all)
      .filter(([name, value]) => value !== undefined && !SKIP_HEADERS.has(name))
      .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
    return { headers, body: Buffer.concat(chunks), version, storedAt: this.now() };
  }
}
