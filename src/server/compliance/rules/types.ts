import type { AccreditationMethod, AssetType, VerificationLevel } from '../../db/types';

// What every rule reads. Plain JSON (amounts as decimal strings of minor units, times as
// ISO strings) so the whole context is stored with each check and a decision can be re-run.

export type Regime = 'reg_d_506b' | 'reg_d_506c' | 'reg_s' | 'reg_cf' | 'reg_a_tier1' | 'reg_a_tier2';

export type Accreditation = {
  id: string;
  method: AccreditationMethod;
  verifiedAt: string;
  expiresAt: string | null;
  /** For representations: the deal it was made for, when the investor named one. */
  dealId: string | null;
  /** For documents and letters: the date of the documents or of the letter, from which the 506(c) window runs. */
  documentDate: string | null;
  /** For a re-verification statement (230.506(c)(2)(ii)(E)): when the verification it relies on was made. */
  priorVerifiedAt: string | null;
  /** The 501(a) category the evidence shows (income, net_worth, professional_certification...), when recorded. */
  category: string | null;
};

export type InvestorFacts = {
  userId: string;
  /** profiles.country: what the investor gave at sign-up, used when nothing was declared. */
  profileCountry: string | null;
  /**
   * The investor's verification level apart from accreditation (KYC, enhanced due diligence):
   * 'accredited' is never taken from the profile but derived from current accreditation
   * records at the time of each decision (isAccredited).
   */
  verificationLevel: VerificationLevel;
  /** KYC approved: the declared residence counts as verified. */
  kycApproved: boolean;
  declaration: {
    residenceCountry: string;
    residenceSubdivision: string | null;
    nationality: string;
    isUsPerson: boolean;
    investorType: 'natural_person' | 'entity';
    annualIncomeUsdCents: string | null;
    /** 501(a)(6): income jointly with a spouse or spousal equivalent. */
    jointAnnualIncomeUsdCents: string | null;
    netWorthUsdCents: string | null;
  } | null;
  /**
   * Reg CF purchases through other intermediaries as the investor stated them, with their day
   * (227.303(b)(1)); the limit counts those of the 12 months before the sale (227.100(a)(2)).
   */
  externalRegCf: { amountUsdCents: string; investedOn: string }[];
  /** Approved accreditation verifications, newest first. */
  accreditations: Accreditation[];
  /** knowledgeExperiencePoints: the latest questionnaire's knowledge-and-experience answers alone (230.506(b)(2)(ii)). */
  suitability: { band: string; score: number; knowledgeExperiencePoints: number; assessedAt: string } | null;
  /**
   * 506(b) deals: the investor's pre-existing substantive relationship (230.502(c)): invited to
   * the deal, or a KYC-verified member who joined before the offering opened. Null elsewhere.
   */
  relationship506b: { invited: boolean; memberBefore: boolean } | null;
  /** 506(b) deals: the purchaser representative (230.501(i)) the investor named for this deal and acknowledged. */
  purchaserRepresentative: { name: string; acknowledgedAt: string } | null;
  /** 506(b) deals: the Rule 502(b) disclosure as delivered to this investor; current is false once the issuer changed the documents since. */
  disclosure502b: { deliveredAt: string; acknowledgedAt: string | null; current: boolean } | null;
  /** The investor's live investments in this tenant's Reg CF offerings over the last 12 months (all offerings when the tenant applies the limit to all), per currency. */
  investments12m: { currency: string; decimals: number; amountMinor: string }[];
  /** Other investors counted as non-accredited purchasers in this deal and the issuer's other 506(b) offerings of the last 90 days (230.506(b)(2)(i), 230.152(b)(1)). */
  dealNonAccreditedPurchasers: number;
  /** This investor already holds a live investment in the deal as a non-accredited purchaser (or counts as one with a purchaser who does, 230.501(e)). */
  alreadyNonAccreditedPurchaser: boolean;
  /** Purchasers this sale adds to the count under 230.501(e): 1, more for an entity formed to invest (each non-accredited owner), 0 when already counted; 1 when not loaded. */
  nonAccreditedAdded?: number;
  /**
   * Regulation A deals: what the issuer sold under the deal's tier in the 12 months before the sale
   * (230.251(a)), and what this investor holds in this offering (230.251(d)(2)(i)(C)), in U.S.
   * cents; null when not loaded or not convertible.
   */
  regA: { issuerSoldUsdCents: string | null; investorInOfferingUsdCents: string | null } | null;
  /** Reg CF deals: what the issuer and its affiliates sold under Reg CF in the 12 months before the sale (227.100(a)(1)), U.S. cents; null when not loaded or not convertible. */
  regCfIssuerSoldUsdCents: string | null;
  /** Deals with a per-country investor limit: the other investors already counted in the investor's country, and whether the investor is one of them. */
  countryPurchasers: { country: string; others: number; self: boolean } | null;
  /** When the investor acknowledged the current Reg CF educational materials (227.303(b)(2)); null when not (or not loaded). */
  regCfEducationAcknowledgedAt: string | null;
  /** When the deal's issuer last certified it has no bad actors (230.506(d), 227.503); null when never or not loaded. */
  issuerBadActorCertifiedAt: string | null;
  /**
   * The issuer's covered persons on record (230.506(d)(1)): their disqualifying events on or after
   * 23 September 2013 not waived, whether events before it went undisclosed by the certification
   * (506(e)), and the persons the latest certification did not cover. Absent: none recorded.
   */
  badActorRecords?: {
    disqualifying: { name: string; role: string; eventType: string; eventDate: string }[];
    undisclosedPriorEvents: boolean;
    notCertified: string[];
  };
  /** Sanctions / PEP screening hits waiting for review and confirmed by a reviewer. */
  screening: { openHits: number; confirmedHits: number };
};

