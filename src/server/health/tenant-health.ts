import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { Forbidden, NotFound, Unauthorized } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { indexerLag } from '../chain/indexer/lag';
import { tenantFigures } from './tenant-repo';

/**
 * /api/health?tenant=<slug>: per-tenant details for that tenant's administrators only.
 * The slug must be the host's own tenant; any other answers 404, as an unknown one would.
 */
export async function tenantHealthDetails(tenant: TenantContext, p: Principal | null, slug: string) {
  if (!p) throw new Unauthorized();
  if (!hasRole(p, ['tenant_admin'])) throw new Forbidden('Tenant health details are for tenant administrators', 'role_required');
  if (slug.toLowerCase() !== tenant.slug) throw new NotFound('No such tenant here', 'tenant_not_found');
  const started = performance.now();
  const [f, indexer] = await Promise.all([withTenant(tenant.id, { userId: p.userId }, tenantFigures), indexerLag()]);
  return {
    id: tenant.id,
    slug: tenant.slug,
    status: tenant.status,
    kycProvider: tenant.kycProvider,
    features: tenant.features,
    users: Number(f.users),
    activeSessions: Number(f.active_sessions),
    pendingEmails: Number(f.pending_mail),
    oldestPendingEmailSeconds: f.oldest_pending_mail_s === null ? null : Math.round(f.oldest_pending_mail_s),
    auditEntriesLastHour: Number(f.audit_last_hour),
    databaseLatencyMs: Math.round((performance.now() - started) * 10) / 10,
    // The chain indexer per chain: blocks behind the finalized head, last write.
    indexer,
  };
}
