// A deal going live on chain gets its TokenSale, and its Pool where it has one: the job finds
// active on-chain deals without a sale (or without their pool) whose tenant factory is deployed,
// and has the tenant's operator call TenantFactory.createSale with the deal's terms in the payment
// token's base units, then TenantFactory.createPool. Each step is a deduplicated transaction of
// the transaction manager, so a rerun never deploys twice.
//
// Which deals are on chain: those with deals.chain_id set (chosen when the deal is created, one
// of the tenant's enabled chains). Their amounts are in the payment token's units: the deal's
// currency decimals must not exceed the token's 6, and they are scaled up to 6 here.
import { encodeDeployData, encodeFunctionData, parseEventLogs, type Abi, type Hex } from 'viem';
import { loadArtifact } from '../../../../contracts/compile';
import { tenantFactoryAbi } from '../../../../contracts/abi/TenantFactory';
import { audit } from '../../audit/service';
import { toTokenUnits } from '../../deals/chain-rail';
import { withChainSystem } from '../../db/platform';
import { withTenant } from '../../db/tenant';
import { isDevChain } from '../chains';
import { tenantIdFromUuid } from '../deploy';
import { publicClientFor, requireDeployments } from '../network';
import { tenantSigner } from '../signers';
import { enqueueTenantTransactionAsSystem } from '../tx-manager/queue';
import { findTx } from '../tx-manager/repo';
import { settleTransactions } from '../tx-manager/send';
import { dealsAwaitingSale, issuerWallet, setDealPool, setDealSale } from './repo';

/** One sale token (18 decimals) per whole payment unit (6 decimals), scaled by 1e18 as TokenSale expects. */
const ONE_TOKEN_PER_UNIT = 10n ** 12n * 10n ** 18n;
const NO_REQUEST = { ip: null, userAgent: null, requestId: null };

type Pending = Awaited<ReturnType<typeof dealsAwaitingSale>>[number];

async function mined(chainId: number, id: string, what: string) {
  await settleTransactions(chainId, [id]);
  const tx = (await withChainSystem((db) => findTx(db, id)))!;
  if (tx.status !== 'mined') throw new Error(`${what} failed: ${tx.last_error ?? tx.status}`);
  return tx;
}

/** The deal's contracts: its TokenSale (with a development sale token), then its Pool where it has one. Returns the sale. */
export async function deploySaleFor(d: Pending): Promise<string> {
  const sale = d.sale_address ?? (await deploySale(d));
  if (d.pool_lock_at && !d.pool_address) await deployPool(d, sale);
  return sale;
}

const enqueueFor = (d: Pending) => (spec: Parameters<typeof enqueueTenantTransactionAsSystem>[3]) => withChainSystem((db) => enqueueTenantTransactionAsSystem(db, d.tenant_id, 'operator', spec));

/** One call of the tenant's factory through the transaction manager (deduplicated per deal and `key`): the mined transaction and the args of the event it emitted. */
async function callFactory(d: Pending, data: Hex, purpose: string, key: string, eventName: 'SaleCreated' | 'PoolCreated') {
  const chainId = Number(d.chain_id);
  const tx = await mined(chainId, (await enqueueFor(d)({ chainId, to: d.factory_address!, data, purpose, referenceType: 'deal', referenceId: d.id, dedupeKey: `deal:${d.id}:${key}` })).id, purpose);
  const receipt = await publicClientFor(chainId).getTransactionReceipt({ hash: tx.tx_hash as Hex });
  const [event] = parseEventLogs({ abi: tenantFactoryAbi, eventName, logs: receipt.logs });
  if (!event) throw new Error(`${purpose} ${tx.tx_hash} emitted no ${eventName}`);
  return { tx, args: event.args as Record<string, unknown> };
}