export type DealTerms = {
  id: string;
  /** The issuer: Rule 506(b)'s 35 count across its 506(b) offerings within 90 days (230.152(b)(1)). Null when not known. */
  issuerId: string | null;
  assetType: AssetType;
  currency: string;
  currencyDecimals: number;
  regimes: Regime[];
  allowedCountries: string[] | null;
  blockedCountries: string[] | null;
  minimumVerificationLevel: VerificationLevel | null;
  minimumSuitabilityBand: string | null;
  /** Regulation S category (230.903(b)); deals stored without one count as category 3, the strictest. */
  regSCategory: 1 | 2 | 3 | null;
  reportingIssuer: boolean;
  /** Investors per country of residence the deal admits (set per deal). */
  countryInvestorLimit: { max: number; countries: string[] | null; nonAccreditedOnly: boolean; basis: string | null } | null;
};

/** orderCountry: where the investor says they are as they place the order (Regulation S offshore transaction, 230.903(a)(1)); null when not given. */
export type Attempt = { amountMinor: string; currency: string; decimals: number; orderCountry: string | null };

export type CompliancePolicy = {
  allowedCountries: string[] | null;
  blockedCountries: string[];
  accreditationWindowDays: number;
  investmentLimit: {
    appliesTo: 'reg_cf' | 'all';
    floorUsdCents: string;
    thresholdUsdCents: string;
    lowerPercent: number;
    upperPercent: number;
    capUsdCents: string;
  };
  suitability: { bands: { band: string; minScore: number }[]; minimumBand: string; minimumKnowledgeExperiencePoints: number };
  verificationLevels: ActionLevels;
  /** The tenant's feature `accreditationRequired`: every investment needs a current accreditation. Absent in checks stored before engine 1.8.0. */
  accreditationRequired?: boolean;
};

/** The tenant's verification level per action (settings.compliance.verificationLevels). */
export type ActionLevels = {
  browse: VerificationLevel;
  invest: VerificationLevel;
  /** Investments strictly above an amount (minor units, per currency) need this level. */
  investAbove: { level: VerificationLevel; amounts: Record<string, string> } | null;
  trade: VerificationLevel;
};

export type RuleOutcome = 'pass' | 'fail' | 'not_applicable';

export type RuleResult = {
  rule: string;
  outcome: RuleOutcome;
  /** Stable code: compliance_<rule>_<why> on failure, a short word otherwise. */
  code: string;
  reason: string;
  inputs: Record<string, unknown>;
};

export type Rule = (facts: InvestorFacts, deal: DealTerms, attempt: Attempt, policy: CompliancePolicy, now: Date) => RuleResult;
