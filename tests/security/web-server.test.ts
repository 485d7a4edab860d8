import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddress, PEER_ADDRESS_HEADER, type ProxyTrust } from '../../src/server/http/client-address';
import { prepareExchange } from '../../src/server/http/security-headers';

// What scripts/serve.ts does before Next.js sees a request, over real sockets (attack run,
// issue 21: findings 1, 5 and 10).

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

function serve(production: boolean): Promise<{ port: number; close: () => void }> {
  const server = http.createServer((req, res) => {
    prepareExchange(req, res, production);
    // Stands in for a route handler: a download sets its own CSP, the rest do not.
    if (req.url === '/api/documents/file') res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    if (req.url === '/api/raw-head') {
      res.writeHead(200, { 'content-security-policy': "default-src 'none'; sandbox", 'content-type': 'text/plain' });
      return res.end('x');
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER] }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() })));
}

let local: { port: number; close: () => void };
let production: { port: number; close: () => void };
beforeAll(async () => {
  local = await serve(false);
  production = await serve(true);
});
afterAll(() => {
  local.close();
  production.close();
});

describe('the peer address comes from the socket', () => {
  it('replaces a peer address header the client sent with the real one', async () => {
    const r = await get(local.port, '/api/x', { [PEER_ADDRESS_HEADER]: '6.6.6.6', 'x-real-ip': '7.7.7.7', 'x-forwarded-for': '8.8.8.8' });
    expect(JSON.parse(r.body).peer).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});

describe('client address from the peer and X-Forwarded-For', () => {
  const off: ProxyTrust = { TRUST_PROXY: false, TRUSTED_PROXY_HOPS: 1, TRUSTED_PROXY_CIDRS: [] };
  const oneHop: ProxyTrust = { ...off, TRUST_PROXY: true };
  const twoHops: ProxyTrust = { ...off, TRUST_PROXY: true, TRUSTED_PROXY_HOPS: 2 };
  const cidrs: ProxyTrust = { ...off, TRUST_PROXY: true, TRUSTED_PROXY_CIDRS: ['10.0.0.0/8', 'fd00::/8'] };

  it('without a trusted proxy: the socket, whatever the headers say', () => {
    expect(clientAddress('203.0.113.9', '1.1.1.1, 2.2.2.2', off)).toBe('203.0.113.9');
  });
  it('behind one proxy that appends: the entry that proxy added, not the one the client wrote first', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw.
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.4', oneHop)).toBe('198.51.100.4');
    expect(clientAddress('10.0.0.2', null, oneHop)).toBe('10.0.0.2');
  });
  it('behind two proxies: two entries from the right', () => {
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.4, 10.0.0.3', twoHops)).toBe('198.51.100.4');
    expect(clientAddress('10.0.0.2', '10.0.0.3', twoHops)).toBe('10.0.0.3');
  });
  it('with proxy CIDRs: the rightmost address no trusted proxy vouches for', () => {
    expect(clientAddress('10.0.0.2', '1.1.1.1, 198.51.100.4, 10.1.2.3', cidrs)).toBe('198.51.100.4');
    expect(clientAddress('::ffff:10.0.0.2', 'fd00::5', cidrs)).toBe('fd00::5');
    // A direct client (not a trusted proxy) cannot forward anything.
    expect(clientAddress('198.51.100.7', '1.1.1.1', cidrs)).toBe('198.51.100.7');
  });
  it('drops entries that are not addresses', () => {
    expect(clientAddress('10.0.0.2', 'evil, <script>', oneHop)).toBeNull();
  });
});

describe('security headers, decided per request', () => {
  it('sends HSTS when the running configuration is production, and not in a local run', async () => {
    expect((await get(production.port, '/deals')).headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains; preload');
    expect((await get(local.port, '/deals')).headers['strict-transport-security']).toBeUndefined();
  });

  it('gives API answers the API CSP, and leaves pages to their nonce CSP', async () => {
    expect((await get(local.port, '/api/health')).headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect((await get(local.port, '/deals')).headers['content-security-policy']).toBeUndefined();
    const page = await get(local.port, '/deals');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it("keeps a download's own sandbox CSP, however the handler wrote it", async () => {
    expect((await get(local.port, '/api/documents/file')).headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect((await get(local.port, '/api/raw-head')).headers['content-security-policy']).toBe("default-src 'none'; sandbox");
  });
});
