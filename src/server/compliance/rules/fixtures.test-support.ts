import type { Accreditation, Attempt, CompliancePolicy, DealTerms, InvestorFacts } from './types';
import { policyOf } from '../policy';

// Builders for rule tests: a plain deal, an investor with nothing declared, default policy.

export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY).toISOString();

export const policy = (settings: Record<string, unknown> = {}): CompliancePolicy => policyOf({ settings: { compliance: settings } });

export const deal = (o: Partial<DealTerms> = {}): DealTerms => ({
  id: '00000000-0000-7000-8000-000000000001',
  issuerId: null,
  assetType: 'equity',
  currency: 'USD',
  currencyDecimals: 2,
  regimes: [],
  allowedCountries: null,
  blockedCountries: null,
  minimumVerificationLevel: null,
  minimumSuitabilityBand: null,
  regSCategory: null,
  reportingIssuer: false,
  countryInvestorLimit: null,
  ...o,
});

export const declaration = (o: Partial<NonNullable<InvestorFacts['declaration']>> = {}): NonNullable<InvestorFacts['declaration']> => ({
  residenceCountry: 'DE',
  residenceSubdivision: null,
  nationality: 'DE',
  isUsPerson: false,
  investorType: 'natural_person',
  annualIncomeUsdCents: null,
  jointAnnualIncomeUsdCents: null,
  netWorthUsdCents: null,
  ...o,
});

export const facts = (o: Partial<InvestorFacts> = {}): InvestorFacts => ({
  userId: '00000000-0000-7000-8000-000000000002',
  profileCountry: null,
  verificationLevel: 'none',
  kycApproved: false,
  declaration: null,
  accreditations: [],
  suitability: null,
  relationship506b: { invited: false, memberBefore: true },
  purchaserRepresentative: null,
  disclosure502b: null,
  investments12m: [],
  externalRegCf: [],
  dealNonAccreditedPurchasers: 0,
  alreadyNonAccreditedPurchaser: false,
  screening: { openHits: 0, confirmedHits: 0 },
  issuerBadActorCertifiedAt: daysAgo(30),
  regCfEducationAcknowledgedAt: daysAgo(30),
  countryPurchasers: null,
  regA: null,
  regCfIssuerSoldUsdCents: '0',
  ...o,
});

export const accreditation = (o: Partial<Accreditation> = {}): Accreditation => ({
  id: '00000000-0000-7000-8000-000000000003',
  method: 'letter_from_professional',
  verifiedAt: daysAgo(10),
  expiresAt: null,
  dealId: null,
  priorVerifiedAt: null,
  category: null,
  documentDate: daysAgo(10),
  ...o,
});

/** Whole dollars as an attempt in USD cents. */
export const usdAttempt = (dollars: number | bigint, currency = 'USD', decimals = 2, orderCountry: string | null = null): Attempt => ({ amountMinor: (BigInt(dollars) * 10n ** BigInt(decimals)).toString(), currency, decimals, orderCountry });
