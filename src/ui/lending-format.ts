// Display of lending figures, exactly as the contract holds them: rates and health x 1e18 shown as
// percentages and ratios cut (never rounded up) at two decimals, token amounts with formatUnits
// (the same helper as staking), prices as stablecoin per whole collateral token.
import { formatUnits } from 'viem';
import { tokenAmount } from './staking-format';

const WAD = 10n ** 18n;
const MAX_UINT = 2n ** 256n - 1n;

export { tokenAmount };

/** 1e18 = 100% -> "12.34%" (cut at two decimals). */
export function rateText(wad: string | null | undefined): string {
  if (wad == null) return '—';
  const basisPoints = (BigInt(wad) * 10_000n) / WAD;
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}%`;
}

/** Health x 1e18 -> "1.2345" (cut at four decimals); no debt reads "no debt". */
export function healthText(wad: string | null | undefined, hasDebt: boolean): string {
  if (!hasDebt) return 'no debt';
  if (wad == null) return 'unknown (a price is out of date)';
  const v = BigInt(wad);
  if (v === MAX_UINT) return 'no debt';
  const tenThousandths = (v * 10_000n) / WAD;
  return `${tenThousandths / 10_000n}.${(tenThousandths % 10_000n).toString().padStart(4, '0')}`;
}

/** The contract's price (asset base units per collateral base unit x 1e18) -> stablecoin per whole token. */
export function priceText(scaled: string | null | undefined, collateralDecimals: number, assetDecimals: number): string {
  if (scaled == null) return 'out of date';
  return formatUnits((BigInt(scaled) * 10n ** BigInt(collateralDecimals)) / WAD, assetDecimals);
}

/** For the chart only: a rate x 1e18 as a percentage number (the exact figure is in the table). */
export const ratePercent = (wad: string) => Number((BigInt(wad) * 1_000_000n) / WAD) / 10_000;
