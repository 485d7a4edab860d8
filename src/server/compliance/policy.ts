import { AppError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import type { CompliancePolicy, DealTerms, Regime } from './rules/types';
import { compliancePolicySettings, storedDealCompliance, type CompliancePolicySettings } from './schema';
import type { AssetType, VerificationLevel } from '../db/types';

/** tenant.settings.compliance with defaults; a malformed setting is a configuration bug (500), never silently ignored. */
export function policySettingsOf(tenant: Pick<TenantContext, 'settings'>): CompliancePolicySettings {
  const r = compliancePolicySettings.safeParse(tenant.settings.compliance ?? {});
  if (!r.success) throw new AppError(500, 'compliance_policy_invalid', `The tenant's compliance settings are invalid: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

export function policyOf(tenant: Pick<TenantContext, 'settings'> & { features?: Pick<TenantContext['features'], 'accreditationRequired'> }): CompliancePolicy {
  const s = policySettingsOf(tenant);
  return {
    accreditationRequired: tenant.features?.accreditationRequired ?? false,
    allowedCountries: s.allowedCountries,
    blockedCountries: s.blockedCountries,
    accreditationWindowDays: s.accreditationWindowDays,
    investmentLimit: s.investmentLimit,
    suitability: { bands: s.suitability.bands, minimumBand: s.suitability.minimumBand, minimumKnowledgeExperiencePoints: s.suitability.minimumKnowledgeExperiencePoints },
    verificationLevels: s.verificationLevels,
  };
}

type DealLike = { id: string; issuer_id?: string; asset_type: AssetType; currency: string; currency_decimals: number; compliance: unknown };

export function dealTermsOf(deal: DealLike): DealTerms {
  const c = storedDealCompliance.parse(deal.compliance ?? {});
  return {
    id: deal.id,
    issuerId: deal.issuer_id ?? null,
    assetType: deal.asset_type,
    currency: deal.currency,
    currencyDecimals: deal.currency_decimals,
    regimes: c.regimes as Regime[],
    allowedCountries: c.allowedCountries ?? null,
    blockedCountries: c.blockedCountries ?? null,
    minimumVerificationLevel: (c.minimumVerificationLevel ?? null) as VerificationLevel | null,
    minimumSuitabilityBand: c.minimumSuitabilityBand ?? null,
    regSCategory: c.regimes.includes('reg_s') ? (c.regSCategory ?? 3) : null,
    reportingIssuer: c.reportingIssuer ?? false,
    countryInvestorLimit: c.countryInvestorLimit ? { max: c.countryInvestorLimit.max, countries: c.countryInvestorLimit.countries, nonAccreditedOnly: c.countryInvestorLimit.nonAccreditedOnly, basis: c.countryInvestorLimit.basis ?? null } : null,
  };
}
