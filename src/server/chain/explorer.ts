// Links to a chain's block explorer for transactions and addresses; none for the local chain
// (or any chain without a public explorer).
import { getChain } from './chains';

function explorerBase(chainId: number | string | null): string | null {
  if (chainId === null) return null;
  try {
    return getChain(Number(chainId)).explorerUrl?.replace(/\/$/, '') ?? null;
  } catch {
    return null;
  }
}

export const explorerTxUrl = (chainId: number | string | null, hash: string | null): string | null => {
  const base = explorerBase(chainId);
  return base && hash ? `${base}/tx/${hash}` : null;
};

export const explorerAddressUrl = (chainId: number | string | null, address: string | null): string | null => {
  const base = explorerBase(chainId);
  return base && address ? `${base}/address/${address}` : null;
};
