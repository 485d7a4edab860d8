import { sql } from 'kysely';
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

export type AuditFilter = {
  limit: number;
  before?: Date;
  /** Exact action, or a prefix ending in '*' ("kyc.*"). */
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
  /** Keyset paging: entries strictly older than this entry (same order as the list). */
  after?: string;
};

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, with the actor's email when the actor is a user of this tenant. */
export async function listAudit(t: TenantTx, opts: AuditFilter) {
  let q = t.tx
    .selectFrom('audit_logs as a')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.actor_id').onRef('u.tenant_id', '=', 'a.tenant_id'))
    .selectAll('a')
    .select('u.email as actor_email')
    .where('a.tenant_id', '=', t.tenantId);
  if (opts.before) q = q.where('a.created_at', '<', opts.before);
  if (opts.since) q = q.where('a.created_at', '>=', opts.since);
  if (opts.until) q = q.where('a.created_at', '<', opts.until);
  if (opts.action) q = opts.action.endsWith('*') ? q.where('a.action', 'like', likePrefix(opts.action.slice(0, -1))) : q.where('a.action', '=', opts.action);
  if (opts.actorId) q = q.where('a.actor_id', '=', opts.actorId);
  if (opts.targetType) q = q.where('a.target_type', '=', opts.targetType);
  if (opts.targetId) q = q.where('a.target_id', '=', opts.targetId);
  // Row comparison against the cursor entry's own (created_at, id): exact to the microsecond.
  if (opts.after) q = q.where(sql<boolean>`(a.created_at, a.id) < (select c.created_at, c.id from audit_logs c where c.tenant_id = ${t.tenantId} and c.id = ${opts.after})`);
  return q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(opts.limit).execute();
}
