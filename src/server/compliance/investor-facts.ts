import type { TenantTx } from '../db/tenant';
import type { VerificationLevel } from '../db/types';
import { badActorRecordsOf } from './covered-persons';
import { screeningHitCountsOf } from '../screening/service';
import { purchasersInCountry } from './repo-countries';
import { approvedAccreditations, declarationsOf, externalRegCfInvestmentsOf, heldLevelsBelowAccredited, latestSuitabilities, liveInvestmentsSince, lockFor, nonAccreditedPurchasers, profilesOf } from './repo';
import { LEVELS } from './rules/verification-level';
import { currentDisclosurePackage } from './disclosure-502b';
import { latestCertifications } from './bad-actor';
import { currentAcknowledgements } from './reg-cf-education';
import { disclosuresOf, relationshipsToDeal, representativesOf } from './repo-506b';
import { boughtUnder, isAccredited, toUsdCents, twelveMonthsBefore } from './rules/investor-status';
import { regATierOf } from './rules/reg-a';
import { investorInDeal, issuerRegASales } from './repo-reg-a';
import { issuerGroupOf, regCfSalesOf } from './issuer-affiliates';
import type { Accreditation, CompliancePolicy, DealTerms, InvestorFacts } from './rules/types';

export { twelveMonthsBefore };

/** 230.152(b)(1): 506(b) offerings within 90 calendar days of each other share the 35 non-accredited purchasers. */
export const INTEGRATION_DAYS_506B = 90;

export function accreditationOf(r: { id: string; method: Accreditation['method']; evidence: unknown; verified_at: Date | null; expires_at: Date | null }): Accreditation {
  const { dealId, priorVerifiedAt, documentDate, category } = (r.evidence ?? {}) as { dealId?: unknown; priorVerifiedAt?: unknown; documentDate?: unknown; category?: { kind?: unknown } };
  return {
    id: r.id,
    method: r.method,
    verifiedAt: r.verified_at!.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    dealId: typeof dealId === 'string' ? dealId : null,
    priorVerifiedAt: typeof priorVerifiedAt === 'string' ? priorVerifiedAt : null,
    category: typeof category?.kind === 'string' ? category.kind : null,
    // Stored as a day (YYYY-MM-DD): midnight UTC.
    documentDate: typeof documentDate === 'string' ? new Date(documentDate.length === 10 ? `${documentDate}T00:00:00Z` : documentDate).toISOString() : null,
  };
}

/**
 * The investor's level apart from accreditation: the profile's level, except that a profile
 * at 'accredited' stands on the highest other grant still held (at least 'basic'): whether
 * the investor is accredited is decided from current records (isAccredited), not a level
 * granted once.
 */
export function levelApartFromAccreditation(profileLevel: VerificationLevel, held: VerificationLevel[]): VerificationLevel {
  if (profileLevel !== 'accredited') return profileLevel;
  return held.reduce<VerificationLevel>((best, l) => (l !== 'accredited' && LEVELS.indexOf(l) > LEVELS.indexOf(best) ? l : best), 'basic');
}

type Declaration = Awaited<ReturnType<typeof declarationsOf>>[number];
type AccreditationRow = Awaited<ReturnType<typeof approvedAccreditations>>[number];
type Suitability = Awaited<ReturnType<typeof latestSuitabilities>>[number];
type Profile = Awaited<ReturnType<typeof profilesOf>>[number];

type DeclaredFacts = Pick<Declaration, 'residence_country' | 'residence_subdivision' | 'nationality' | 'is_us_person' | 'investor_type' | 'annual_income' | 'joint_annual_income' | 'net_worth'>;

export function declarationFacts(d: DeclaredFacts): NonNullable<InvestorFacts['declaration']> {
  return {
    residenceCountry: d.residence_country,
    residenceSubdivision: d.residence_subdivision,
    nationality: d.nationality,
    isUsPerson: d.is_us_person,
    investorType: d.investor_type,
    annualIncomeUsdCents: d.annual_income,
    jointAnnualIncomeUsdCents: d.joint_annual_income,
    netWorthUsdCents: d.net_worth,
  };
}

/** The facts without the locked counters (those start empty; loadInvestorFacts fills them). */
function factsFrom(investorId: string, declaration: Declaration | undefined, accreditations: AccreditationRow[], suitability: Suitability | undefined, profile: Profile | undefined, hits: { open: number; confirmed: number } | undefined, held: VerificationLevel[]): InvestorFacts {
  return {
    userId: investorId,
    profileCountry: profile?.country?.trim() || null,
    verificationLevel: levelApartFromAccreditation((profile?.verification_level ?? 'none') as VerificationLevel, held),
    kycApproved: profile?.kyc_status === 'approved',
    declaration: declaration ? declarationFacts(declaration) : null,
    accreditations: accreditations.map(accreditationOf),
    suitability: suitability
      ? { band: suitability.band, score: suitability.score, knowledgeExperiencePoints: suitability.knowledge_experience_points ?? 0, assessedAt: suitability.created_at.toISOString() }
      : null,
    relationship506b: null,
    purchaserRepresentative: null,
    disclosure502b: null,
    investments12m: [],
    externalRegCf: [],
    dealNonAccreditedPurchasers: 0,
    alreadyNonAccreditedPurchaser: false,
    screening: { openHits: hits?.open ?? 0, confirmedHits: hits?.confirmed ?? 0 },
    issuerBadActorCertifiedAt: null,
    regCfEducationAcknowledgedAt: null,
    countryPurchasers: null,
    regA: null,
    regCfIssuerSoldUsdCents: null,
  };
}

