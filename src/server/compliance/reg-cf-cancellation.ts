import { Conflict } from '../errors';
import { storedDealCompliance } from './schema';

/** 227.304(a): an investor may cancel a Reg CF commitment for any reason until 48 hours before the offering deadline. */
export const REG_CF_CANCELLATION_CUTOFF_MS = 48 * 3_600_000;

/**
 * The refusal of an investor's cancellation of a commitment in a Reg CF deal within the last 48
 * hours before its deadline (227.304(a): the right to cancel runs until then, after which the
 * commitment is binding barring a material change, 227.304(c)); null when the cancellation may go ahead.
 */
export function regCfCancellationRefusal(deal: { compliance: unknown; ends_at: Date | null }, now: Date): Conflict | null {
  const c = storedDealCompliance.safeParse(deal.compliance ?? {});
  if (!c.success || !c.data.regimes.includes('reg_cf') || !deal.ends_at) return null;
  const cutoff = new Date(deal.ends_at.getTime() - REG_CF_CANCELLATION_CUTOFF_MS);
  if (now.getTime() < cutoff.getTime()) return null;
  return new Conflict(
    'reg_cf_cancellation_closed',
    `Regulation Crowdfunding lets you cancel a commitment until 48 hours before the offering deadline (17 CFR 227.304(a)); that was ${cutoff.toISOString()}, so this commitment is now binding unless the offering changes materially`,
  );
}

/** Whether the deal is offered under Regulation Crowdfunding (its commitments follow 227.304). */
export function isRegCfDeal(deal: { compliance: unknown }): boolean {
  const c = storedDealCompliance.safeParse(deal.compliance ?? {});
  return c.success && c.data.regimes.includes('reg_cf');
}
