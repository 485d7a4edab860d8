import { z } from 'zod';
import { audit, listAuditLog, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { FEATURE_NAMES, tenantFeaturesSchema } from './features';
import { listAliases, updateBranding, upsertFeature } from './repo';
import { invalidateTenantCache, type TenantContext } from './resolve';
import { themeSettingsSchema } from './theme';

export const tenantPatchInput = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    theme: themeSettingsSchema.optional(),
    features: tenantFeaturesSchema.partial().strict().optional(),
  })
  .strict();

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
  action: z.string().max(100).optional(),
});

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

export async function auditLogView(tenant: TenantContext, p: Principal, q: z.infer<typeof auditQuery>) {
  const rows = await listAuditLog(tenant.id, p.userId, q);
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.created_at.toISOString(),
      actorId: r.actor_id,
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
  };
}
