import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies';
import { fillable, fillIdentity, usableTemplate, type Identity } from './identity-template';

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
// Signed-in visitors of the deals list (SIGNED_PATHS) get a page shared by everyone who sees it
// alike: the web server works out the visitor's view (deps.viewOf: the session is checked as
// the page would check it, then the roles, which decide the header's links, and the listing's
// view, which decides the cards: 506(b) relationships, verification, the groups whose
// member-only deals they see; deals/browse.ts listingViewKey) and keeps, per tenant, address
// and view, one rendering made with placeholders where the header names the user
// (identity-template.ts). Each visitor gets that rendering with their own name and email
// written in. A visitor whose view cannot be worked out here (no valid session, browsing gated
// by verification) or whose name cannot be filled in exactly gets the page rendered for them.
//
// The CSP nonce of a kept page stays the same for its second of life. A nonce guards against
// markup injected into a response; every byte of this document was rendered by the server
// under that nonce for every reader alike, so knowing it gains nothing that reading the page
// does not.

export const FRESH_MS = 1_000;
const MAX_ENTRIES = 500;
const CACHED_PATHS = new Set(['/', '/deals']);
const SIGNED_PATHS = new Set(['/deals']);
const SKIP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'x-cdp-page-cache']);
const BYPASS_HEADERS = ['authorization', 'rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'purpose'];

type Entry = { headers: [string, string | string[]][]; body: Buffer; gzip?: Buffer; version: unknown; storedAt: number };
type TemplateEntry = { headers: [string, string | string[]][]; template: string; version: unknown; storedAt: number };

/** A signed-in visitor's view: requests of equal key and version get the same page but for the identity. */
export type SignedView = { key: string; version: unknown; identity: Identity; /** The cookie header the template is rendered with (the one access cookie). */ cookie: string };
/** A page rendered with placeholders for the identity (identity-template.ts), as Next.js answered it. */
export type RenderedTemplate = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

export type PageCacheDeps = {
  /** What a kept page depends on besides its address (tenant object and listing generation): equal versions, same page. */
  versionOf: (host: string) => Promise<unknown>;
  hostOf: (req: IncomingMessage) => string;
  now?: () => number;
  /** A signed-in request's view (deals/browse.ts listingViewKey plus the roles), or null to render it for the visitor. */
  viewOf?: (req: IncomingMessage, host: string) => Promise<SignedView | null>;
  /** Renders the request's page as a template (the web server asks itself, with the template header). */
  renderTemplate?: (req: IncomingMessage, cookie: string) => Promise<RenderedTemplate | null>;
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
  private readonly templates = new Map<string, TemplateEntry>();
  private readonly renderingTemplates = new Map<string, Promise<TemplateEntry | null>>();
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

  /** Whether a signed-in request may be answered from a shared template (serveSigned). */
  signedCandidate(req: IncomingMessage): boolean {
    if (!this.deps.viewOf || !this.deps.renderTemplate) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (!SIGNED_PATHS.has((req.url ?? '/').split('?')[0]!)) return false;
    if (BYPASS_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
    return hasSessionCookie(req.headers.cookie);
  }

  /**
   * A signed-in visitor's page: the template of their view, with their identity filled in, or
   * (no view, no usable template) rendered through `render` for them alone. Resolves once sent.
   */
  async serveSigned(req: IncomingMessage, res: ServerResponse, render: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<void> {
    const host = this.deps.hostOf(req);
    // A view that cannot be worked out (the database busy, say) leaves the page to render for the visitor.
    const view = await this.deps.viewOf!(req, host).catch(() => null);
    if (!view || !fillable(view.identity)) return render(req, res);
    const key = `${host}\n${req.url ?? '/'}\n${view.key}`;
    let how: 'hit' | 'shared' | 'miss' = 'hit';
    let entry: TemplateEntry | null | undefined = this.templates.get(key);
    if (!entry || entry.version !== view.version || this.now() - entry.storedAt > FRESH_MS) {
      const running = this.renderingTemplates.get(key);
      how = running ? 'shared' : 'miss';
      const p = running ?? this.renderTemplate(req, host, view).finally(() => this.renderingTemplates.delete(key));
      if (!running) this.renderingTemplates.set(key, p);
      entry = await p.catch(() => null);
      if (entry && !running) this.keep(this.templates, key, entry);
    }
    if (!entry) return render(req, res);
    const body = Buffer.from(fillIdentity(entry.template, view.identity));
    this.answer(req, res, { headers: entry.headers, body, version: view.version, storedAt: entry.storedAt }, `signed-${how}`);
  }

  private async renderTemplate(req: IncomingMessage, host: string, view: SignedView): Promise<TemplateEntry | null> {
    const r = await this.deps.renderTemplate!(req, view.cookie);
    if (!r || r.status !== 200 || r.headers['set-cookie'] !== undefined || !String(r.headers['content-type'] ?? '').startsWith('text/html')) return null;
    if (!usableTemplate(r.body)) return null;
    // The view again: had the visitor joined or left a group (or anything else changed what they
    // see) while the page rendered, the rendering could show another view than its key says.
    const again = await this.deps.viewOf!(req, host).catch(() => null);
    if (!again || again.key !== view.key || again.version !== view.version) return null;
    const version = view.version;
    const headers = Object.entries(r.headers)
      .filter(([name, value]) => value !== undefined && !SKIP_HEADERS.has(name))
      .map(([name, value]) => [name, value] as [string, string | string[]]);
    return { headers, template: r.body, version, storedAt: this.now() };
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
    this.keep(this.entries, key, entry);
  }

  private keep<E>(map: Map<string, E>, key: string, entry: E): void {
    map.delete(key);
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
    map.set(key, entry);
  }

  private answer(req: IncomingMessage, res: ServerResponse, e: Entry, how: 'hit' | 'shared' | 'signed-hit' | 'signed-shared' | 'signed-miss'): void {
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
