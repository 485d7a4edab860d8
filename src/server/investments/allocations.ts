import type { TenantTx } from '../db/tenant';
import { dealAllocations } from './repo';

/** For reporting: each investor's confirmed and pending totals in one deal (the cap table). */
export function allocationsOfDeal(t: TenantTx, dealId: string) {
  return dealAllocations(t, dealId);
}
export type Allocation = Awaited<ReturnType<typeof dealAllocations>>[number];
