// The issuing job (part of the chain work pass): an approved asset gets its PermissionedToken, and the
// tenant's IdentityRegistry on that chain follows the platform's KYC.
//
// - The tenant's IdentityRegistry (one per chain, for all its tokens) is deployed by the tenant's
//   operator key the first time one of its assets is issued there; admin = the tenant admin key,
//   compliance agent = the operator key.
// - The token is deployed by the operator key with the application's terms: supply minted to the
//   issuer's treasury, admin = the tenant admin key, transfer agent = the operator key. The Reg S period
//   end is fixed at deployment and read back from the contract.
// - Registrations: every wallet linked on the chain by a member whose KYC is approved (with a
//   country) is registered with its country and category; changed ones are rewritten, and wallets
//   no longer wanted (KYC revoked, wallet unlinked) are removed. A member approved later is picked
//   up by the next pass. Every step is a deduplicated transaction of the transaction manager, so a
//   pass that dies half-way is continued by the next one without sending twice.
import { createHash } from 'node:crypto';
import { encodeDeployData, encodeFunctionData, parseEventLogs, type Abi, type Hex } from 'viem';
import { identityRegistryAbi } from '../../../contracts/abi/IdentityRegistry';
import { permissionedTokenAbi } from '../../../contracts/abi/PermissionedToken';
import { loadArtifact } from '../../../contracts/compile';
import { audit } from '../audit/service';
import { applyAssetTokenEvent } from './chain-effects';
import { tenantIdFromUuid } from '../chain/tenant-id';
import { publicClientFor } from '../chain/network';
import { tenantSigner } from '../chain/signers';
import { enqueueTenantTransactionAsSystem, type TxSpec } from '../chain/tx-manager/queue';
import { findTx } from '../chain/tx-manager/repo';
import { settleTransactions } from '../chain/tx-manager/send';
import { withChainSystem } from '../db/platform';
import { withTenant } from '../db/tenant';
import {
  assetsAwaitingToken,
  bumpWriteSeq,
  currentRegistrations,
  deleteRegistration,
  deployedRegistries,
  findRegistry,
  recordRegistrations,
  saveRegistry,
  setAssetToken,
  wantedIdentities,
  type WantedIdentity,
} from './repo';

const NO_REQUEST = { ip: null, userAgent: null, requestId: null };
/** Wallets per registerIdentities transaction. */
const REGISTER_BATCH = 100;

type Pending = Awaited<ReturnType<typeof assetsAwaitingToken>>[number];

/** ISO 3166-1 alpha-2 as the registry stores it: two ASCII bytes ("US" = 0x5553). */
export function countryCode(alpha2: string): number {
  if (!/^[A-Z]{2}$/.test(alpha2)) throw new Error(`not an ISO 3166-1 alpha-2 code: ${alpha2}`);
  return (alpha2.charCodeAt(0) << 8) | alpha2.charCodeAt(1);
}

async function sendAndWait(tenantId: string, spec: TxSpec) {
  const queued = await withChainSystem((db) => enqueueTenantTransactionAsSystem(db, tenantId, 'operator', spec));
  await settleTransactions(spec.chainId, [queued.id]);
  const tx = (await withChainSystem((db) => findTx(db, queued.id)))!;
  if (tx.status !== 'mined') throw new Error(`${spec.purpose} failed: ${tx.last_error ?? tx.status}`);
  return tx;
}

/** The tenant's registry on the chain, deployed now if it has none. */
export async function ensureRegistry(tenantId: string, chainId: number): Promise<string> {
  const existing = await withTenant(tenantId, null, (t) => findRegistry(t, chainId));
  if (existing?.registry_address) return existing.registry_address;
  const artifact = loadArtifact('IdentityRegistry');
  const admin = tenantSigner(chainId, tenantId, 'tenant_admin').address;
  const agent = tenantSigner(chainId, tenantId, 'operator').address;
  const tx = await sendAndWait(tenantId, {
    chainId,
    to: null,
    data: encodeDeployData({ abi: artifact.abi as Abi, bytecode: artifact.bytecode, args: [admin, agent] }),
    purpose: 'asset.deploy_identity_registry',
    referenceType: 'identity_registry',
    referenceId: `${tenantId}:${chainId}`,
    dedupeKey: `identity_registry:${chainId}:deploy`,
  });
  const address = tx.contract_address!;
  await withTenant(tenantId, null, async (t) => {
    await saveRegistry(t, chainId, address, tx.id);
    await audit(t, { actorId: null, actorRole: 'system', action: 'asset.identity_registry_deployed', targetType: 'identity_registry', targetId: null, metadata: { chainId, address, txHash: tx.tx_hash } }, NO_REQUEST);
  });
  return address;
}

