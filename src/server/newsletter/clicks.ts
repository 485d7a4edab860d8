import { withTenant } from '../db/tenant';
import { campaignLinks, insertClick, wasSentTo } from './repo';
import { clickSignatureHolds, parseClickToken } from './tokens';

// A tracked link (/c/<token>): the token names the campaign, the recipient and the index of one
// of the campaign's links, signed over all three and the target itself. Only a target the
// campaign really links to, with a signature that holds, is followed: anything else is no
// redirect at all (no open redirect through the tenant's domain).

export type ClickOutcome = { ok: true; target: string } | { ok: false };

export async function followClick(tenantId: string, token: string): Promise<ClickOutcome> {
  const claim = parseClickToken(token);
  if (!claim) return { ok: false };
  return withTenant(tenantId, null, async (t) => {
    const c = await campaignLinks(t, claim.campaignId);
    const target = c?.links[claim.index];
    if (!target || !clickSignatureHolds(tenantId, claim, target)) return { ok: false };
    // A recipient erased since keeps a working link, but is no longer counted.
    if (await wasSentTo(t, claim.campaignId, claim.subscriberId)) await insertClick(t, { campaignId: claim.campaignId, subscriberId: claim.subscriberId, index: claim.index, target });
    return { ok: true, target };
  });
}
