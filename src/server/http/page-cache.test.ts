import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FRESH_MS, PageCache } from './page-cache';

// The page cache in front of a renderer over real sockets. The renderer here stands in for
// Next.js's request handler (the e2e suite runs the real one): it streams a page in chunks,
// stamps a nonce and counts how often it ran.

let renders = 0;
let version = 'v1';
let clock = 1_000_000;
let slowRender: Promise<void> | null = null;
let answer: { status?: number; cookie?: boolean; type?: string } = {};

const cache = new PageCache({ versionOf: async () => version, hostOf: (req) => String(req.headers.host), now: () => clock });

async function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  if (slowRender) await slowRender;
  const nonce = `n${renders}`;
  res.statusCode = answer.status ?? 200;
  res.setHeader('content-type', answer.type ?? 'text/html; charset=utf-8');
  res.setHeader('content-security-policy', `script-src 'nonce-${nonce}'`);
  if (answer.cookie) res.setHeader('set-cookie', 'x=1');
  res.write(`<html><script nonce="${nonce}"></script>`);
  res.end(`<p>${req.url} for ${req.headers.host} render ${renders} ae=${req.headers['accept-encoding'] ?? 'none'}</p></html>`);
}

let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const key = cache.keyOf(req);
    void (key ? cache.serve(req, res, key, render) : render(req, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  version = `v${Math.random()}`;
  answer = {};
  slowRender = null;
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { host: 'alpha.localhost', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode!, headers: res.headers, body: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString() });
        });
      })
      .on('error', reject);
  });
}

