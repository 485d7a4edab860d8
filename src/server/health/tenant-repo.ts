import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';

/** Operational figures of one tenant for its administrators. */
export async function tenantFigures(t: TenantTx) {
  const r = await sql<{ users: string; active_sessions: string; pending_mail: string; oldest_pending_mail_s: number | null; audit_last_hour: string }>`
    select
      (select count(*) from users where tenant_id = ${t.tenantId}) as users,
      (select count(*) from sessions where tenant_id = ${t.tenantId} and revoked_at is null and expires_at > now() and not mfa_pending) as active_sessions,
      (select count(*) from email_outbox where tenant_id = ${t.tenantId} and status = 'pending') as pending_mail,
      (select extract(epoch from now() - min(created_at))::float8 from email_outbox where tenant_id = ${t.tenantId} and status = 'pending') as oldest_pending_mail_s,
      (select count(*) from audit_logs where tenant_id = ${t.tenantId} and created_at > now() - interval '1 hour') as audit_last_hour`.execute(t.tx);
  return r.rows[0]!;
}
