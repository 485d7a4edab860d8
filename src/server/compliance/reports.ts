import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { requireVisibleDeal } from '../deals/browse';
import { withTenant, type TenantTx } from '../db/tenant';
import { allocationsOfDeal } from '../investments/allocations';
import { fromMinorUnits } from '../money';
import { toCsv } from '../reporting/csv';
import type { TenantContext } from '../tenancy/resolve';
import { accreditationOf } from './investor-facts';
import { approvedAccreditations, declarationsOf, profilesOf, purchaserStatuses } from './repo';
import { isCurrent } from './rules/investor-status';
import { complianceSummaryOf } from './deal-summary';

// Compliance reports of one deal: who its investors are in compliance terms, and the numbers
// Form D asks for. Every read is audited: these hand out investors' personal data.

async function investorRows(t: TenantTx, dealId: string, now: Date) {
  const allocations = await allocationsOfDeal(t, dealId);
  const ids = allocations.map((a) => a.investor_id);
  const [declarations, profiles, accreditations, statuses] = await Promise.all([declarationsOf(t, ids), profilesOf(t, ids), approvedAccreditations(t, ids), purchaserStatuses(t, dealId)]);
  const by = <T extends { user_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.user_id, r]));
  const decl = by(declarations);
  const prof = by(profiles);
  const accreditedAtSale = new Map(statuses.map((s) => [s.investor_id, s.accredited]));
  return allocations.map((a) => {
    const d = decl.get(a.investor_id);
    const p = prof.get(a.investor_id);
    const acc = accreditations.filter((x) => x.user_id === a.investor_id).map(accreditationOf);
    const current = acc.find((x) => isCurrent(x, now)) ?? null;
    return {
      investorId: a.investor_id,
      name: `${a.first_name} ${a.last_name}`.trim(),
      email: a.email,
      kycStatus: p?.kyc_status ?? 'not_started',
      verificationLevel: p?.verification_level ?? 'none',
      accreditedAtSale: accreditedAtSale.get(a.investor_id) ?? false,
      accreditation: current ? { method: current.method, verifiedAt: current.verifiedAt, expiresAt: current.expiresAt } : null,
      residenceCountry: d?.residence_country ?? p?.country?.trim() ?? null,
      nationality: d?.nationality ?? null,
      isUsPerson: d?.is_us_person ?? null,
      investorType: d?.investor_type ?? null,
      confirmed: a.confirmed ?? '0',
      pending: a.pending ?? '0',
      firstInvestmentAt: new Date(a.first_at).toISOString(),
    };
  });
}

async function readDealReport(tenant: TenantContext, p: Principal, dealId: string, action: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const deal = await requireVisibleDeal(t, p, dealId);
    const now = new Date();
    const [rows, compliance] = await Promise.all([investorRows(t, deal.id, now), complianceSummaryOf(t, deal, now)]);
    await audit(t, { actorId: p.userId, actorRole: p.role, action, targetType: 'deal', targetId: deal.id, metadata: { rows: rows.length } }, meta);
    return { deal, rows, compliance };
  });
}

/** GET /api/compliance/reports/deals/[id] */
export async function dealInvestorReport(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  const { deal, rows, compliance } = await readDealReport(tenant, p, dealId, 'compliance.deal_report_viewed', meta);
  const money = (v: string) => fromMinorUnits(v, deal.currency_decimals);
  return {
    deal: { id: deal.id, slug: deal.slug, title: deal.title, currency: deal.currency, regimes: (deal.compliance as { regimes?: string[] }).regimes ?? [] },
    /** The 506(b) count, Form D deadline and filings, bad-actor certification and Reg S category (deal-summary.ts). */
    compliance,
    investors: rows.map((r) => ({ ...r, confirmed: money(r.confirmed), pending: money(r.pending) })),
  };
}

const CSV_HEADER = ['Investor', 'Email', 'KYC status', 'Verification level', 'Accredited at sale', 'Accreditation method', 'Accreditation verified (UTC)', 'Residence', 'Nationality', 'U.S. person', 'Investor type', 'Currency', 'Confirmed', 'Pending', 'First investment (UTC)'];

/** GET /api/compliance/reports/deals/[id]/csv */
export async function dealInvestorReportCsv(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  const { deal, rows } = await readDealReport(tenant, p, dealId, 'compliance.deal_report_exported', meta);
  const body = toCsv(
    CSV_HEADER,
    rows.map((r) => [
      r.name, r.email, r.kycStatus, r.verificationLevel, r.accreditedAtSale ? 'yes' : 'no', r.accreditation?.method ?? '', r.accreditation?.verifiedAt ?? '',
      r.residenceCountry ?? '', r.nationality ?? '', r.isUsPerson === null ? '' : r.isUsPerson ? 'yes' : 'no', r.investorType ?? '', deal.currency,
      fromMinorUnits(r.confirmed, deal.currency_decimals), fromMinorUnits(r.pending, deal.currency_decimals), r.firstInvestmentAt,
    ]),
  );
  return { filename: `${deal.slug}-compliance-investors.csv`, body };
}

/**
 * GET /api/compliance/reports/deals/[id]/form-d: the figures of Form D items 13 and 14.
 * Offered is the hard cap; sold counts confirmed money, committed adds investments still
 * pending; investors are counted by their accreditation at the time of sale.
 */
export async function formDReport(tenant: TenantContext, p: Principal, dealId: string, meta: RequestMeta) {
  const { deal, rows, compliance } = await readDealReport(tenant, p, dealId, 'compliance.form_d_viewed', meta);
  const money = (v: bigint | string) => fromMinorUnits(v, deal.currency_decimals);
  const sold = rows.reduce((s, r) => s + BigInt(r.confirmed), 0n);
  const committed = rows.reduce((s, r) => s + BigInt(r.confirmed) + BigInt(r.pending), 0n);
  const firstSale = rows.map((r) => r.firstInvestmentAt).sort()[0] ?? null;
  const accredited = rows.filter((r) => r.accreditedAtSale).length;
  return {
    deal: { id: deal.id, slug: deal.slug, title: deal.title, regimes: (deal.compliance as { regimes?: string[] }).regimes ?? [] },
    currency: deal.currency,
    totalOfferingAmount: money(deal.hard_cap),
    totalAmountSold: money(sold),
    totalCommitted: money(committed),
    totalRemaining: money(BigInt(deal.hard_cap) - committed),
    investors: { total: rows.length, accredited, nonAccredited: rows.length - accredited },
    dateOfFirstSale: firstSale,
    /** 230.503(a)(1): due 15 calendar days after the first sale, and what was filed. */
    formD: compliance.formD,
    badActorCertification: compliance.badActorCertification,
    /** 506(b) deals: non-accredited purchasers counted as Regulation D counts them (230.501(e)), across the issuer's offerings of 90 days. */
    reg506b: compliance.reg506b,
  };
}
