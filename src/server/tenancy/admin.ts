import { z } from 'zod';
import { audit, auditStandalone, listAuditLog, type AuditFilter, type RequestMeta } from '../audit/service';
import { ValidationError } from '../errors';
import { toCsv } from '../reporting/csv';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { FEATURE_NAMES, type FeatureName } from './features';
import { listAliases, updateBranding, upsertFeature } from './repo';
import { invalidateTenantCache, type TenantContext } from './resolve';
import { themeSettingsSchema } from './theme';

export const tenantPatchInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    theme: themeSettingsSchema.optional(),
    // Only the switches sent: a schema with defaults (tenantFeaturesSchema.partial()) would fill in
    // every other feature and switch it back to its default.
    features: z.partialRecord(z.enum(FEATURE_NAMES as [FeatureName, ...FeatureName[]]), z.boolean()).optional(),
  })
  .strict();

const day = (what: string) => z.iso.date({ error: `${what} must be a date such as 2026-01-31` });
export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
  /** An exact action ("kyc.approve") or a prefix ending in '*' ("kyc.*"). */
  action: z.string().trim().max(100).regex(/^[a-z0-9_.]*\*?$/, 'action must be an action name such as kyc.approve, or a prefix such as kyc.*').optional(),
  actorId: z.uuid({ error: 'actorId must be a UUID' }).optional(),
  targetType: z.string().trim().max(100).optional(),
  targetId: z.string().trim().max(200).optional(),
  /** From this day on (UTC), inclusive. */
  from: day('from').optional(),
  /** Up to and including this day (UTC). */
  to: day('to').optional(),
  /** The next page: entries older than the entry with this id (the previous page's nextCursor). */
  cursor: z.uuid({ error: 'cursor must be the nextCursor of the previous page' }).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** The CSV export takes the same filters, and more rows. */
export const auditCsvQuery = auditQuery.omit({ limit: true, cursor: true }).extend({ limit: z.coerce.number().int().min(1).max(10_000).default(5_000) });

function auditFilter(q: Omit<AuditQuery, 'cursor'> & { cursor?: string }): AuditFilter {
  return {
    limit: q.limit,
    before: q.before,
    action: q.action || undefined,
    actorId: q.actorId,
    targetType: q.targetType || undefined,
    targetId: q.targetId || undefined,
    since: q.from ? new Date(`${q.from}T00:00:00Z`) : undefined,
    until: q.to ? new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000) : undefined,
    after: q.cursor,
  };
}

export async function tenantSettingsView(tenant: TenantContext, admin: Principal) {
  const aliases = await withTenant(tenant.id, { userId: admin.userId }, listAliases);
  return { id: tenant.id, name: tenant.name, slug: tenant.slug, domain: tenant.domain, aliases: aliases.map((a) => a.domain), theme: tenant.theme, features: tenant.features, kycProvider: tenant.kycProvider };
}

/** Branding and feature toggles by the tenant admin; visible on every host within seconds. */
export async function updateTenantSettings(tenant: TenantContext, admin: Principal, patch: z.infer<typeof tenantPatchInput>, meta: RequestMeta) {
  await withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    if (patch.name !== undefined || patch.theme !== undefined)
      await updateBranding(t, { name: patch.name, theme_settings: patch.theme ? JSON.stringify(patch.theme) : undefined });
    for (const f of FEATURE_NAMES) {
      const v = patch.features?.[f];
      if (v !== undefined) await upsertFeature(t, f, v);
    }
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'tenant.settings_updated', targetType: 'tenant', targetId: tenant.id, metadata: { fields: Object.keys(patch), features: patch.features ?? {} } }, meta);
  });
  invalidateTenantCache(tenant.id);
  return { success: true };
}

export async function auditLogView(tenant: TenantContext, p: Principal, q: AuditQuery) {
  if (q.from && q.to && q.from > q.to) throw new ValidationError([{ field: 'to', message: 'to must be on or after from' }]);
  const rows = await listAuditLog(tenant.id, p.userId, auditFilter(q));
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.created_at.toISOString(),
      actorId: r.actor_id,
      actorEmail: r.actor_email,
      actorRole: r.actor_role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      outcome: r.outcome,
      metadata: r.metadata,
      ip: r.ip,
      userAgent: r.user_agent,
      requestId: r.request_id,
    })),
    /** Pass as `cursor` for the next (older) page; null on the last page. */
    nextCursor: rows.length === q.limit ? rows.at(-1)!.id : null,
  };
}

const AUDIT_CSV_HEADER = ['Time (UTC)', 'Actor email', 'Actor id', 'Actor role', 'Action', 'Outcome', 'Target type', 'Target id', 'IP', 'Request id', 'Details'];

/** GET /api/admin/audit-logs/csv: the filtered trail as a file; the export is itself audited. */
export async function auditLogCsv(tenant: TenantContext, p: Principal, q: z.infer<typeof auditCsvQuery>, meta: RequestMeta) {
  if (q.from && q.to && q.from > q.to) throw new ValidationError([{ field: 'to', message: 'to must be on or after from' }]);
  const rows = await listAuditLog(tenant.id, p.userId, auditFilter(q));
  const filters = Object.fromEntries(Object.entries(q).filter(([k, v]) => k !== 'limit' && v !== undefined && v !== ''));
  await auditStandalone(tenant.id, { actorId: p.userId, actorRole: p.role, action: 'audit.exported', metadata: { rows: rows.length, filters } }, meta);
  const body = toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [r.created_at.toISOString(), r.actor_email, r.actor_id, r.actor_role, r.action, r.outcome, r.target_type, r.target_id, r.ip, r.request_id, JSON.stringify(r.metadata ?? {})]),
  );
  return { filename: `${tenant.slug}-audit-log.csv`, body };
}
