// The tenant-contracts module's surface for other modules.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types';
import { deployedFactory, insertPendingChains, tenantChains } from './repo';

/** Provisioning asks for the tenant's contracts; the job worker deploys them (provisionPendingTenants). */
export async function requestTenantContracts(db: Kysely<Database>, tenantId: string, chainIds: number[]): Promise<void> {
  await insertPendingChains(db, tenantId, chainIds);
}

export { deployedFactory, tenantChains };
export type TenantChainRow = Awaited<ReturnType<typeof tenantChains>>[number];
