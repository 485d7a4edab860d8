import type { Principal } from '../auth/principal';
import type { TenantTx } from '../db/tenant';
import type { DealVisibility } from '../db/types';
import { audienceOf, groupOfDeal } from './repo-deals';

// Who may see a deal beyond its issuer and the tenant's staff (deals/browse.ts decides those):
// 'public' deals everyone who may browse; 'verified' deals the tenant's verified investors (KYC passed:
// verification level standard or above);
// 'group' deals the active members of the deal's one group (and that group's issuer). A viewer
// who may not see a deal is told it does not exist (404), never that it is member-only.

export type Audience = { verified: boolean; groupIds: string[] };

export const VISITOR_AUDIENCE: Audience = { verified: false, groupIds: [] };

/** What the viewer may see beyond public deals: the listing's filter (deals/repo.ts listDeals). */
export function audienceFor(t: TenantTx, p: Principal | null): Promise<Audience> {
  return p ? audienceOf(t, p.userId) : Promise.resolve(VISITOR_AUDIENCE);
}

/** One deal: may this viewer (not staff, not its issuer) see it? */
export async function mayViewByAudience(t: TenantTx, p: Principal | null, deal: { id: string; visibility: DealVisibility }): Promise<boolean> {
  if (deal.visibility === 'public') return true;
  if (!p) return false;
  const a = await audienceOf(t, p.userId);
  if (deal.visibility === 'verified') return a.verified;
  const groupId = await groupOfDeal(t, deal.id);
  return groupId !== null && a.groupIds.includes(groupId);
}
