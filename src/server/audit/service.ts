import { withTenant, type TenantTx } from '../db/tenant';
import { insertActivity, insertAudit, insertAudits, listAudit, type AuditEntry, type AuditFilter, type RequestMeta } from './repo';

export type { AuditEntry, AuditFilter, RequestMeta };

/** Inside a use case's transaction: the audit row commits or rolls back with the change. */
export function audit(t: TenantTx, entry: AuditEntry, meta: RequestMeta): Promise<void> {
  return insertAudit(t, entry, meta);
}

/** Several entries in one statement, each committing or rolling back with the transaction. */
export function auditMany(t: TenantTx, entries: { entry: AuditEntry; meta: RequestMeta }[]): Promise<void> {
  return insertAudits(t, entries);
}

export function activity(
  t: TenantTx,
  entry: { userId: string | null; action: string; entityType?: string; entityId?: string; metadata?: Record<string, unknown> },
  meta: RequestMeta,
): Promise<void> {
  return insertActivity(t, entry, meta);
}

/** Outside any use case: denied attempts must be recorded even though the request fails. */
export function auditStandalone(tenantId: string, entry: AuditEntry, meta: RequestMeta): Promise<void> {
  return withTenant(tenantId, { userId: entry.actorId }, (t) => insertAudit(t, entry, meta));
}

export function listAuditLog(tenantId: string, actorId: string, opts: AuditFilter) {
  return withTenant(tenantId, { userId: actorId }, (t) => listAudit(t, opts));
}
