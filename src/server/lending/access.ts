// The rules every lending use case starts with: the tenant offers lending at all (feature flag),
// the caller's role, and the conversions between what people type and what the contract keeps.
import { erc20Abi, type Address } from 'viem';
import type { Principal } from '../auth/principal';
import { publicClientFor } from '../chain/network';
import { Forbidden, ValidationError } from '../errors';
import { AmountError, toMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';

export const WAD = 10n ** 18n;
const STAFF = ['tenant_admin', 'compliance_officer'] as const;

export function requireLending(tenant: TenantContext): void {
  if (!tenant.features.lending) throw new Forbidden('Lending is not offered by this platform', 'feature_disabled');
}

export const isStaff = (p: Principal | null) => !!p && (STAFF as readonly string[]).includes(p.role);

export async function tokenFacts(chainId: number, token: Address, field: string): Promise<{ decimals: number; symbol: string }> {
  const client = publicClientFor(chainId);
  try {
    const [decimals, symbol] = await Promise.all([
      client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
      client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }).catch(() => 'TOKEN'),
    ]);
    return { decimals, symbol: symbol.slice(0, 32) || 'TOKEN' };
  } catch {
    throw new ValidationError([{ field, message: `${token} is not an ERC-20 token on chain ${chainId} (no decimals())` }]);
  }
}

/** "2.5" (percent a year) -> 0.025 x 1e18, exactly. */
export function percentToWad(percent: string): bigint {
  return toMinorUnits(percent, 16);
}

/** "1000.5" whole tokens -> base units; more decimals than the token has is refused, never rounded. */
export function baseUnitsOf(amount: string, decimals: number, field: string): bigint {
  try {
    return toMinorUnits(amount, decimals);
  } catch (e) {
    if (e instanceof AmountError) throw new ValidationError([{ field, message: `${field} ${e.message}` }]);
    throw e;
  }
}

/**
 * A price typed as stablecoin per whole collateral token -> what the contract keeps: asset base
 * units per collateral base unit x 1e18. Refused unless exact and above zero.
 */
export function priceToScaled(price: string, assetDecimals: number, collateralDecimals: number, field: string): bigint {
  const perWhole = baseUnitsOf(price, assetDecimals, field) * WAD;
  const unit = 10n ** BigInt(collateralDecimals);
  if (perWhole === 0n) throw new ValidationError([{ field, message: 'the price must be above zero' }]);
  if (perWhole % unit !== 0n) throw new ValidationError([{ field, message: `${field} cannot be kept exactly for a token of ${collateralDecimals} decimals; use fewer decimal places` }]);
  return perWhole / unit;
}

/** The contract's scaled price -> base units of the stablecoin per whole collateral token (rounded down). */
export function scaledToPerWhole(scaled: bigint, collateralDecimals: number): bigint {
  return (scaled * 10n ** BigInt(collateralDecimals)) / WAD;
}
