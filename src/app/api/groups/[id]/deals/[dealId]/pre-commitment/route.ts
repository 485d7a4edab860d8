import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { groupDealParams, preCommitmentInput } from '@/server/groups/schema';
import { preCommit, withdrawGroupPreCommitment } from '@/server/groups/service';

/** Indicate interest in an upcoming group deal (replaces an earlier indication). */
export const PUT = route({ feature: 'investmentGroups', auth: 'user', body: preCommitmentInput }, async ({ tenant, principal, params, body, meta }) => {
  const { id, dealId } = parseWith(groupDealParams, params);
  return preCommit(tenant, principal, id, dealId, body.amount, meta);
});

export const DELETE = route({ feature: 'investmentGroups', auth: 'user' }, async ({ tenant, principal, params, meta }) => {
  const { id, dealId } = parseWith(groupDealParams, params);
  return withdrawGroupPreCommitment(tenant, principal, id, dealId, meta);
});
