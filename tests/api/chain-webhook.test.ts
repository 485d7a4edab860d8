import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhook } from '../../src/app/api/webhooks/blockchain/route';
import { ingestBlockchainWebhook, signBlockchainWebhook } from '../../src/server/chain/indexer/webhook';
import { getConfig, resetConfigCache } from '../../src/server/config';
import { withIndexer } from '../../src/server/db/indexer';
import { closePools } from '../../src/server/db/pool';
import { AppError } from '../../src/server/errors';
import { call } from '../helpers/api';
import { investmentRow, onChainDeal, reservation } from '../helpers/onchain-investments';
import { startIndexedChain, type IndexedTestChain } from '../helpers/indexed-chain';
import { makeTenant, type TestTenant } from '../helpers/tenants';

// The node provider's webhook: a good signature makes the indexer read the chain (through the
// same path as its loop); a bad or missing signature, a stale timestamp, a replay or a
// malformed body is refused with a clear code and writes nothing.

const SECRET = `whsec-${randomBytes(16).toString('hex')}`;
let a: TestTenant;
let c: IndexedTestChain;

beforeAll(async () => {
  process.env.BLOCKCHAIN_WEBHOOK_SECRET = SECRET;
  resetConfigCache();
  a = await makeTenant();
  c = await startIndexedChain([a.id]);
});

afterAll(async () => {
  delete process.env.BLOCKCHAIN_WEBHOOK_SECRET;
  resetConfigCache();
  await c?.stop();
  await closePools();
});

function signed(body: unknown, o: { secret?: string; at?: number; id?: string } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = o.id ?? `msg_${randomUUID()}`;
  const ts = o.at ?? Math.floor(Date.now() / 1000);
  return { raw, headers: new Headers({ 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signBlockchainWebhook(o.secret ?? SECRET, id, ts, raw) }) };
}

const cursor = () => withIndexer((ix) => ix.tx.selectFrom('chain_cursors').select(['block_number']).where('chain_id', '=', String(c.chainId)).executeTakeFirst());
const receipts = () => withIndexer((ix) => ix.tx.selectFrom('chain_webhook_receipts').select('signature').where('chain_id', '=', String(c.chainId)).execute());

async function refused(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('POST /api/webhooks/blockchain', () => {
  it('refuses a bad signature, a stale timestamp, missing headers and a malformed body, writing nothing', async () => {
    const body = { chainId: c.chainId, toBlock: 1 };
    const send = (s: { raw: string; headers: Headers }) => call(webhook, { host: a.host, rawBody: s.raw, headers: Object.fromEntries(s.headers) });

    const forged = await send(signed(body, { secret: 'not-the-secret' }));
    expect([forged.status, forged.json.code]).toEqual([401, 'webhook_signature_invalid']);
    const stale = await send(signed(body, { at: Math.floor(Date.now() / 1000) - 301 }));
    expect([stale.status, stale.json.code]).toEqual([401, 'webhook_timestamp_stale']);
    const unsigned = await call(webhook, { host: a.host, rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect([unsigned.status, unsigned.json.code]).toEqual([401, 'webhook_signature_missing']);
    // The signature covers the body: changing one byte after signing breaks it.
    const s = signed(body);
    const tampered = await send({ raw: s.raw.replace('"toBlock":1', '"toBlock":2'), headers: s.headers });
    expect([tampered.status, tampered.json.code]).toEqual([401, 'webhook_signature_invalid']);

    const notJson = await send(signed('{"chainId":'));
    expect([notJson.status, notJson.json.code]).toEqual([400, 'invalid_json']);
    const noRange = await send(signed({ chainId: c.chainId }));
    expect(noRange.status).toBe(400);
    expect(JSON.stringify(noRange.json)).toContain('toBlock');
    const badHash = await send(signed({ chainId: c.chainId, txHashes: ['0x1234'] }));
    expect(badHash.status).toBe(400);
    expect(JSON.stringify(badHash.json)).toContain('txHashes');

    expect(await receipts()).toEqual([]);
    expect(await cursor()).toBeUndefined();
  });

  it('a good notification makes the indexer read the chain itself; the same delivery again is a replay', async () => {
    const sale = await c.createSale(0);
    const dealId = (await onChainDeal(a, c.chainId, sale)).id;
    const inv = await reservation(a, c.chainId, dealId, c.investors[0]!.address);
    const funded = await c.fundEscrow(c.investors[0]!, sale, inv.tokenAmount);

    // The payload claims nothing but where to look; what is written comes from the chain.
    const s = signed({ chainId: c.chainId, txHashes: [funded.txHash] });
    const r = await ingestBlockchainWebhook(s.raw, s.headers, getConfig(), { chains: [c.indexed] });
    expect(r).toMatchObject({ received: true, chainId: c.chainId, waitingForConfirmations: false });
    expect(await investmentRow(a, inv.id)).toMatchObject({ status: 'in_escrow', escrow_address: funded.escrow.toLowerCase() });

    expect(await refused(ingestBlockchainWebhook(s.raw, s.headers, getConfig(), { chains: [c.indexed] }))).toEqual({ status: 409, code: 'webhook_replayed' });
    expect(await receipts()).toHaveLength(1);
  });
});