/** Brings the tenant's registry on the chain in line with KYC. Returns how many wallets were written and removed. */
export async function syncIdentities(tenantId: string, chainId: number, registry: string): Promise<{ registered: number; removed: number }> {
  const { toWrite, toRemove, seq } = await withTenant(tenantId, null, async (t) => {
    const wanted = await wantedIdentities(t, chainId);
    const current = new Map((await currentRegistrations(t, chainId)).map((r) => [r.wallet_address, r]));
    const wantedSet = new Set(wanted.map((w) => w.wallet_address));
    return {
      toWrite: wanted.filter((w) => {
        const c = current.get(w.wallet_address);
        return !c || c.country !== w.country || c.category !== w.category || c.user_id !== w.user_id;
      }),
      toRemove: [...current.keys()].filter((wallet) => !wantedSet.has(wallet)),
      seq: (await findRegistry(t, chainId))?.write_seq ?? 0,
    };
  });
  // Each write takes the next sequence number; a pass that dies after a write is mined but before it is
  // recorded recomputes the same remainder under the same numbers, so the mined write is found, not resent.
  let n = seq;
  for (let i = 0; i < toWrite.length; i += REGISTER_BATCH) await registerBatch(tenantId, chainId, registry, toWrite.slice(i, i + REGISTER_BATCH), n++);
  for (const wallet of toRemove) {
    const at = n++;
    const tx = await sendAndWait(tenantId, {
      chainId,
      to: registry,
      data: encodeFunctionData({ abi: identityRegistryAbi, functionName: 'removeIdentity', args: [wallet as Hex] }),
      purpose: 'asset.remove_identity',
      referenceType: 'identity_registry',
      referenceId: `${tenantId}:${chainId}`,
      dedupeKey: `identity:${chainId}:${at}:remove:${wallet}`,
    });
    await withTenant(tenantId, null, async (t) => {
      await deleteRegistration(t, chainId, wallet);
      await bumpWriteSeq(t, chainId);
      await audit(t, { actorId: null, actorRole: 'system', action: 'asset.identity_removed', targetType: 'wallet', targetId: null, metadata: { chainId, wallet, txHash: tx.tx_hash } }, NO_REQUEST);
    });
  }
  return { registered: toWrite.length, removed: toRemove.length };
}

async function registerBatch(tenantId: string, chainId: number, registry: string, batch: WantedIdentity[], seq: number) {
  // The sequence and the content name the transaction: the same batch queued twice (a pass that died) is sent once.
  const digest = createHash('sha256').update(JSON.stringify(batch.map((b) => [b.wallet_address, b.country, b.category]))).digest('hex').slice(0, 32);
  const tx = await sendAndWait(tenantId, {
    chainId,
    to: registry,
    data: encodeFunctionData({
      abi: identityRegistryAbi,
      functionName: 'registerIdentities',
      args: [batch.map((b) => b.wallet_address as Hex), batch.map((b) => countryCode(b.country)), batch.map((b) => b.category)],
    }),
    purpose: 'asset.register_identities',
    referenceType: 'identity_registry',
    referenceId: `${tenantId}:${chainId}`,
    dedupeKey: `identity:${chainId}:${seq}:register:${digest}`,
  });
  await withTenant(tenantId, null, async (t) => {
    await recordRegistrations(t, chainId, batch, tx.id);
    await bumpWriteSeq(t, chainId);
    await audit(t, { actorId: null, actorRole: 'system', action: 'asset.identities_registered', targetType: 'identity_registry', targetId: null, metadata: { chainId, wallets: batch.map((b) => b.wallet_address), txHash: tx.tx_hash } }, NO_REQUEST);
  });
}

