import { Conflict } from '../errors';
import { storedDealCompliance } from './schema';

/** 227.303(a)(2): the offering's information is public on the platform at least 21 days before any security is sold. */
export const REG_CF_PUBLIC_DAYS = 21;

/**
 * Why a sale (the confirmation of a commitment) in a Reg CF deal may not happen yet, or null:
 * no Form C on record (227.201, 227.203(a)), or less than 21 days since the later of the Form C
 * filing and the offering's publication here (227.303(a)(2)). Commitments may be taken meanwhile.
 */
export function regCfSaleRefusal(deal: { compliance: unknown; approved_at: Date | null }, now: Date): Conflict | null {
  const c = storedDealCompliance.safeParse(deal.compliance ?? {});
  if (!c.success || !c.data.regimes.includes('reg_cf')) return null;
  if (!c.data.formC)
    return new Conflict('reg_cf_form_c_missing', 'No security can be sold in a Regulation Crowdfunding offering before its Form C is filed and on record here (17 CFR 227.201, 227.303(a)(2)): the issuer records the Form C file number and filing day on the deal');
  const filed = new Date(`${c.data.formC.filedOn}T00:00:00Z`);
  const since = deal.approved_at && deal.approved_at > filed ? deal.approved_at : filed;
  const first = new Date(since.getTime() + REG_CF_PUBLIC_DAYS * 86_400_000);
  if (!deal.approved_at || now.getTime() < first.getTime())
    return new Conflict(
      'reg_cf_sale_before_21_days',
      `A Regulation Crowdfunding offering must be public for 21 days before any security is sold (17 CFR 227.303(a)(2)); commitments are kept, and can be confirmed from ${deal.approved_at ? first.toISOString() : 'three weeks after the offering is published'}`,
    );
  return null;
}
