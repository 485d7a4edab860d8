import { z } from 'zod';
import { FeatureDisabled } from '../errors';

// The spec's per-tenant feature categories, with the defaults a new tenant gets.
export const tenantFeaturesSchema = z.object({
  escrow: z.boolean().default(true),
  p2pTrading: z.boolean().default(false),
  secondaryMarket: z.boolean().default(false),
  investmentGroups: z.boolean().default(true),
  assetTokenization: z.boolean().default(false),
  socialFeatures: z.boolean().default(false),
  kycRequired: z.boolean().default(true),
  accreditationRequired: z.boolean().default(false),
  gasSponsorship: z.boolean().default(false),
  multiToken: z.boolean().default(false),
  /** Staking pools (issue 19): a yield product, so off until the tenant has decided it may offer one. */
  staking: z.boolean().default(false),
  /** Lending pools (issue 19): a credit product and a compliance question, so off until the tenant has decided it may offer one. */
  lending: z.boolean().default(false),
  /** Referral links, attribution and rewards (issue 20): on unless the tenant turns it off. */
  referrals: z.boolean().default(true),
});

export type TenantFeatures = z.infer<typeof tenantFeaturesSchema>;
export type FeatureName = keyof TenantFeatures;
export const FEATURE_NAMES = Object.keys(tenantFeaturesSchema.shape) as FeatureName[];

/** tenants.features (jsonb) overlaid by tenant_features rows; unknown keys are ignored. */
export function resolveFeatures(base: unknown, overrides: { feature: string; enabled: boolean }[]): TenantFeatures {
  const merged: Record<string, unknown> = typeof base === 'object' && base !== null ? { ...base } : {};
  for (const o of overrides) if ((FEATURE_NAMES as string[]).includes(o.feature)) merged[o.feature] = o.enabled;
  const parsed = tenantFeaturesSchema.safeParse(merged);
  // A malformed stored value falls back to defaults rather than taking the tenant down.
  return parsed.success ? parsed.data : tenantFeaturesSchema.parse({});
}

/** What each switchable feature is called where a refusal or a page names it (plural: "… are turned off"). */
export const FEATURE_LABELS: Record<FeatureName, string> = {
  escrow: 'Escrowed investments',
  p2pTrading: 'Peer-to-peer trades',
  secondaryMarket: 'Secondary market trades',
  investmentGroups: 'Investment groups',
  assetTokenization: 'Tokenized assets',
  socialFeatures: 'Social features',
  kycRequired: 'Identity checks',
  accreditationRequired: 'Accreditation checks',
  gasSponsorship: 'Sponsored transactions',
  multiToken: 'Multiple payment tokens',
  staking: 'Staking pools',
  lending: 'Lending pools',
  referrals: 'Referrals',
};

/**
 * The one rule for a feature a tenant has switched off: it does not exist for that community.
 * The API answers 403 `feature_disabled` naming it (route({ feature }) or a service calls this);
 * pages check `tenant.features` and say it is not available.
 */
export function requireFeature(tenant: { features: TenantFeatures }, feature: FeatureName): void {
  if (!tenant.features[feature]) throw new FeatureDisabled(feature, FEATURE_LABELS[feature]);
}
