import { z } from 'zod';

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
  /** Lending pools (issue 19): lending is a compliance question, so off until the tenant has decided it may offer it. */
  lending: z.boolean().default(false),
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
