import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/types';

type Tx = Transaction<Database>;

// ---------------------------------------------------------------- platform admins and sessions

export async function findAdminByEmail(tx: Tx, email: string) {
  return tx.selectFrom('platform_admins').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findAdminById(tx: Tx, id: string) {
  return tx.selectFrom('platform_admins').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAdmin(tx: Tx, a: { id: string; email: string; name: string; passwordHash: string; mfaSecret: string }): Promise<boolean> {
  const r = await tx
    .insertInto('platform_admins')
    .values({ id: a.id, email: a.email, name: a.name, password_hash: a.passwordHash, mfa_secret: a.mfaSecret })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Records the TOTP step just used; false when it (or a later one) was used before: a replay. */
export async function advanceAdminMfaStep(tx: Tx, adminId: string, step: number): Promise<boolean> {
  const r = await tx
    .updateTable('platform_admins')
    .set({ mfa_last_step: step })
    .where('id', '=', adminId)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertConsoleSession(
  tx: Tx,
  s: { id: string; adminId: string; tokenHash: string; mfaPending: boolean; ip: string | null; userAgent: string | null; expiresAt: Date; absoluteExpiresAt: Date },
): Promise<void> {
  await tx
    .insertInto('platform_sessions')
    .values({ id: s.id, admin_id: s.adminId, token_hash: s.tokenHash, mfa_pending: s.mfaPending, ip: s.ip, user_agent: s.userAgent, expires_at: s.expiresAt, absolute_expires_at: s.absoluteExpiresAt })
    .execute();
}

/** A live session by its token's hash, with its admin. */
export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  return tx
    .selectFrom('platform_sessions as s')
    .innerJoin('platform_admins as a', 'a.id', 's.admin_id')
    .select(['s.id', 's.admin_id', 's.mfa_pending', 's.expires_at', 's.absolute_expires_at', 'a.email', 'a.name', 'a.status'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.absolute_expires_at', '>', now)
    .executeTakeFirst();
}

export async function extendSession(tx: Tx, id: string, expiresAt: Date): Promise<void> {
  await tx.updateTable('platform_sessions').set({ expires_at: expiresAt, last_seen_at: new Date() }).where('id', '=', id).execute();
}

export async function revokeConsoleSession(tx: Tx, id: string): Promise<void> {
  await tx.updateTable('platform_sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

// ---------------------------------------------------------------- the tenants overview

export async function listTenantRows(tx: Tx) {
  return tx.selectFrom('tenants').select(['id', 'name', 'slug', 'domain', 'status', 'suspended_reason', 'settings', 'features', 'created_at']).orderBy('created_at').orderBy('id').execute();
}

export async function findTenantRow(tx: Tx, id: string) {
  return tx.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Per tenant: members, deals (all, and open for investment) and money raised (confirmed
 * investments per currency, minor units as text).
 */
export async function tenantCounts(tx: Tx, tenantIds: string[]) {
  if (!tenantIds.length) return { users: [], deals: [], raised: [] };
  const [users, deals, raised] = await Promise.all([
    sql<{ tenant_id: string; n: string }>`select tenant_id, count(*)::text as n from users where tenant_id = any(${tenantIds}::uuid[]) group by tenant_id`.execute(tx),
    sql<{ tenant_id: string; n: string; open: string }>`select tenant_id, count(*)::text as n, count(*) filter (where status in ('active', 'funded'))::text as open from deals where tenant_id = any(${tenantIds}::uuid[]) group by tenant_id`.execute(tx),
    sql<{ tenant_id: string; currency: string; decimals: number; amount: string }>`select tenant_id, currency, currency_decimals as decimals, sum(confirmed_amount)::text as amount from deals where tenant_id = any(${tenantIds}::uuid[]) group by tenant_id, currency, currency_decimals`.execute(tx),
  ]);
  return { users: users.rows, deals: deals.rows, raised: raised.rows };
}

/** The tenant's feature switches (tenant_features rows over tenants.features). */
export async function featureOverridesOf(tx: Tx, tenantId: string) {
  return tx.selectFrom('tenant_features').select(['feature', 'enabled']).where('tenant_id', '=', tenantId).execute();
}

/** Health of one tenant: its queued mail and webhooks, chain transactions not yet confirmed. */
export async function tenantHealth(tx: Tx, tenantId: string) {
  const mail = await sql<{ pending: string; failed: string; oldest: Date | null }>`
    select count(*) filter (where status = 'pending')::text as pending, count(*) filter (where status = 'failed')::text as failed,
           min(created_at) filter (where status = 'pending') as oldest
      from email_outbox where tenant_id = ${tenantId}`.execute(tx);
  const chainTx = await sql<{ state: string; n: string }>`select status as state, count(*)::text as n from chain_transactions where tenant_id = ${tenantId} group by status`.execute(tx);
  return { mail: mail.rows[0]!, chainTx: chainTx.rows };
}

/** The indexer's cursor per chain (platform-wide: one indexer per chain serves every tenant). */
export async function chainCursors(tx: Tx) {
  return tx.selectFrom('chain_cursors').selectAll().execute();
}

// ---------------------------------------------------------------- the console's audit trail

export async function listPlatformAudit(tx: Tx, f: { limit: number; tenantId?: string; before?: Date }) {
  let q = tx
    .selectFrom('platform_audit_logs as l')
    .leftJoin('platform_admins as a', 'a.id', 'l.admin_id')
    .leftJoin('tenants as t', 't.id', 'l.target_tenant_id')
    .select(['l.id', 'l.action', 'l.admin_id', 'a.email as admin_email', 'l.target_tenant_id', 't.slug as tenant_slug', 'l.target', 'l.metadata', 'l.ip', 'l.created_at'])
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(f.limit);
  if (f.tenantId) q = q.where('l.target_tenant_id', '=', f.tenantId);
  if (f.before) q = q.where('l.created_at', '<', f.before);
  return q.execute();
}
