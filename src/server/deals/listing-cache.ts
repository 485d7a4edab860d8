// Deal listings remembered per tenant and query for a moment. GET /api/deals and the deals page
// are the most requested reads of a tenant and change far less often than they are read:
// - a page of results (deals, total, hasMore) is served for PAGE_TTL_MS;
// - a total alone for TOTAL_TTL_MS (counting every matching deal costs far more than a page:
//   at 10,000 deals ~5 ms against ~0.1 ms), so a cold page still skips the count.
// Changes made through this instance (a deal created, edited, moved through the workflow,
// featured; capacity reserved or released) forget the tenant's entries at once; a change made on
// another instance shows there within the TTL. Keys hold only what the result depends on (the
// statuses the caller may see, filters, page), never who asked.
const PAGE_TTL_MS = 2_000;
const TOTAL_TTL_MS = 5_000;
const MAX_PAGES = 2_000;
const MAX_TOTALS = 5_000;

type Entry<V> = { value: V; at: number };

class TenantTtlMap<V> {
  private readonly entries = new Map<string, Entry<V>>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  get(tenantId: string, key: string, now = Date.now()): V | undefined {
    const hit = this.entries.get(`${tenantId}|${key}`);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.entries.delete(`${tenantId}|${key}`);
      return undefined;
    }
    return hit.value;
  }

  set(tenantId: string, key: string, value: V, now = Date.now()): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${tenantId}|${key}`, { value, at: now });
  }

  forget(tenantId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}|`)) this.entries.delete(key);
  }
}

export type ListingPage<D> = { deals: D[]; total: number; hasMore: boolean };

type State = { pages: TenantTtlMap<ListingPage<unknown>>; totals: TenantTtlMap<number> };
const state: State = ((globalThis as { __cdpListings?: State }).__cdpListings ??= {
  pages: new TenantTtlMap(PAGE_TTL_MS, MAX_PAGES),
  totals: new TenantTtlMap(TOTAL_TTL_MS, MAX_TOTALS),
});

export const rememberedPage = <D>(tenantId: string, key: string) => state.pages.get(tenantId, key) as ListingPage<D> | undefined;
export const rememberPage = <D>(tenantId: string, key: string, page: ListingPage<D>) => state.pages.set(tenantId, key, page);
export const rememberedTotal = (tenantId: string, filterKey: string) => state.totals.get(tenantId, filterKey);
export const rememberTotal = (tenantId: string, filterKey: string, total: number) => state.totals.set(tenantId, filterKey, total);

/** After any change to a tenant's deals or their capacity. */
export function forgetDealListings(tenantId: string): void {
  state.pages.forget(tenantId);
  state.totals.forget(tenantId);
}
