// One pass of the chain work the job worker runs every few seconds: provision pending tenant
// contracts, deploy the sales of deals that went live, then send, watch and bump the queued
// transactions of every chain with work. Approved assets get their tokens (assets/issuance.ts). Each part keeps its state in PostgreSQL, so a pass
// that dies half-way is simply continued by the next one.
import { runAssetIssuance } from '../assets/issuance';
import { withChainSystem } from '../db/platform';
import { deployPendingSales } from './deal-sales/deploy-sale';
import { provisionPendingTenants } from './tenant-contracts/provision';
import { chainsWithWork } from './tx-manager/repo';
import { processChainQueue } from './tx-manager/send';

export async function runChainWork(log: (m: string) => void = () => {}): Promise<void> {
  await provisionPendingTenants({ log });
  await deployPendingSales({ log });
  await runAssetIssuance({ log });
  for (const chainId of await withChainSystem((db) => chainsWithWork(db))) {
    try {
      const r = await processChainQueue(chainId);
      if (r.sent || r.mined || r.failed || r.bumped) log(`chain ${chainId}: ${r.sent} sent, ${r.mined} mined, ${r.failed} failed, ${r.bumped} fee bumps`);
    } catch (e) {
      log(`chain ${chainId}: transaction manager pass failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
