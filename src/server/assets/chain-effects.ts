// What an asset token's chain events do to the tenant's rows (the indexer calls this; see
// docs/chain-indexer.md). PermissionedToken.Moved becomes an asset_transactions row carrying its
// log's identity, which is how a reorg takes it back. Tokens are found by address among the assets
// the platform deployed (repo.findAssetTokens), never from a log's own claims.
import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';
import { assetIdByToken, deleteAssetTransactionOfLog, insertAssetTransaction, type ChainLog } from './repo';

export type AssetEffect = { k: 'asset_transaction' };

const ZERO = '0x0000000000000000000000000000000000000000';
const KINDS = ['transfer', 'forced', 'recovery', 'issue'] as const;

export async function applyAssetTokenEvent(t: TenantTx, address: string, name: string, args: Record<string, unknown>, log: ChainLog): Promise<AssetEffect[]> {
  if (name !== 'Moved') return [];
  const assetId = await assetIdByToken(t, log.chainId, address);
  if (!assetId) return [];
  const kind = KINDS[Number(args.kind)];
  if (!kind) return [];
  const from = String(args.from).toLowerCase();
  const to = String(args.to).toLowerCase();
  await insertAssetTransaction(t, { id: uuidv7(), assetId, kind, from: from === ZERO ? null : from, to: to === ZERO ? null : to, amount: BigInt(String(args.amount)) }, log);
  return [{ k: 'asset_transaction' }];
}

export async function undoAssetEffect(t: TenantTx, _ef: AssetEffect, log: { chainId: number; txHash: string; logIndex: number }): Promise<void> {
  await deleteAssetTransactionOfLog(t, log);
}
