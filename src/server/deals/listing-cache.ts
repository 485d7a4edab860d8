// Deal listings remembered per tenant and query for a moment. GET /api/deals and the deals page
// are the most requested reads of a tenant and change far less often than they are read:
// - a page of results (deals, total, hasMore) is fresh for PAGE_FRESH_MS; until PAGE_STALE_MS it
//   is still served while ONE background load replaces it (stale-while-revalidate), and
//   concurrent misses of one key share one load, so an expiring page never sends every waiting
//   request to the database at once;
// - a total alone for TOTAL_TTL_MS (counting every matching deal costs far more than a page:
//   at 10,000 deals ~5 ms against ~0.1 ms), so a cold page still skips the count.
// Changes made through this instance (a deal created, edited, moved through the workflow,
// featured) forget the tenant's entries at once, and a load that started before the change
// does not store its result; a change made through another instance reaches this one through
// the 'deals_changed' feed (tenancy/change-feed.ts, browse.ts) a few milliseconds later, with
// the same effect. An investment's progress shows within PAGE_STALE_MS. Keys hold only what the result depends on (the statuses the
// caller may see, filters, page), never who asked.
const PAGE_FRESH_MS = 1_000;
const PAGE_STALE_MS = 3_000;
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

  entry(tenantId: string, key: string, now = Date.now()): Entry<V> | undefined {
    const hit = this.entries.get(`${tenantId}|${key}`);
    if (!hit) return undefined;
    if (now - hit.at > this.ttlMs) {
      this.entries.delete(`${tenantId}|${key}`);
      return undefined;
    }
    return hit;
  }

  get(tenantId: string, key: string, now = Date.now()): V | undefined {
    return this.entry(tenantId, key, now)?.value;
  }

  set(tenantId: string, key: string, value: V, now = Date.now()): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${tenantId}|${key}`, { value, at: now });
  }

  /** Drops every entry; answers the tenants that had some. */
  clear(): Set<string> {
    const tenants = new Set([...this.entries.keys()].map((k) => k.slice(0, k.indexOf('|'))));
    this.entries.clear();
    return tenants;
  }

  forget(tenantId: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(`${tenantId}|`)) this.entries.delete(key);
  }
}

export type ListingPage<D> = { deals: D[]; total: number; hasMore: boolean };

type State = {
  pages: TenantTtlMap<ListingPage<unknown>>;
  totals: TenantTtlMap<number>;
  loading: Map<string, Promise<ListingPage<unknown>>>;
  generation: Map<string, number>;
};
const state: State = ((globalThis as { __cdpListings?: State }).__cdpListings ??= {
  pages: new TenantTtlMap(PAGE_STALE_MS, MAX_PAGES),
  totals: new TenantTtlMap(TOTAL_TTL_MS, MAX_TOTALS),
  loading: new Map(),
  generation: new Map(),
});

function startLoad<D>(tenantId: string, key: string, load: () => Promise<ListingPage<D>>): Promise<ListingPage<D>> {
  const id = `${tenantId}|${key}`;
  const running = state.loading.get(id);
  if (running) return running as Promise<ListingPage<D>>;
  const generation = state.generation.get(tenantId) ?? 0;
  const p = load()
    .then((page) => {
      if ((state.generation.get(tenantId) ?? 0) === generation) state.pages.set(tenantId, key, page);
      return page;
    })
    .finally(() => state.loading.delete(id));
  state.loading.set(id, p);
  return p;
}

/** The page for key: remembered, or loaded once however many requests ask at the same time. */
export async function rememberedListing<D>(tenantId: string, key: string, load: () => Promise<ListingPage<D>>, now = Date.now()): Promise<ListingPage<D>> {
  const hit = state.pages.entry(tenantId, key, now);
  if (hit && now - hit.at <= PAGE_FRESH_MS) return hit.value as ListingPage<D>;
  if (hit) {
    // Stale but recent: answer now, refresh behind it (a failed refresh leaves the page to expire).
    startLoad(tenantId, key, load).catch(() => {});
    return hit.value as ListingPage<D>;
  }
  return startLoad(tenantId, key, load);
}

export const rememberedTotal = (tenantId: string, filterKey: string) => state.totals.get(tenantId, filterKey);
export const rememberTotal = (tenantId: string, filterKey: string, total: number) => state.totals.set(tenantId, filterKey, total);

/** Bumped by every change to a tenant's deals: the page cache (src/server/http/page-cache.ts) drops pages rendered before it. */
export const listingGeneration = (tenantId: string): number => state.generation.get(tenantId) ?? 0;

/** After any change to a tenant's deals. */
export function forgetDealListings(tenantId: string): void {
  state.generation.set(tenantId, (state.generation.get(tenantId) ?? 0) + 1);
  state.pages.forget(tenantId);
  state.totals.forget(tenantId);
}

/** After the change feed reconnected (announcements may have been missed): forget every tenant's listings. */
export function forgetAllDealListings(): void {
  const tenants = new Set([...state.pages.clear(), ...state.totals.clear(), ...[...state.loading.keys()].map((k) => k.slice(0, k.indexOf('|'))), ...state.generation.keys()]);
  for (const tenantId of tenants) state.generation.set(tenantId, (state.generation.get(tenantId) ?? 0) + 1);
}