async function deploySale(d: Pending): Promise<string> {
  const chainId = Number(d.chain_id);
  const system = requireDeployments(chainId);
  const paymentToken = (d.payment_token_address ?? system.paymentToken) as Hex;
  const enqueue = enqueueFor(d);
  if (!isDevChain(chainId)) throw new Error(`deal ${d.slug}: deals on chain ${chainId} need a sale token, which only the local chain deploys by itself`);
  const token = loadArtifact('TestStablecoin');
  const tokenTx = await mined(
    chainId,
    (await enqueue({ chainId, to: null, data: encodeDeployData({ abi: token.abi as Abi, bytecode: token.bytecode, args: [`${d.slug} token`.slice(0, 60), 'DEAL', 18] }), purpose: 'deal.deploy_sale_token', referenceType: 'deal', referenceId: d.id, dedupeKey: `deal:${d.id}:sale_token` })).id,
    'sale token deployment',
  );
  const treasury = (await withTenant(d.tenant_id, null, (t) => issuerWallet(t, d.issuer_id, chainId))) ?? tenantSigner(chainId, d.tenant_id, 'tenant_admin').address;
  const now = BigInt(Math.floor(Date.now() / 1000));
  const start = d.starts_at ? BigInt(Math.floor(d.starts_at.getTime() / 1000)) : now - 60n;
  const end = d.ends_at ? BigInt(Math.floor(d.ends_at.getTime() / 1000)) : now + 365n * 86_400n;
  const units = (v: string) => toTokenUnits(v, d.currency_decimals);
  const params = {
    dealId: tenantIdFromUuid(d.id),
    paymentToken,
    saleToken: tokenTx.contract_address as Hex,
    issuerTreasury: treasury as Hex,
    softCap: units(d.soft_cap),
    hardCap: units(d.hard_cap),
    minInvestment: units(d.min_ticket),
    maxInvestment: units(d.max_ticket ?? d.hard_cap),
    startTime: start,
    endTime: end,
    tokensPerPaymentUnit: ONE_TOKEN_PER_UNIT,
  };
  const { tx: saleTx, args } = await callFactory(d, encodeFunctionData({ abi: tenantFactoryAbi, functionName: 'createSale', args: [params] }), 'deal.create_sale', 'sale', 'SaleCreated');
  const sale = (args as { sale: Hex }).sale.toLowerCase();
  await withTenant(d.tenant_id, null, async (t) => {
    if ((await setDealSale(t, d.id, { sale, escrowFactory: system.escrowFactory })) === 1)
      await audit(t, { actorId: null, actorRole: 'system', action: 'deal.sale_deployed', targetType: 'deal', targetId: d.id, metadata: { chainId, sale, escrowFactory: system.escrowFactory.toLowerCase(), txHash: saleTx.tx_hash } }, NO_REQUEST);
  });
  return sale;
}

/**
 * "Pool Creation: Deploy pool if needed": TenantFactory.createPool(sale, lockTime) makes the
 * deal's Pool clone and registers it with the sale; the address comes from PoolCreated.
 */
async function deployPool(d: Pending, sale: string): Promise<string> {
  const chainId = Number(d.chain_id);
  const lockTime = BigInt(Math.floor(d.pool_lock_at!.getTime() / 1000));
  const { tx: poolTx, args } = await callFactory(d, encodeFunctionData({ abi: tenantFactoryAbi, functionName: 'createPool', args: [sale as Hex, lockTime] }), 'deal.create_pool', 'pool', 'PoolCreated');
  const pool = (args as { pool: Hex }).pool.toLowerCase();
  await withTenant(d.tenant_id, null, async (t) => {
    if ((await setDealPool(t, d.id, pool)) === 1)
      await audit(t, { actorId: null, actorRole: 'system', action: 'deal.pool_deployed', targetType: 'deal', targetId: d.id, metadata: { chainId, sale, pool, lockAt: d.pool_lock_at!.toISOString(), txHash: poolTx.tx_hash } }, NO_REQUEST);
  });
  return pool;
}

/** The job: every live on-chain deal still without its sale. A failure is retried on the next run. */
export async function deployPendingSales(opts: { limit?: number; log?: (m: string) => void; tenantIds?: string[] } = {}): Promise<{ deployed: number; failed: number }> {
  const r = { deployed: 0, failed: 0 };
  if (opts.tenantIds?.length === 0) return r;
  for (const d of await withChainSystem((db) => dealsAwaitingSale(db, opts.limit ?? 20, opts.tenantIds))) {
    try {
      const sale = await deploySaleFor(d);
      opts.log?.(`deal ${d.slug}: TokenSale ${sale}${d.pool_lock_at ? ' and its Pool' : ''} on chain ${d.chain_id}`);
      r.deployed++;
    } catch (e) {
      opts.log?.(`deal ${d.slug}: sale deployment failed: ${e instanceof Error ? e.message : String(e)}`);
      r.failed++;
    }
  }
  return r;
}
