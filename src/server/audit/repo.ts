import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';

export type AuditEntry = {
  actorId: string | null;
  actorRole?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: 'success' | 'denied' | 'failure';
  metadata?: Record<string, unknown>;
};

export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string | null };

const auditRow = (tenantId: string, e: AuditEntry, meta: RequestMeta) => ({
  tenant_id: tenantId,
  id: uuidv7(),
  actor_id: e.actorId,
  actor_role: e.actorRole ?? null,
  action: e.action,
  target_type: e.targetType ?? null,
  target_id: e.targetId ?? null,
  outcome: e.outcome ?? 'success',
  metadata: JSON.stringify(e.metadata ?? {}),
  ip: meta.ip,
  user_agent: meta.userAgent,
  request_id: meta.requestId,
});

export const insertAudit = (t: TenantTx, entry: AuditEntry, meta: RequestMeta) => insertAudits(t, [{ entry, meta }]);

/** Several entries, each with its own request, in one statement. */
export async function insertAudits(t: TenantTx, entries: { entry: AuditEntry; meta: RequestMeta }[]): Promise<void> {
  if (entries.length === 0) return;
  await t.tx
    .insertInto('audit_logs')
    .values(entries.map((x) => auditRow(t.tenantId, x.entry, x.meta)))
    .execute();
}

export async function insertActivity(
  t: TenantTx,
  e: { userId: string | null; action: string; entityType?: string; entityId?: string; metadata?: Record<string, unknown> },
  meta: RequestMeta,
): Promise<void> {
  await t.tx
    .insertInto('activity_logs')
    .values({
      tenant_id: t.tenantId,
      id: uuidv7(),
      user_id: e.userId,
      action: e.action,
      entity_type: e.entityType ?? null,
      entity_id: e.entityId ?? null,
      metadata: JSON.stringify(e.metadata ?? {}),
      ip: meta.ip,
      user_agent: meta.userAgent,
    })
    .execute();
}

export async function listAudit(t: TenantTx, opts: { limit: number; before?: Date; action?: string }) {
  let q = t.tx.selectFrom('audit_logs').selectAll().where('tenant_id', '=', t.tenantId);
  if (opts.before) q = q.where('created_at', '<', opts.before);
  if (opts.action) q = q.where('action', '=', opts.action);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}