describe('page cache', () => {
  it('renders an anonymous page once and answers the next visitors from memory, headers included', async () => {
    const first = await get('/deals');
    const second = await get('/deals');
    expect(first.headers['x-cdp-page-cache']).toBe('miss');
    expect(second.headers['x-cdp-page-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
    expect(second.body).toContain('ae=none'); // rendered uncompressed, so it can be kept
  });

  it('compresses for a client that accepts gzip', async () => {
    const plain = await get('/deals?status=active');
    const zipped = await get('/deals?status=active', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body).toBe(plain.body);
  });

  it('keeps a page apart per host and per address', async () => {
    const a = await get('/deals');
    const b = await get('/deals', { host: 'beta.localhost' });
    const c = await get('/deals?search=x');
    expect(new Set([a.body, b.body, c.body]).size).toBe(3);
  });

  it('never answers from the cache to a signed-in visitor, a client navigation or a non-page path', async () => {
    await get('/deals');
    for (const headers of [{ cookie: 'theme=dark; cdp_at=token' }, { cookie: 'cdp_rt=r' }, { authorization: 'Bearer t' }, { rsc: '1' }, { 'next-router-state-tree': '%5B%5D' }] as Record<string, string>[]) {
      expect((await get('/deals', headers)).headers['x-cdp-page-cache'], JSON.stringify(headers)).toBeUndefined();
    }
    expect((await get('/deals/some-deal')).headers['x-cdp-page-cache']).toBeUndefined();
    expect((await get('/deals', { cookie: 'theme=dark' })).headers['x-cdp-page-cache']).toBe('hit');
  });

  it('drops a page when its version changes (tenant or deals) and after a second', async () => {
    const before = await get('/');
    version = 'changed';
    const after = await get('/');
    expect(after.headers['x-cdp-page-cache']).toBe('miss');
    expect(after.body).not.toBe(before.body);
    expect((await get('/')).headers['x-cdp-page-cache']).toBe('hit');
    clock += FRESH_MS + 1;
    expect((await get('/')).headers['x-cdp-page-cache']).toBe('miss');
  });

  it('visitors arriving while a page renders share that one rendering', async () => {
    let release!: () => void;
    slowRender = new Promise<void>((r) => (release = r));
    const start = renders;
    const waiting = [get('/'), get('/'), get('/'), get('/')];
    await new Promise((r) => setTimeout(r, 50));
    release();
    const replies = await Promise.all(waiting);
    expect(renders - start).toBe(1);
    expect(replies.map((r) => r.headers['x-cdp-page-cache']).sort()).toEqual(['miss', 'shared', 'shared', 'shared']);
    expect(new Set(replies.map((r) => r.body)).size).toBe(1);
  });

  it('keeps nothing that is not a plain 200 page: errors, cookies, other types', async () => {
    for (const a of [{ status: 500 }, { cookie: true }, { type: 'application/json' }]) {
      version = `v${Math.random()}`;
      answer = a;
      await get('/');
      expect((await get('/')).headers['x-cdp-page-cache'], JSON.stringify(a)).toBe('miss');
    }
  });
});

// Signed-in visitors: the web server works out each visitor's view and identity (here: from a
// fake cookie "cdp_at=<user>"), renders one template per view and fills in each visitor's name.
describe('page cache, signed in', () => {
  type User = { view: string; firstName: string; lastName: string; email: string };
  const users: Record<string, User> = {
    ann: { view: 'public', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.org' },
    bob: { view: 'public', firstName: 'Bob', lastName: "O'Neil & Co", email: 'bob@example.org' },
    mem: { view: 'member-of-g1', firstName: 'Mel', lastName: 'Member', email: 'mel@example.org' },
    dollar: { view: 'public', firstName: '$pecial', lastName: 'X', email: 'd@example.org' },
  };
  let templateRenders = 0;
  let plainRenders = 0;
  let flipViewDuringRender: string | null = null;
  const signedVersion = 'v-signed';
  const userOf = (req: http.IncomingMessage) => /cdp_at=(\w+)/.exec(String(req.headers.cookie))?.[1];
  const signed = new PageCache({
    versionOf: async () => signedVersion,
    hostOf: (req) => String(req.headers.host),
    now: () => clock,
    viewOf: async (req) => {
      if (userOf(req) === 'boom') throw new Error('database unavailable');
      const u = users[userOf(req) ?? ''];
      if (!u) return null;
      return { key: u.view, version: signedVersion, identity: u, cookie: `cdp_at=${userOf(req)}` };
    },
    renderTemplate: async (req, cookie) => {
      templateRenders++;
      const u = users[cookie.slice('cdp_at='.length)]!;
      const { PLACEHOLDER_IDENTITY: ph } = await import('./identity-template');
      const name = `${ph.firstName} ${ph.lastName}`;
      const body = `<html><button aria-label="Account menu for ${name}">${name}</button><p>${ph.email}</p><ul>${u.view === 'member-of-g1' ? '<li>Members Round</li>' : ''}<li>Public deal</li></ul></html>`;
      if (flipViewDuringRender) u.view = flipViewDuringRender;
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "script-src 'nonce-t'" }, body };
    },
  });
  let sport = 0;
  let sserver: http.Server;
  beforeAll(async () => {
    sserver = http.createServer((req, res) => {
      const plain = async (_: http.IncomingMessage, r: http.ServerResponse) => {
        plainRenders++;
        r.setHeader('content-type', 'text/html');
        r.end(`<p>rendered for ${userOf(req)}</p>`);
      };
      void (signed.signedCandidate(req) ? signed.serveSigned(req, res, plain) : plain(req, res));
    });
    await new Promise<void>((r) => sserver.listen(0, '127.0.0.1', r));
    sport = (sserver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => sserver.close(() => r())));
  beforeEach(() => {
    clock += FRESH_MS + 1; // every test starts with nothing fresh
    flipViewDuringRender = null;
    users.mem!.view = 'member-of-g1';
  });
  const as = (user: string, path = '/deals', headers: Record<string, string> = {}) =>
    new Promise<{ cache?: string; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: sport, path, headers: { host: 'alpha.localhost', cookie: `theme=dark; cdp_at=${user}`, ...headers } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ cache: res.headers['x-cdp-page-cache'] as string | undefined, body: Buffer.concat(chunks).toString() }));
        })
        .on('error', reject);
    });

  it('one rendering per view, each visitor named in it, and a member-only card only for the member view', async () => {
    const start = templateRenders;
    const [ann, bob, mem, ann2] = [await as('ann'), await as('bob'), await as('mem'), await as('ann')];
    expect([ann.cache, bob.cache, mem.cache, ann2.cache]).toEqual(['signed-miss', 'signed-hit', 'signed-miss', 'signed-hit']);
    expect(templateRenders - start).toBe(2);
    expect(bob.body).toBe('<html><button aria-label="Account menu for Bob O&#x27;Neil &amp; Co">Bob O&#x27;Neil &amp; Co</button><p>bob@example.org</p><ul><li>Public deal</li></ul></html>');
    expect(ann.body).toContain('Account menu for Ann Lee');
    for (const page of [ann, bob, ann2]) expect(page.body).not.toContain('Members Round');
    expect(mem.body).toContain('<li>Members Round</li>');
    expect(mem.body).toContain('mel@example.org');
  });

  it('renders for the visitor alone: no valid session, a view it cannot work out, an identity it cannot fill in, another path or a client navigation', async () => {
    const before = plainRenders;
    expect(await as('nobody')).toEqual({ cache: undefined, body: '<p>rendered for nobody</p>' });
    expect(await as('boom')).toEqual({ cache: undefined, body: '<p>rendered for boom</p>' });
    expect((await as('dollar')).cache).toBeUndefined();
    expect((await as('ann', '/')).cache).toBeUndefined();
    expect((await as('ann', '/deals', { rsc: '1' })).cache).toBeUndefined();
    expect(plainRenders - before).toBe(5);
  });

  it('keeps no rendering whose view changed while it rendered (a visitor joining a group)', async () => {
    flipViewDuringRender = 'member-of-g1';
    users.mem!.view = 'public';
    const first = await as('mem');
    expect(first.cache).toBeUndefined(); // rendered for the member alone
    flipViewDuringRender = null;
    // The public view's next visitor gets a rendering of the public view, not the member's.
    const ann = await as('ann');
    expect(ann.cache).toBe('signed-miss');
    expect(ann.body).not.toContain('Members Round');
  });
});
