// Which deals settle on chain: those with a chain id, which must be one of the tenant's enabled
// chains (its own contracts are provisioned there), in a currency the 6-decimal payment token
// can carry exactly. Everything else stays on the fiat rails and the platform's ledger.
import { withTenant, type TenantTx } from '../db/tenant';
import { getChain, isKnownChain } from '../chain/chains';
import { tenantChains } from '../chain/tenant-contracts/service';
import { ValidationError } from '../errors';

export const CHAIN_TOKEN_DECIMALS = 6;

/** The chains an issuer of this tenant may settle a deal on (the new-deal form's choices), by name. */
export async function dealChainChoices(tenantId: string, userId: string): Promise<{ chainId: number; name: string }[]> {
  const rows = await withTenant(tenantId, { userId }, (t) => tenantChains(t));
  return rows.map((r) => Number(r.chain_id)).map((chainId) => ({ chainId, name: isKnownChain(chainId) ? getChain(chainId).name : `Chain ${chainId}` }));
}

export async function requireDealChain(t: TenantTx, chainId: number, currencyDecimals: number): Promise<void> {
  const enabled = (await tenantChains(t)).map((c) => Number(c.chain_id));
  if (!enabled.includes(chainId))
    throw new ValidationError([{ field: 'chainId', message: `chain ${chainId} is not enabled for this platform${enabled.length ? ` (enabled: ${enabled.join(', ')})` : ' (no chain is enabled)'}` }]);
  if (currencyDecimals > CHAIN_TOKEN_DECIMALS)
    throw new ValidationError([{ field: 'currencyDecimals', message: `an on-chain deal settles in a ${CHAIN_TOKEN_DECIMALS}-decimal stablecoin: at most ${CHAIN_TOKEN_DECIMALS} decimals` }]);
}

/** A deal amount (minor units of its currency) in the 6-decimal payment token's base units. */
export function toTokenUnits(minor: bigint | string, currencyDecimals: number): bigint {
  if (currencyDecimals > CHAIN_TOKEN_DECIMALS) throw new Error(`a currency with ${currencyDecimals} decimals cannot settle in a ${CHAIN_TOKEN_DECIMALS}-decimal token`);
  return BigInt(minor) * 10n ** BigInt(CHAIN_TOKEN_DECIMALS - currencyDecimals);
}

/**
 * A deal's Pool (0050): only on chain, and its lock time must fall inside the sale (after now,
 * no later than the deal's end), as TenantFactory.createPool requires, or it could never invest.
 */
export function checkDealPool(v: { chainId: number | null; poolLockAt: Date | null; endsAt: Date | null }, now = new Date()): void {
  if (!v.poolLockAt) return;
  if (v.chainId === null) throw new ValidationError([{ field: 'poolLockAt', message: 'only an on-chain deal (chainId set) can have a pool' }]);
  if (v.poolLockAt <= now) throw new ValidationError([{ field: 'poolLockAt', message: 'the pool must lock in the future' }]);
  if (v.endsAt && v.poolLockAt > v.endsAt) throw new ValidationError([{ field: 'poolLockAt', message: 'the pool must lock no later than the deal ends (endsAt)' }]);
}