/** Deploys one approved asset's token (its tenant's registry first). Returns the token address. */
export async function issueAsset(a: Pending): Promise<string> {
  const chainId = Number(a.chain_id);
  const registry = await ensureRegistry(a.tenant_id, chainId);
  await syncIdentities(a.tenant_id, chainId, registry);
  const artifact = loadArtifact('PermissionedToken');
  const now = BigInt(Math.floor(Date.now() / 1000));
  const regSSeconds = BigInt(a.reg_s_period_seconds);
  const config = {
    name: a.name,
    symbol: a.symbol,
    decimals: a.decimals,
    assetId: tenantIdFromUuid(a.id),
    identityRegistry: registry as Hex,
    admin: tenantSigner(chainId, a.tenant_id, 'tenant_admin').address,
    agent: tenantSigner(chainId, a.tenant_id, 'operator').address,
    treasury: a.treasury_address as Hex,
    supply: BigInt(a.supply),
    regSCompliancePeriodEnd: regSSeconds > 0n ? now + regSSeconds : 0n,
    lockupPeriod: BigInt(a.lockup_seconds),
    maxHolders: a.max_holders,
    maxBalance: BigInt(a.max_balance),
    allowedCountries: a.allowed_countries.map(countryCode),
  };
  const tx = await sendAndWait(a.tenant_id, {
    chainId,
    to: null,
    data: encodeDeployData({ abi: artifact.abi as Abi, bytecode: artifact.bytecode, args: [config] }),
    purpose: 'asset.deploy_token',
    referenceType: 'asset',
    referenceId: a.id,
    dedupeKey: `asset:${a.id}:token`,
  });
  const token = tx.contract_address!;
  const client = publicClientFor(chainId);
  // The deployment that was mined may have been queued by an earlier pass: read its Reg S end back.
  const regSEnd = await client.readContract({ address: token as Hex, abi: permissionedTokenAbi, functionName: 'regSCompliancePeriodEnd' });
  // The issuance (the Moved of the constructor's mint) is written from the receipt too: the indexer may
  // have read that block before this row named the token. Same log identity, so the indexer's own
  // write of it, when it reads the block later, is a no-op.
  const receipt = await client.getTransactionReceipt({ hash: tx.tx_hash as Hex });
  const block = await client.getBlock({ blockNumber: receipt.blockNumber });
  const issued = parseEventLogs({ abi: permissionedTokenAbi, eventName: 'Moved', logs: receipt.logs });
  await withTenant(a.tenant_id, null, async (t) => {
    const set = await setAssetToken(t, a.id, { token, registry, txId: tx.id, issuedAt: new Date(Number(block.timestamp) * 1000), regSEndsAt: regSEnd > 0n ? new Date(Number(regSEnd) * 1000) : null });
    for (const m of issued) {
      await applyAssetTokenEvent(t, m.address, 'Moved', { from: m.args.from, to: m.args.to, amount: m.args.amount.toString(), kind: m.args.kind }, {
        chainId,
        txHash: m.transactionHash.toLowerCase(),
        logIndex: m.logIndex,
        blockNumber: m.blockNumber,
        at: new Date(Number(block.timestamp) * 1000),
      });
    }
    if (set)
      await audit(t, { actorId: null, actorRole: 'system', action: 'asset.token_deployed', targetType: 'asset', targetId: a.id, metadata: { chainId, token, registry, txHash: tx.tx_hash } }, NO_REQUEST);
  });
  return token;
}

/** The job: approved assets without their token, then every deployed registry brought in line with KYC. A failure is retried on the next pass. */
export async function runAssetIssuance(opts: { limit?: number; log?: (m: string) => void; tenantIds?: string[] } = {}): Promise<{ issued: number; failed: number; registered: number; removed: number }> {
  const r = { issued: 0, failed: 0, registered: 0, removed: 0 };
  if (opts.tenantIds?.length === 0) return r;
  for (const a of await withChainSystem((db) => assetsAwaitingToken(db, opts.limit ?? 10, opts.tenantIds))) {
    try {
      const token = await issueAsset(a);
      opts.log?.(`asset ${a.symbol}: PermissionedToken ${token} on chain ${a.chain_id}`);
      r.issued++;
    } catch (e) {
      opts.log?.(`asset ${a.symbol}: token deployment failed: ${e instanceof Error ? e.message : String(e)}`);
      r.failed++;
    }
  }
  for (const reg of await withChainSystem((db) => deployedRegistries(db, opts.tenantIds))) {
    try {
      const s = await syncIdentities(reg.tenant_id, Number(reg.chain_id), reg.registry_address!);
      r.registered += s.registered;
      r.removed += s.removed;
      if (s.registered || s.removed) opts.log?.(`identity registry ${reg.registry_address}: ${s.registered} written, ${s.removed} removed`);
    } catch (e) {
      opts.log?.(`identity registry ${reg.registry_address}: sync failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return r;
}
