import type { RequestMeta } from '../../audit/service';
import { withConsole } from '../../db/platform';
import { Conflict, NotFound } from '../../errors';
import { fromMinorUnits } from '../../money';
import { resolveFeatures } from '../../tenancy/features';
import { reactivateTenant, suspendTenant } from '../tenants';
import { chainCursors, featureOverridesOf, findTenantRow, listPlatformAudit, listTenantRows, tenantCounts, tenantHealth } from './repo';
import type { ConsoleAdmin } from './sign-in';

// What the operator console shows and does about tenants. Reads run on the owner's path (a
// platform view spans tenants by design); every change goes through withPlatform, audited.

const planOf = (settings: unknown): string | null => {
  const plan = (settings as { plan?: unknown } | null)?.plan;
  return typeof plan === 'string' ? plan : null;
};

export async function listConsoleTenants() {
  return withConsole(async (tx) => {
    const rows = await listTenantRows(tx);
    const counts = await tenantCounts(tx, rows.map((r) => r.id));
    const by = <T extends { tenant_id: string }>(list: T[]) => {
      const m = new Map<string, T[]>();
      for (const x of list) m.set(x.tenant_id, [...(m.get(x.tenant_id) ?? []), x]);
      return m;
    };
    const users = by(counts.users);
    const deals = by(counts.deals);
    const raised = by(counts.raised);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      slug: r.slug,
      domain: r.domain,
      status: r.status,
      suspendedReason: r.suspended_reason,
      plan: planOf(r.settings),
      users: Number(users.get(r.id)?.[0]?.n ?? 0),
      deals: Number(deals.get(r.id)?.[0]?.n ?? 0),
      openDeals: Number(deals.get(r.id)?.[0]?.open ?? 0),
      raised: (raised.get(r.id) ?? []).filter((m) => m.amount !== '0').map((m) => ({ currency: m.currency, amount: fromMinorUnits(m.amount, m.decimals) })),
      createdAt: r.created_at.toISOString(),
    }));
  });
}

function auditView(rows: Awaited<ReturnType<typeof listPlatformAudit>>) {
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at.toISOString(),
    action: r.action,
    adminId: r.admin_id,
    adminEmail: r.admin_email,
    tenantId: r.target_tenant_id,
    tenantSlug: r.tenant_slug,
    target: r.target,
    metadata: (r.metadata ?? {}) as Record<string, unknown>,
    ip: r.ip,
  }));
}

export async function consoleTenantDetail(id: string) {
  const list = await listConsoleTenants();
  const summary = list.find((t) => t.id === id);
  if (!summary) throw new NotFound('No tenant with this id', 'tenant_not_found');
  return withConsole(async (tx) => {
    const row = (await findTenantRow(tx, id))!;
    const [health, cursors, audit] = await Promise.all([tenantHealth(tx, id), chainCursors(tx), listPlatformAudit(tx, { limit: 20, tenantId: id })]);
    const chains = ((row.blockchain_settings as { chains?: unknown })?.chains as number[] | undefined) ?? [];
    const overrides = await featureOverridesOf(tx, id);
    return {
      tenant: { ...summary, features: resolveFeatures(row.features, overrides), kycProvider: row.kyc_provider, chains },
      health: {
        mail: {
          pending: Number(health.mail.pending),
          failed: Number(health.mail.failed),
          oldestPendingSeconds: health.mail.oldest ? Math.max(0, Math.round((Date.now() - health.mail.oldest.getTime()) / 1000)) : null,
        },
        chainTransactions: Object.fromEntries(health.chainTx.map((c) => [c.state, Number(c.n)])),
        indexers: cursors
          .filter((c) => chains.includes(Number(c.chain_id)))
          .map((c) => ({
            chainId: Number(c.chain_id),
            indexedBlock: Number(c.block_number),
            headBlock: c.head_block === null ? null : Number(c.head_block),
            lagBlocks: c.head_block === null ? null : Math.max(0, Number(c.head_block) - Number(c.block_number)),
            lastBatchAt: c.last_batch_at?.toISOString() ?? null,
          })),
      },
      audit: auditView(audit),
    };
  });
}

async function requireTenantRow(id: string) {
  const row = await withConsole((tx) => findTenantRow(tx, id));
  if (!row) throw new NotFound('No tenant with this id', 'tenant_not_found');
  return row;
}

/** Suspends a tenant: its hosts answer 503 (pages and API); nothing is deleted. */
export async function consoleSuspend(admin: ConsoleAdmin, id: string, reason: string, meta: RequestMeta) {
  const row = await requireTenantRow(id);
  if (row.status !== 'active') throw new Conflict('tenant_not_active', `The tenant is ${row.status}; only an active tenant can be suspended`);
  await suspendTenant({ adminId: admin.id, ip: meta.ip, userAgent: meta.userAgent }, id, reason);
  return { id, status: 'suspended' as const };
}

export async function consoleResume(admin: ConsoleAdmin, id: string, meta: RequestMeta) {
  const row = await requireTenantRow(id);
  if (row.status !== 'suspended') throw new Conflict('tenant_not_suspended', `The tenant is ${row.status}; only a suspended tenant can be resumed`);
  await reactivateTenant({ adminId: admin.id, ip: meta.ip, userAgent: meta.userAgent }, id);
  return { id, status: 'active' as const };
}

export async function consoleAudit(q: { limit: number; tenantId?: string; before?: Date }) {
  return { entries: auditView(await withConsole((tx) => listPlatformAudit(tx, q))) };
}
