// A member's lending use cases: pools with their rates and utilisation read from the contract, one
// pool with the member's positions (per linked wallet, read from the contract), history and rate
// history from the indexer; the indexed positions across pools; and acknowledging the tenant's risk
// disclosure (stored and audited) before a first supply or borrow.
import type { Address } from 'viem';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { effectiveLevelOf } from '../compliance/action-levels';
import { meetsLevel } from '../compliance/rules/verification-level';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { listLinks } from '../wallets/repo';
import { isStaff, requireLending } from './access';
import { readPoolState, readPosition } from './chain-state';
import { lendingHistoryOf, positionsOfUser, rateSnapshotsOf } from './chain-repo';
import { collateralsOf, findDisclosure, findLendingPool, hasAcknowledged, insertAcknowledgement, listLendingPools, type LendingPoolRow } from './repo';
import { chainView, poolView, positionView, rateHistory } from './views';

export async function disclosureOf(t: TenantTx, userId: string) {
  const d = await findDisclosure(t);
  if (!d) return null;
  return { title: d.disclosure_title, body: d.disclosure_body, version: d.disclosure_version, acknowledged: await hasAcknowledged(t, userId, d.disclosure_version) };
}

export async function accessOf(t: TenantTx, pool: Pick<LendingPoolRow, 'min_verification_level'>, principal: Principal) {
  const level = await effectiveLevelOf(t, principal.userId, new Date());
  return { eligible: meetsLevel(level, pool.min_verification_level), requiredLevel: pool.min_verification_level, currentLevel: level, disclosure: await disclosureOf(t, principal.userId) };
}

export async function linkedWallets(t: TenantTx, userId: string, chainId: number): Promise<string[]> {
  return (await listLinks(t, userId)).filter((w) => Number(w.chain_id) === chainId).map((w) => w.address.toLowerCase());
}

/** Members see active pools; staff also see pools waiting for their on-chain creation. */
export async function listPools(tenant: TenantContext, principal: Principal) {
  requireLending(tenant);
  const { rows, disclosure } = await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    const pools = await listLendingPools(t, { activeOnly: !isStaff(principal) });
    const rows = await Promise.all(pools.map(async (p) => ({ p, c: await collateralsOf(t, p.id) })));
    return { rows, disclosure: await disclosureOf(t, principal.userId) };
  });
  const states = await Promise.all(rows.map(({ p, c }) => readPoolState(p, c).catch(() => null)));
  return { disclosure, pools: rows.map(({ p, c }, i) => ({ ...poolView(p, c), chain: chainView(p, states[i]!) })) };
}

/** A pool with its on-chain state, the caller's positions (per linked wallet, from the contract), history and rate history. */
export async function getPool(tenant: TenantContext, principal: Principal, id: string) {
  requireLending(tenant);
  const { pool, collaterals, wallets, access, history, snapshots } = await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    const pool = await findLendingPool(t, id);
    if (!pool || (pool.status !== 'active' && !isStaff(principal))) throw new NotFound('Lending pool not found');
    const wallets = await linkedWallets(t, principal.userId, Number(pool.chain_id));
    const [collaterals, access, history, snapshots] = await Promise.all([collateralsOf(t, id), accessOf(t, pool, principal), lendingHistoryOf(t, id, wallets, 50), rateSnapshotsOf(t, id, 200)]);
    return { pool, collaterals, wallets, access, history, snapshots };
  });
  // A node that does not answer leaves the recorded terms and history readable; chain figures are then absent, never guessed.
  const state = await readPoolState(pool, collaterals).catch(() => null);
  const positions = state ? await Promise.all(wallets.map((w) => readPosition(pool, collaterals, w as Address, state.blockNumber))).catch(() => null) : null;
  return {
    pool: { ...poolView(pool, collaterals), chain: chainView(pool, state) },
    chainAvailable: !pool.pool_address || (state !== null && positions !== null),
    access,
    positions: state && positions ? positions.map((p) => positionView(p, collaterals, state.prices)) : [],
    history: history.map((h) => ({ kind: h.kind, wallet: h.wallet_address, payer: h.payer_address, token: h.token, amount: h.amount, seized: h.seized, txHash: h.tx_hash, at: h.block_time.toISOString() })),
    rateHistory: rateHistory(snapshots),
  };
}

/** The caller's positions in every pool, as the indexer summed them (scaled amounts; no chain call). */
export async function myPositions(tenant: TenantContext, principal: Principal) {
  requireLending(tenant);
  return withTenant(tenant.id, { userId: principal.userId }, async (t) => ({
    positions: (await positionsOfUser(t, principal.userId)).map((r) => ({ poolId: r.pool_id, wallet: r.wallet_address, scaledSupply: r.scaled_supply, scaledDebt: r.scaled_debt, collateral: r.collateral, indexedAtBlock: r.updated_block, indexedAt: r.updated_at.toISOString() })),
  }));
}

export async function acknowledgeDisclosure(tenant: TenantContext, principal: Principal, version: number, meta: RequestMeta) {
  requireLending(tenant);
  return withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    const d = await findDisclosure(t);
    if (!d) throw new Conflict('disclosure_missing', 'This platform has not published its lending risk disclosure yet');
    if (d.disclosure_version !== version) throw new Conflict('disclosure_outdated', `The disclosure in force is version ${d.disclosure_version}; read it and acknowledge that version`);
    if (await insertAcknowledgement(t, principal.userId, version)) {
      await audit(t, { actorId: principal.userId, actorRole: principal.role, action: 'lending.disclosure_acknowledged', targetType: 'user', targetId: principal.userId, metadata: { version } }, meta);
    }
    return { acknowledgement: { version, acknowledged: true } };
  });
}
