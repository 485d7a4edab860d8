/**
 * IpfsPinningStore against a small local Pinning Services API server that
 * follows https://ipfs.github.io/pinning-services-api-spec/ for POST /pins:
 * bearer auth (401 with a Failure body otherwise), JSON {cid, name}, and a
 * 202 PinStatus {requestid, status: 'queued', created, pin, delegates}.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeCid } from './cid';
import { createFileStore } from './index';
import { IpfsPinningStore, PinningFailed } from './pinning';
import { DiskFileStore } from './store';

const API_KEY = 'psa-test-key';
const utf8 = (s: string) => new TextEncoder().encode(s);
const pdf = (body: string) => utf8(`%PDF-1.7\n% ${body}\n%%EOF\n`);

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: { cid?: unknown; name?: unknown };
}

let server: Server;
let endpoint: string;
const received: Received[] = [];
/** When set, the server answers 202 but with this CID instead of the requested one. */
let answerWithCid: string | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      };
      let body: Received['body'] = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received['body'];
      } catch {
        return reply(400, { error: { reason: 'BAD_REQUEST', details: 'body is not JSON' } });
      }
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body,
      });
      if (req.method !== 'POST' || req.url !== '/psa/pins') return reply(404, { error: { reason: 'NOT_FOUND' } });
      if (req.headers.authorization !== `Bearer ${API_KEY}`) {
        return reply(401, { error: { reason: 'UNAUTHORIZED', details: 'Access token is missing or invalid' } });
      }
      if (typeof body.cid !== 'string') return reply(400, { error: { reason: 'BAD_REQUEST', details: 'cid required' } });
      reply(202, {
        requestid: randomUUID(),
        status: 'queued',
        created: new Date().toISOString(),
        pin: { cid: answerWithCid ?? body.cid, name: body.name },
        delegates: ['/dns4/pin.example/tcp/4001/p2p/QmServer'],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/psa`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'pinstore-'));
  received.length = 0;
  answerWithCid = null;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const storeWith = (apiKey: string) =>
  new IpfsPinningStore(new DiskFileStore(root), { apiKey, endpoint: `${endpoint}/`, fetch: globalThis.fetch });

describe('IpfsPinningStore', () => {
  it('keeps a local copy and pins the computed CID with the bearer key', async () => {
    const store = storeWith(API_KEY);
    const file = await store.put(utf8('hello\n'), { purpose: 'document' });
    // Independently published kubo CID of "hello\n" (see cid.test.ts).
    expect(file.cid).toBe('bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/psa/pins',
      authorization: `Bearer ${API_KEY}`,
      contentType: 'application/json',
      body: { cid: file.cid, name: `document-${file.cid}` },
    });
    expect(await store.get(file.cid)).toEqual(utf8('hello\n'));
    expect(await new DiskFileStore(root).has(file.cid)).toBe(true);
  });

  it('surfaces 401 as PinningFailed but keeps the local copy', async () => {
    const store = storeWith('wrong-key');
    const bytes = pdf('quarterly report');
    const attempt = store.put(bytes, { purpose: 'document' });
    await expect(attempt).rejects.toBeInstanceOf(PinningFailed);
    await expect(attempt).rejects.toMatchObject({ httpStatus: 401, code: 'pinning_unauthorized' });
    const cid = await computeCid(bytes);
    expect(received[0]?.body.cid).toBe(cid);
    expect(await store.has(cid)).toBe(true);
    expect(await store.get(cid)).toEqual(bytes);
  });

  it('rejects an answer that pins a different CID than the one requested', async () => {
    answerWithCid = await computeCid(utf8('something else'));
    await expect(storeWith(API_KEY).put(pdf('x'), { purpose: 'document' })).rejects.toMatchObject({
      code: 'pinning_failed',
    });
  });

  it('neither stores nor pins a refused upload', async () => {
    await expect(storeWith(API_KEY).put(utf8('<svg onload=alert(1)>'), { purpose: 'media' })).rejects.toMatchObject({
      name: 'UnsupportedFileType',
    });
    expect(received).toHaveLength(0);
    expect(await new DiskFileStore(root).has(await computeCid(utf8('<svg onload=alert(1)>')))).toBe(false);
  });

  it('keeps KYC files local only by default', async () => {
    const store = storeWith(API_KEY);
    const file = await store.put(pdf('passport'), { purpose: 'kyc' });
    expect(received).toHaveLength(0);
    expect(await store.has(file.cid)).toBe(true);
  });

  it('reports an unreachable service as PinningFailed without an HTTP status', async () => {
    const store = new IpfsPinningStore(new DiskFileStore(root), { apiKey: API_KEY, endpoint: 'http://127.0.0.1:1/psa' });
    await expect(store.put(pdf('y'), { purpose: 'document' })).rejects.toMatchObject({ httpStatus: null });
  });

  it('is what createFileStore builds from IPFS_API_KEY and the endpoint setting', async () => {
    const store = createFileStore({ dataDir: root, ipfsApiKey: API_KEY, ipfsPinningEndpoint: endpoint });
    const file = await store.put(pdf('z'), { purpose: 'document' });
    expect(received.map((r) => r.body.cid)).toEqual([file.cid]);
  });
});