/** 506(b) deals: each investor's purchaser representative and 502(b) delivery, and the hash of the deal's current disclosure package. */
async function load506bRecords(t: TenantTx, dealId: string, investorIds: string[]) {
  const [representatives, disclosures, pkg, relationships] = await Promise.all([
    representativesOf(t, dealId, investorIds),
    disclosuresOf(t, dealId, investorIds),
    currentDisclosurePackage(t, dealId),
    relationshipsToDeal(t, dealId, investorIds),
  ]);
  return {
    relationships: new Map(relationships.map((r) => [r.user_id, r])),
    representatives: new Map(representatives.map((r) => [r.user_id, r])),
    disclosures: new Map(disclosures.map((d) => [d.user_id, d])),
    currentPackage: pkg?.sha256 ?? null,
  };
}

/** Amounts per currency in U.S. cents, or null when one cannot be converted (the rules then fail closed). */
function usdSum(rows: { currency: string; currency_decimals: number; amount: string }[]): bigint | null {
  return rows.reduce<bigint | null>((sum, r) => {
    const c = toUsdCents(r.amount, r.currency, r.currency_decimals);
    return sum === null || c === null ? null : sum + c;
  }, 0n);
}

/** The investor's country when the deal's per-country limit counts them (else null). */
function countryCounted(deal: DealTerms, facts: InvestorFacts, accredited: boolean): string | null {
  const l = deal.countryInvestorLimit;
  const country = facts.declaration?.residenceCountry ?? facts.profileCountry;
  if (!l || !country || (l.nonAccreditedOnly && accredited)) return null;
  return l.countries === null || l.countries.includes(country) ? country : null;
}

export type GroupFacts = {
  facts: InvestorFacts;
  /** Counters the deal's rules read for this investor: loadInvestorFacts reads them under their locks. */
  counters: { limit: boolean; purchasers: boolean; country: string | null; regA: boolean; regCfIssuer: boolean };
  kycStatus: string | null;
};

/**
 * The facts of one or several investors for one deal in six reads, without locks; for each,
 * whether the deal's rules also read counters another investment could change (the
 * 12-month total, the 506(b) count): loadInvestorFacts reads those under their locks, and
 * investments decided together (investments/invest-group.ts) leave such investors to it.
 */
export async function loadGroupFacts(t: TenantTx, investorIds: string[], deal: DealTerms, policy: CompliancePolicy, now: Date): Promise<Map<string, GroupFacts>> {
  const [declarations, accreditations, suitabilities, profiles, hits, levels] = await Promise.all([
    declarationsOf(t, investorIds),
    approvedAccreditations(t, investorIds),
    latestSuitabilities(t, investorIds),
    profilesOf(t, investorIds),
    screeningHitCountsOf(t, investorIds),
    heldLevelsBelowAccredited(t, investorIds),
  ]);
  const education = deal.regimes.includes('reg_cf') ? new Map((await currentAcknowledgements(t, investorIds)).map((a) => [a.user_id, a.acknowledged_at.toISOString()])) : null;
  const purchaserRecords = deal.regimes.includes('reg_d_506b') ? await load506bRecords(t, deal.id, investorIds) : null;
  const badActorIssuer = deal.issuerId && deal.regimes.some((r) => r === 'reg_d_506b' || r === 'reg_d_506c' || r === 'reg_cf' || r === 'reg_a_tier1' || r === 'reg_a_tier2') ? deal.issuerId : null;
  const certification = badActorIssuer ? (await latestCertifications(t, [badActorIssuer]))[0] : undefined;
  // 230.506(d), (e): the issuer's covered persons on record, their events and what the certification covered.
  const badActorRecords = badActorIssuer ? await badActorRecordsOf(t, badActorIssuer, certification) : undefined;
  const byUser = <R extends { user_id: string }>(rows: R[]) => new Map(rows.map((r) => [r.user_id, r]));
  const [decl, suit, prof, hit] = [byUser(declarations), byUser(suitabilities), byUser(profiles), byUser(hits)];
  const accreditationsOf = new Map<string, AccreditationRow[]>();
  for (const a of accreditations) {
    const list = accreditationsOf.get(a.user_id);
    if (list) list.push(a);
    else accreditationsOf.set(a.user_id, [a]);
  }
  const out = new Map<string, GroupFacts>();
  for (const id of investorIds) {
    const held = levels.filter((l) => l.user_id === id).map((l) => l.level);
    const facts = factsFrom(id, decl.get(id), accreditationsOf.get(id) ?? [], suit.get(id), prof.get(id), hit.get(id), held);
    if (purchaserRecords) {
      const rep = purchaserRecords.representatives.get(id);
      const disclosure = purchaserRecords.disclosures.get(id);
      const relationship = purchaserRecords.relationships.get(id);
      facts.relationship506b = { invited: relationship?.invited ?? false, memberBefore: relationship?.member_before ?? false };
      facts.purchaserRepresentative = rep ? { name: rep.name, acknowledgedAt: rep.acknowledged_at.toISOString() } : null;
      facts.disclosure502b = disclosure
        ? { deliveredAt: disclosure.delivered_at.toISOString(), acknowledgedAt: disclosure.acknowledged_at?.toISOString() ?? null, current: disclosure.package_sha256 === purchaserRecords.currentPackage }
        : null;
    }
    facts.issuerBadActorCertifiedAt = certification?.certified_at.toISOString() ?? null;
    if (badActorRecords) facts.badActorRecords = badActorRecords;
    facts.regCfEducationAcknowledgedAt = education?.get(id) ?? null;
    const accredited = isAccredited(facts, now);
    const counters = {
      limit: !accredited && (policy.investmentLimit.appliesTo === 'all' || deal.regimes.includes('reg_cf')),
      purchasers: !accredited && deal.regimes.includes('reg_d_506b'),
      country: countryCounted(deal, facts, accredited),
      regA: regATierOf(deal.regimes) !== null && boughtUnder(deal, facts) !== 'reg_s',
      regCfIssuer: deal.regimes.includes('reg_cf') && boughtUnder(deal, facts) !== 'reg_s',
    };
    out.set(id, { facts, counters, kycStatus: prof.get(id)?.kyc_status ?? null });
  }
  return out;
}

