import type { TenantTx } from '../db/tenant';
import type { VerificationLevel } from '../db/types';
import { screeningHitCounts } from '../screening/service';
import { approvedAccreditations, findDeclaration, latestSuitability, liveInvestmentsSince, lockFor, nonAccreditedPurchasers, profilesOf } from './repo';
import { isAccredited } from './rules/investor-status';
import type { Accreditation, CompliancePolicy, DealTerms, InvestorFacts } from './rules/types';

/** Twelve calendar months before `now` (UTC): the look-back of the investment limit. */
export function twelveMonthsBefore(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

export function accreditationOf(r: { id: string; method: Accreditation['method']; evidence: unknown; verified_at: Date | null; expires_at: Date | null }): Accreditation {
  const dealId = (r.evidence as { dealId?: unknown } | null)?.dealId;
  return {
    id: r.id,
    method: r.method,
    verifiedAt: r.verified_at!.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    dealId: typeof dealId === 'string' ? dealId : null,
  };
}

/**
 * Everything the rules read about one investor and one deal, inside the invest transaction.
 * Counters that a concurrent investment could change (the deal's non-accredited purchasers,
 * the investor's 12-month total) are read under a transaction-scoped lock, taken only when
 * the deal's rules will read them.
 */
export async function loadInvestorFacts(t: TenantTx, investorId: string, deal: DealTerms, policy: CompliancePolicy, now: Date): Promise<InvestorFacts> {
  const [declaration, accreditations, suitability, [profile], hits] = await Promise.all([
    findDeclaration(t, investorId),
    approvedAccreditations(t, [investorId]),
    latestSuitability(t, investorId),
    profilesOf(t, [investorId]),
    screeningHitCounts(t, investorId),
  ]);
  const facts: InvestorFacts = {
    userId: investorId,
    profileCountry: profile?.country?.trim() || null,
    verificationLevel: (profile?.verification_level ?? 'none') as VerificationLevel,
    declaration: declaration
      ? {
          residenceCountry: declaration.residence_country,
          residenceSubdivision: declaration.residence_subdivision,
          nationality: declaration.nationality,
          isUsPerson: declaration.is_us_person,
          investorType: declaration.investor_type,
          annualIncomeUsdCents: declaration.annual_income,
          netWorthUsdCents: declaration.net_worth,
          externalInvestments12mUsdCents: declaration.external_investments_12m,
        }
      : null,
    accreditations: accreditations.map(accreditationOf),
    suitability: suitability ? { band: suitability.band, score: suitability.score, assessedAt: suitability.created_at.toISOString() } : null,
    investments12m: [],
    dealNonAccreditedPurchasers: 0,
    alreadyNonAccreditedPurchaser: false,
    screening: { openHits: hits.open, confirmedHits: hits.confirmed },
  };
  const accredited = isAccredited(facts, now);
  if (!accredited) {
    if (policy.investmentLimit.appliesTo === 'all' || deal.regimes.includes('reg_cf')) {
      await lockFor(t, `investor:${investorId}`);
      const rows = await liveInvestmentsSince(t, investorId, twelveMonthsBefore(now));
      facts.investments12m = rows.map((r) => ({ currency: r.currency, decimals: r.currency_decimals, amountMinor: r.amount }));
    }
    if (deal.regimes.includes('reg_d_506b')) {
      await lockFor(t, `deal:${deal.id}:506b`);
      const n = await nonAccreditedPurchasers(t, deal.id, investorId);
      facts.dealNonAccreditedPurchasers = n.others;
      facts.alreadyNonAccreditedPurchaser = n.self;
    }
  }
  return facts;
}
