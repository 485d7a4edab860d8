import { isAccredited } from './investor-status';
import type { Rule } from './types';

const RULE = 'tenant_accreditation';

/**
 * The community's own rule (feature `accreditationRequired`): every investment, whatever the
 * offering's exemption, needs a current accreditation. Stricter than the law for Reg CF, Reg A
 * and Reg S offerings, by the tenant's choice; the exemption rules still apply on top.
 */
export const tenantAccreditation: Rule = (facts, _deal, _attempt, policy, now) => {
  const accredited = isAccredited(facts, now);
  const newest = facts.accreditations[0];
  const inputs = { tenantRequiresAccreditation: policy.accreditationRequired === true, accredited, newestAccreditation: newest ? { id: newest.id, method: newest.method, verifiedAt: newest.verifiedAt, expiresAt: newest.expiresAt } : null };
  if (!policy.accreditationRequired) return { rule: RULE, outcome: 'not_applicable', code: 'not_required', reason: 'The community does not require accreditation for every investment', inputs };
  if (accredited) return { rule: RULE, outcome: 'pass', code: 'accredited', reason: 'A current accreditation is on file', inputs };
  return {
    rule: RULE,
    outcome: 'fail',
    code: 'compliance_tenant_accreditation_required',
    reason: 'This community accepts investments from accredited investors only; submit your accreditation evidence first',
    inputs,
  };
};
