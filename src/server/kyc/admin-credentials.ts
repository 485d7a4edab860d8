import { z } from 'zod';
import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import { ValidationError } from '../errors';
import { fieldErrors } from '../http/validation';
import type { TenantContext } from '../tenancy/resolve';
import { shuftiSecretsInput, storeTenantCredentials, sumsubSecretsInput } from './credentials';
import { listConfiguredProviders } from './repo';

export const credentialsProviderParams = z.object({ provider: z.enum(['sumsub', 'shuftipro'], { error: 'provider must be sumsub or shuftipro' }) });

/** Which providers the tenant brought its own account for; never the secrets themselves. */
export async function configuredKycProviders(tenant: TenantContext, admin: Principal) {
  const rows = await withTenant(tenant.id, { userId: admin.userId }, listConfiguredProviders);
  return { activeProvider: tenant.kycProvider, ownCredentials: rows.map((r) => ({ provider: r.provider, updatedAt: r.updated_at.toISOString() })) };
}

/** Stores the tenant's own provider credentials, sealed; the audit entry names the provider only. */
export async function storeKycCredentials(tenant: TenantContext, admin: Principal, config: Config, provider: 'sumsub' | 'shuftipro', secrets: unknown, meta: RequestMeta) {
  const schema = provider === 'sumsub' ? sumsubSecretsInput : shuftiSecretsInput;
  const parsed = schema.safeParse(secrets);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    await storeTenantCredentials(t, config, provider, parsed.data);
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'kyc.credentials_stored', targetType: 'kyc_provider', targetId: provider }, meta);
  });
  return { success: true, provider };
}
