import type { Transaction } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { Database, KycProviderName, Tenant } from '../db/types';

/** Platform read, before a tenant is known: the tenant at <slug>.<platform base domain>. */
export async function findTenantBySlug(tx: Transaction<Database>, slug: string): Promise<Tenant | undefined> {
  return tx.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Platform read, before a tenant is known: the tenant whose primary domain or alias is host. */
export async function findTenantByCustomHost(tx: Transaction<Database>, host: string): Promise<Tenant | undefined> {
  const byDomain = await tx.selectFrom('tenants').selectAll().where('domain', '=', host).executeTakeFirst();
  if (byDomain) return byDomain;
  return tx
    .selectFrom('domain_aliases')
    .innerJoin('tenants', 'tenants.id', 'domain_aliases.tenant_id')
    .selectAll('tenants')
    .where('domain_aliases.domain', '=', host)
    .executeTakeFirst();
}

export async function findTenantById(tx: Transaction<Database>, id: string): Promise<Tenant | undefined> {
  return tx.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listFeatureOverrides(t: TenantTx): Promise<{ feature: string; enabled: boolean }[]> {
  return t.tx.selectFrom('tenant_features').select(['feature', 'enabled']).where('tenant_id', '=', t.tenantId).execute();
}

export async function upsertFeature(t: TenantTx, feature: string, enabled: boolean): Promise<void> {
  await t.tx
    .insertInto('tenant_features')
    .values({ tenant_id: t.tenantId, feature, enabled })
    .onConflict((oc) => oc.columns(['tenant_id', 'feature']).doUpdateSet({ enabled, updated_at: new Date() }))
    .execute();
}

export async function listAliases(t: TenantTx): Promise<{ id: string; domain: string }[]> {
  return t.tx.selectFrom('domain_aliases').select(['id', 'domain']).where('tenant_id', '=', t.tenantId).orderBy('domain').execute();
}

export async function updateBranding(
  t: TenantTx,
  patch: { name?: string; theme_settings?: string },
): Promise<void> {
  await t.tx.updateTable('tenants').set({ ...patch, updated_at: new Date() }).where('id', '=', t.tenantId).execute();
}

/** The current tenant's settings (and KYC provider), row locked so a concurrent settings change merges onto this one's result. */
export async function lockTenantSettingsRow(t: TenantTx): Promise<{ settings: Record<string, unknown>; kycProvider: KycProviderName }> {
  const r = await t.tx.selectFrom('tenants').select(['settings', 'kyc_provider']).where('id', '=', t.tenantId).forUpdate().executeTakeFirstOrThrow();
  return { settings: (r.settings ?? {}) as Record<string, unknown>, kycProvider: r.kyc_provider };
}
