import { sql, type Transaction } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { Database } from '../db/types';

export async function insertTenant(
  tx: Transaction<Database>,
  t: { id: string; name: string; slug: string; domain: string | null; settings: object; features: object; theme: object; kycProvider: 'manual' | 'sumsub' | 'shuftipro'; chains?: number[] },
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
      blockchain_settings: JSON.stringify({ chains: t.chains ?? [] }),
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

// ---------------------------------------------------------------- demo history (seed only)
// The demo seed creates everything through the services, which stamp "now"; these move the
// stamps back so the demo shows 90 days of history. Used by demo-history.ts only.

export async function backdateDeal(t: TenantTx, dealId: string, at: { created: Date; submitted: Date | null; approved: Date | null; starts: Date | null; ends: Date | null; updated: Date }) {
  await t.tx
    .updateTable('deals')
    .set({
      created_at: at.created,
      submitted_at: at.submitted ?? undefined,
      approved_at: at.approved ?? undefined,
      starts_at: at.starts ?? undefined,
      ends_at: at.ends ?? undefined,
      updated_at: at.updated,
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .execute();
}

/**
 * The review history is append-only for the application role; the seed dates its steps through
 * the owner's audited platform path instead (the policy still applies: the tenant is set).
 */
export async function backdateReviewSteps(tx: Transaction<Database>, tenantId: string, dealId: string, at: { submitted: Date | null; approved: Date | null }) {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
  for (const [action, when] of [['submit', at.submitted], ['approve', at.approved]] as const)
    if (when) await tx.updateTable('deal_review_events').set({ created_at: when }).where('tenant_id', '=', tenantId).where('deal_id', '=', dealId).where('action', '=', action).execute();
}

export async function investmentsOfDeal(t: TenantTx, dealId: string) {
  return t.tx.selectFrom('investments').select(['id', 'status']).where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).orderBy('created_at').orderBy('id').execute();
}

/** The investment was made at `made` and settled (confirmed, refunded) at `settled`. */
export async function backdateInvestment(t: TenantTx, id: string, made: Date, settled: Date) {
  await t.tx
    .updateTable('investments')
    .set({ created_at: made, updated_at: settled, confirmed_at: sql<Date>`case when confirmed_at is null then null else ${settled}::timestamptz end` })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
  await t.tx
    .updateTable('investment_events')
    .set({ created_at: sql<Date>`case when to_status in ('confirmed', 'refunded', 'cancelled') then ${settled}::timestamptz else ${made}::timestamptz end` })
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', '=', id)
    .execute();
}

/** KYC documents are immutable for the application role: dated through the owner's audited path. */
export async function backdateKycApplication(tx: Transaction<Database>, tenantId: string, id: string, submitted: Date, decided: Date | null) {
  await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
  await tx
    .updateTable('kyc_applications')
    .set({ created_at: submitted, updated_at: decided ?? submitted, reviewed_at: decided ?? undefined })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
  await tx.updateTable('kyc_documents').set({ uploaded_at: submitted }).where('tenant_id', '=', tenantId).where('application_id', '=', id).execute();
}

/** Demo seed: the demo investors have no KYC provider to ask locally; they count as approved. */
export async function markDemoKycApproved(t: TenantTx, userId: string): Promise<void> {
  await t.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
}

export async function escrowIdOfInvestment(t: TenantTx, investmentId: string): Promise<string | undefined> {
  return (await t.tx.selectFrom('escrow_investments').select('id').where('tenant_id', '=', t.tenantId).where('investment_id', '=', investmentId).executeTakeFirst())?.id;
}
