// POST /api/webhooks/blockchain: a node provider tells the platform that blocks or transactions
// of a chain it follows have landed. The notification is only a nudge: once its signature,
// freshness and novelty are checked, the indexer reads the chain itself through the same path
// as its loop (syncChainOnce), so nothing the payload says is ever written as a fact.
//
// Signing follows the standard-webhooks scheme the platform uses for its own webhooks:
//   webhook-id: <unique id>   webhook-timestamp: <unix seconds>
//   webhook-signature: v1,<base64 HMAC-SHA256(secret, "<id>.<timestamp>.<raw body>")>
// (several space-separated signatures may be sent during a secret rotation).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config';
import { withIndexer } from '../../db/indexer';
import { BadRequest, Conflict, Unauthorized, ValidationError } from '../../errors';
import { chainsToIndex } from './chains';
import { pruneWebhookReceipts, recordWebhookReceipt } from './repo';
import { syncChainOnce, type IndexedChain } from './sync';

export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const block = z.union([z.number().int().min(0), z.string().regex(/^\d{1,20}$/, 'must be a block number')]).transform((v) => BigInt(v));
export const blockchainNotification = z
  .object({
    chainId: z.number().int().positive(),
    fromBlock: block.optional(),
    toBlock: block.optional(),
    txHashes: z.array(z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x transaction hash of 64 hex digits')).max(1000).optional(),
  })
  .strict()
  .refine((n) => n.toBlock !== undefined || (n.txHashes?.length ?? 0) > 0, { path: ['toBlock'], message: 'name a block range (toBlock) or txHashes' })
  .refine((n) => n.fromBlock === undefined || n.toBlock === undefined || n.fromBlock <= n.toBlock, { path: ['fromBlock'], message: 'fromBlock must not be after toBlock' });

export function signBlockchainWebhook(secret: string, id: string, timestamp: number, rawBody: string): string {
  return `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${rawBody}`).digest('base64')}`;
}

function signatureMatches(expected: string, header: string): boolean {
  const want = Buffer.from(expected.slice(3), 'base64');
  return header
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .some((s) => {
      const got = Buffer.from(s.slice(3), 'base64');
      return got.length === want.length && timingSafeEqual(got, want);
    });
}

/** Verifies a delivery; throws 401 (signature, freshness) before anything else is read. */
export function verifyBlockchainWebhook(secret: string | undefined, rawBody: string, headers: Headers, now: Date): { id: string; signature: string } {
  if (!secret) throw new Unauthorized('Blockchain webhooks are not configured on this platform (BLOCKCHAIN_WEBHOOK_SECRET)', 'webhook_not_configured');
  const id = headers.get('webhook-id');
  const ts = headers.get('webhook-timestamp');
  const signature = headers.get('webhook-signature');
  if (!id || !ts || !signature) throw new Unauthorized('webhook-id, webhook-timestamp and webhook-signature headers are required', 'webhook_signature_missing');
  if (!/^\d{1,12}$/.test(ts)) throw new Unauthorized('webhook-timestamp must be unix seconds', 'webhook_timestamp_invalid');
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > WEBHOOK_TOLERANCE_SECONDS) throw new Unauthorized('webhook-timestamp is more than 5 minutes away from now', 'webhook_timestamp_stale');
  const expected = signBlockchainWebhook(secret, id, Number(ts), rawBody);
  if (!signatureMatches(expected, signature)) throw new Unauthorized('The webhook signature does not match', 'webhook_signature_invalid');
  return { id, signature: expected };
}

let followed: Promise<IndexedChain[]> | null = null;

/** The chains this process follows (resolved once); tests hand their own in. */
export async function ingestBlockchainWebhook(rawBody: string, headers: Headers, config: Config, opts: { chains?: IndexedChain[]; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const { signature } = verifyBlockchainWebhook(config.BLOCKCHAIN_WEBHOOK_SECRET, rawBody, headers, now);
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new BadRequest('invalid_json', 'The body is not valid JSON');
  }
  const parsed = blockchainNotification.safeParse(json);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message })));
  const n = parsed.data;
  const chains = opts.chains ?? (await (followed ??= chainsToIndex(config)));
  const chain = chains.find((c) => c.chainId === n.chainId);
  if (!chain) throw new ValidationError([{ field: 'chainId', message: `chain ${n.chainId} is not followed by this platform` }]);

  const fresh = await withIndexer(async (ix) => {
    await pruneWebhookReceipts(ix.tx, new Date(now.getTime() - 2 * WEBHOOK_TOLERANCE_SECONDS * 1000));
    return recordWebhookReceipt(ix.tx, signature, n.chainId);
  });
  if (!fresh) throw new Conflict('webhook_replayed', 'This notification was already received');

  // The blocks it names, as the node reports them (a hash the node does not know names nothing).
  const named: bigint[] = n.toBlock !== undefined ? [n.toBlock] : [];
  for (const hash of n.txHashes ?? []) {
    const receipt = await chain.client.getTransactionReceipt({ hash: hash as `0x${string}` }).catch(() => null);
    if (receipt) named.push(receipt.blockNumber);
  }
  const { batches, rewinds } = await syncChainOnce(chain);
  const head = await chain.client.getBlockNumber({ cacheTime: 0 });
  const finalized = head - BigInt(Math.max(chain.confirmations, 1) - 1);
  const highest = named.reduce((m, b) => (b > m ? b : m), -1n);
  return {
    received: true,
    chainId: n.chainId,
    batches,
    rewinds,
    // Blocks named but not final yet are indexed by the loop once they are.
    waitingForConfirmations: highest > finalized,
  };
}
