// The ceiling for GET /api/deals: a bare node:http server in its own process (as `next start`
// is) running browseDeals() from src/server/deals/browse.ts, i.e. the identical Kysely queries
// in one withTenant() transaction as the app role under FORCED RLS, without Next.js and
// without the route wrapper. Variants that take parts away or add them, to show where the
// route's time goes:
//   GET /api/deals?limit=20                 resolveTenant (cached) + zod query + browseDeals()
//                                           (with its listing cache, as the app runs it)
//   GET /api/deals?limit=20&variant=budget  the same plus the public request budget route()
//                                           spends for an anonymous caller (counted in memory,
//                                           added to rate_limits every 250 ms)
//   GET /api/deals?limit=20&variant=nocache listDeals() in withTenant() on every request: the
//                                           page query and count(*), no listing cache
//   GET /api/deals?limit=20&variant=page    the page query alone in withTenant(), no count(*)
//   GET /api/bench/empty                    {} (the bare floor)
// Run by bench/deals.ts with DATABASE_URL, DATA_DIR, JWT_KEYS and BARE_PORT set.
import type http from 'node:http';
import { getConfig } from '../../src/server/config';
import { browseDeals } from '../../src/server/deals/browse';
import { listDeals, PUBLIC_STATUSES, reservedAmountOf } from '../../src/server/deals/repo';
import { dealSummaryView } from '../../src/server/deals/view';
import { listDealsQuery } from '../../src/server/deals/schema';
import { withTenant } from '../../src/server/db/tenant';
import { requestLimit } from '../../src/server/ratelimit/policy';
import { spendRequestBudget } from '../../src/server/ratelimit/request-budget';
import { resolveTenant, type TenantContext } from '../../src/server/tenancy/resolve';
import { serveBare, type Reply } from './bare-http';


/** listDeals() without its count(*): the same page query, built the same way. */
async function pageOnly(tenant: TenantContext, limit: number, offset: number) {
  const rows = await withTenant(tenant.id, { userId: null }, (t) =>
    t.tx
      .selectFrom('deals as d')
      .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.issuer_id', '=', 'd.issuer_id'))
      .where('d.tenant_id', '=', t.tenantId)
      .where('d.status', 'in', PUBLIC_STATUSES)
      .select([
        'd.id', 'd.slug', 'd.title', 'd.summary', 'd.asset_type', 'd.status', 'd.currency', 'd.currency_decimals', 'd.target_amount',
        'd.soft_cap', 'd.hard_cap', 'd.min_ticket', 'd.max_ticket', 'd.valuation', 'd.starts_at', 'd.ends_at', 'd.featured',
        'd.confirmed_amount', reservedAmountOf('d').as('reserved_amount'), 'd.investor_count', 'd.issuer_id', 'd.created_at', 'p.display_name as issuer_name',
      ])
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
  );
  return { deals: rows.map(dealSummaryView), total: null, hasMore: rows.length === limit };
}

async function handle(req: http.IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://bare');
  if (url.pathname === '/api/bench/empty') return { status: 200, body: {} };
  const tenant = await resolveTenant(req.headers.host, getConfig().PLATFORM_BASE_DOMAIN);
  if (!tenant) return { status: 404, body: { code: 'tenant_not_found' } };
  if (url.pathname === '/api/deals' && req.method === 'GET') {
    const variant = url.searchParams.get('variant');
    url.searchParams.delete('variant');
    const q = listDealsQuery.parse(Object.fromEntries(url.searchParams));
    if (variant === 'page') return { status: 200, body: await pageOnly(tenant, q.limit, q.offset) };
    if (variant === 'nocache') {
      const r = await withTenant(tenant.id, { userId: null }, (t) => listDeals(t, { statuses: PUBLIC_STATUSES, limit: q.limit, offset: q.offset }));
      return { status: 200, body: { deals: r.rows.map(dealSummaryView), total: r.total, hasMore: r.hasMore } };
    }
    if (variant === 'budget') {
      const limit = requestLimit('public', tenant.settings);
      if (limit) spendRequestBudget(limit, `${tenant.id}:ip:${req.socket.remoteAddress ?? 'unknown'}`);
    }
    return { status: 200, body: await browseDeals(tenant, null, q) };
  }
  return { status: 404, body: { code: 'not_found' } };
}

serveBare('deals bare server', handle);
