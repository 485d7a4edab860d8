// Display of staking figures: token amounts exactly as the contract holds them (formatUnits never
// rounds), the APR from basis points, durations in days or hours.
import { formatUnits } from 'viem';

export const tokenAmount = (baseUnits: string, decimals: number) => formatUnits(BigInt(baseUnits), decimals);

export function aprText(bps: string | null): string {
  if (bps === null) return 'No rewards running';
  const b = BigInt(bps);
  return `${b / 100n}.${(b % 100n).toString().padStart(2, '0')}%`;
}

export function durationText(seconds: number): string {
  if (seconds === 0) return 'none';
  if (seconds % 86_400 === 0) return `${seconds / 86_400} day${seconds === 86_400 ? '' : 's'}`;
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  return `${seconds} s`;
}