/**
 * Everything the rules read about one investor and one deal, inside the invest transaction.
 * Counters that a concurrent investment could change (the deal's non-accredited purchasers,
 * the investor's 12-month total) are read under a transaction-scoped lock, taken only when
 * the deal's rules will read them.
 */
export async function loadInvestorFacts(t: TenantTx, investorId: string, deal: DealTerms, policy: CompliancePolicy, now: Date): Promise<InvestorFacts> {
  const { facts, counters } = (await loadGroupFacts(t, [investorId], deal, policy, now)).get(investorId)!;
  if (counters.limit) {
    await lockFor(t, `investor:${investorId}`);
    const since = twelveMonthsBefore(now);
    // 227.100(a)(2) counts Reg CF purchases only; a tenant applying its limit to all offerings counts them all.
    const [rows, external] = await Promise.all([
      liveInvestmentsSince(t, investorId, since, policy.investmentLimit.appliesTo === 'all' ? 'all' : 'reg_cf'),
      externalRegCfInvestmentsOf(t, investorId, since),
    ]);
    facts.investments12m = rows.map((r) => ({ currency: r.currency, decimals: r.currency_decimals, amountMinor: r.amount }));
    facts.externalRegCf = external.map((e) => ({ amountUsdCents: e.amount, investedOn: e.invested_on.toISOString() }));
  }
  if (counters.regCfIssuer) {
    // 227.100(a)(1): the issuer and its affiliates share $5,000,000; a lock on each, in order.
    const group = deal.issuerId ? await issuerGroupOf(t, deal.issuerId) : [];
    for (const id of group) await lockFor(t, `issuer:${id}:reg_cf`);
    const sales = group.length ? await regCfSalesOf(t, group, twelveMonthsBefore(now)) : [];
    facts.regCfIssuerSoldUsdCents = usdSum(sales)?.toString() ?? null;
  }
  if (counters.regA) {
    // One lock per issuer: its sales under the tier share the 12-month maximum (230.251(a)).
    await lockFor(t, `issuer:${deal.issuerId ?? deal.id}:reg_a`);
    const tier = regATierOf(deal.regimes)!;
    const [sales, held] = await Promise.all([deal.issuerId ? issuerRegASales(t, deal.issuerId, tier, twelveMonthsBefore(now)) : Promise.resolve([]), investorInDeal(t, deal.id, investorId)]);
    facts.regA = { issuerSoldUsdCents: usdSum(sales)?.toString() ?? null, investorInOfferingUsdCents: usdSum(held)?.toString() ?? null };
  }
  if (counters.country) {
    await lockFor(t, `deal:${deal.id}:country:${counters.country}`);
    const n = await purchasersInCountry(t, deal.id, counters.country, investorId, deal.countryInvestorLimit!.nonAccreditedOnly);
    facts.countryPurchasers = { country: counters.country, ...n };
  }
  if (counters.purchasers) {
    // One lock per issuer: its 506(b) offerings share the 35 (230.152(b)(1)).
    await lockFor(t, deal.issuerId ? `issuer:${deal.issuerId}:506b` : `deal:${deal.id}:506b`);
    const n = await nonAccreditedPurchasers(t, deal, investorId, new Date(now.getTime() - INTEGRATION_DAYS_506B * 86_400_000));
    facts.dealNonAccreditedPurchasers = n.others;
    facts.alreadyNonAccreditedPurchaser = n.self;
    facts.nonAccreditedAdded = n.added;
  }
  return facts;
}
