import { withTenant, type TenantTx } from '../db/tenant';
import { AppError } from '../errors';
import { evaluateInvestment, type CheckRecord, type EvaluateInput } from './engine';
import { insertCheck, linkCheck } from './repo';

// What other modules may ask of compliance: may this investment go ahead, and link the
// check to the investment it allowed.

/**
 * An investment the rules do not allow: 403, because the request is well-formed but this
 * investor may not make it (the same request from an eligible investor would succeed). The
 * code names the rule's reason (compliance_reg_s_us_person, compliance_geo_blocked, ...).
 */
export class ComplianceBlocked extends AppError {
  constructor(readonly record: CheckRecord, rule: string, code: string, reason: string) {
    super(403, code, reason, { rule, checkId: record.id });
  }
}

/** Inside the invest transaction: the id of the allowed check, or throws ComplianceBlocked. */
export async function requireCompliantInvestment(t: TenantTx, input: EvaluateInput): Promise<string> {
  const e = await evaluateInvestment(t, input);
  if (!e.allowed) throw new ComplianceBlocked(e.record, e.blockingRule!, e.code!, e.reason!);
  return e.checkId;
}

export const linkCheckToInvestment = (t: TenantTx, checkId: string, investmentId: string) => linkCheck(t, checkId, investmentId);

/**
 * Runs a use case whose transaction rolls back when compliance blocks it, then stores the
 * blocked check in a transaction of its own: the refusal stays on record with every rule's
 * inputs although the request failed.
 */
export async function recordingBlockedChecks<T>(tenantId: string, actorId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ComplianceBlocked) await withTenant(tenantId, { userId: actorId }, (t) => insertCheck(t, err.record));
    throw err;
  }
}

export { requireVerificationLevelFor, VerificationLevelRequired, type GatedAction } from './action-levels';
