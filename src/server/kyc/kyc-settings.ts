import { z } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { withTenant, type TenantTx } from '../db/tenant';
import type { KycProviderName } from '../db/types';
import { AppError } from '../errors';
import { lockTenantSettingsRow } from '../tenancy/repo';
import { invalidateTenantCache, type TenantContext } from '../tenancy/resolve';
import { settingsSection, type SettingsObject } from '../tenancy/settings-section';
import { sumsubEnhancedLevelName, sumsubLevelName } from './investor';
import { providerFor, ProviderNotConfigured } from './providers';
import { listConfiguredProviders, writeTenantKycSettings } from './repo';

// Which KYC provider the tenant uses and which Sumsub levels it starts verifications with
// (settings.kyc). Applications keep the provider they were started with (kyc_applications.provider),
// and webhooks are routed by the provider in their URL, so a switch only affects new applications.

const KYC_PROVIDERS = ['manual', 'sumsub', 'shuftipro'] as const;
const levelName = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(100, `${field} must be at most 100 characters`)
    .regex(/^[A-Za-z0-9 ._-]+$/, `${field} may contain only letters, digits, spaces, dash, underscore and dot`);

export const kycSettingsPatch = z
  .strictObject({
    provider: z.enum(KYC_PROVIDERS, { error: 'provider must be manual, sumsub or shuftipro' }).optional(),
    /** The Sumsub level for standard verification (default basic-kyc-level). */
    sumsubLevelName: levelName('sumsubLevelName').optional(),
    /** The Sumsub level for enhanced verification; null clears it (enhanced with Sumsub is then refused). */
    sumsubEnhancedLevelName: levelName('sumsubEnhancedLevelName').nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one of provider, sumsubLevelName, sumsubEnhancedLevelName' });
export type KycSettingsPatch = z.infer<typeof kycSettingsPatch>;

export type ProviderAvailability = { provider: KycProviderName; configured: boolean; source: 'tenant' | 'platform' | null };

const providerAvailability = z.object({ provider: z.enum(KYC_PROVIDERS), configured: z.boolean(), source: z.enum(['tenant', 'platform']).nullable() });
export const kycSettingsResponse = z.object({
  provider: z.enum(KYC_PROVIDERS),
  sumsubLevelName: z.string(),
  sumsubEnhancedLevelName: z.string().nullable(),
  providers: z.array(providerAvailability),
});

export class KycProviderUnconfigured extends AppError {
  constructor(provider: KycProviderName) {
    super(409, 'kyc_provider_not_configured', `${provider} has no credentials: store the tenant's own with PUT /api/admin/kyc-credentials/${provider} or ask the platform operator to configure it`, { provider });
  }
}


function levelsOf(settings: SettingsObject) {
  return { sumsubLevelName: sumsubLevelName({ settings }), sumsubEnhancedLevelName: sumsubEnhancedLevelName({ settings }) };
}

/**
 * Manual review is built in. A credentialed provider counts as configured when the tenant
 * stored its own account, else when the platform's environment has one; with no tenant row
 * providerFor reads only the environment (nothing is decrypted) and applies the same test
 * that starting a verification does.
 */
async function availability(t: TenantTx, config: Config): Promise<ProviderAvailability[]> {
  const own = new Set((await listConfiguredProviders(t)).map((r) => r.provider));
  const result: ProviderAvailability[] = [{ provider: 'manual', configured: true, source: 'platform' }];
  for (const provider of ['sumsub', 'shuftipro'] as const) {
    if (own.has(provider)) {
      result.push({ provider, configured: true, source: 'tenant' });
      continue;
    }
    const configured = await providerFor(t, config, provider).then(
      () => true,
      (e: unknown) => {
        if (e instanceof ProviderNotConfigured) return false;
        throw e;
      },
    );
    result.push({ provider, configured, source: configured ? 'platform' : null });
  }
  return result;
}

/** GET /api/admin/kyc-settings: the provider, effective Sumsub levels and which providers can be chosen. */
export async function kycSettingsView(tenant: TenantContext, admin: Principal, config: Config) {
  const providers = await withTenant(tenant.id, { userId: admin.userId }, (t) => availability(t, config));
  return { provider: tenant.kycProvider, ...levelsOf(tenant.settings), providers };
}

/**
 * PATCH /api/admin/kyc-settings: switches the provider (only to one with credentials) and sets the
 * Sumsub level names, under the tenant row lock; audited and live on every host at once.
 */
export async function updateKycSettings(tenant: TenantContext, admin: Principal, config: Config, patch: KycSettingsPatch, meta: RequestMeta) {
  const result = await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const current = await lockTenantSettingsRow(t);
    const providers = await availability(t, config);
    const provider = patch.provider ?? current.kycProvider;
    if (provider !== current.kycProvider && !providers.find((p) => p.provider === provider)?.configured) throw new KycProviderUnconfigured(provider);

    const kyc: SettingsObject = { ...settingsSection(current.settings, 'kyc') };
    if (patch.sumsubLevelName !== undefined) kyc.sumsubLevelName = patch.sumsubLevelName;
    if (patch.sumsubEnhancedLevelName === null) delete kyc.sumsubEnhancedLevelName;
    else if (patch.sumsubEnhancedLevelName !== undefined) kyc.sumsubEnhancedLevelName = patch.sumsubEnhancedLevelName;
    await writeTenantKycSettings(t, provider, kyc);

    const before = { provider: current.kycProvider, ...levelsOf(current.settings) };
    const after = { provider, ...levelsOf({ kyc }) };
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'kyc.settings_updated', targetType: 'tenant', targetId: tenant.id, metadata: { fields: Object.keys(patch), before, after } }, meta);
    return { ...after, providers };
  });
  invalidateTenantCache(tenant.id);
  return result;
}
