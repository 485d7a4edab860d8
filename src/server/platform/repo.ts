import type { Transaction } from 'kysely';
import type { Database } from '../db/types';

export async function insertTenant(
  tx: Transaction<Database>,
  t: { id: string; name: string; slug: string; domain: string | null; settings: object; features: object; theme: object; kycProvider: 'manual' | 'sumsub' | 'shuftipro' },
): Promise<void> {
  await tx
    .insertInto('tenants')
    .values({
      id: t.id,
      name: t.name,
      slug: t.slug,
      domain: t.domain,
      settings: JSON.stringify(t.settings),
      features: JSON.stringify(t.features),
      theme_settings: JSON.stringify(t.theme),
      kyc_provider: t.kycProvider,
      blockchain_settings: JSON.stringify({}),
    })
    .execute();
}

export async function tenantSlugTaken(tx: Transaction<Database>, slug: string, domain: string | null): Promise<boolean> {
  let q = tx.selectFrom('tenants').select('id').where('slug', '=', slug);
  if (domain) q = tx.selectFrom('tenants').select('id').where((eb) => eb.or([eb('slug', '=', slug), eb('domain', '=', domain)]));
  return !!(await q.executeTakeFirst());
}

export async function setTenantStatus(tx: Transaction<Database>, id: string, status: 'active' | 'suspended', reason: string | null): Promise<number> {
  const r = await tx.updateTable('tenants').set({ status, suspended_reason: reason, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertAlias(tx: Transaction<Database>, a: { tenantId: string; id: string; domain: string }): Promise<void> {
  await tx.insertInto('domain_aliases').values({ tenant_id: a.tenantId, id: a.id, domain: a.domain }).execute();
}

export async function findTenantBySlug(tx: Transaction<Database>, slug: string) {
  return tx.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}
