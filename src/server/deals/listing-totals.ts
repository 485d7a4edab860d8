// Totals of deal listings, remembered a few seconds per tenant and filter. Counting every
// matching deal costs far more than the page itself (at 10,000 deals: ~5 ms against
// ~0.1 ms); a listing's total may lag a change made on another app instance by up to TTL,
// while changes made through this instance forget the tenant's totals at once. `hasMore`
// never lags: it comes from the page query itself.
const TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;
const totals = new Map<string, { total: number; at: number }>();

export function rememberedTotal(tenantId: string, filterKey: string): number | undefined {
  const hit = totals.get(`${tenantId}|${filterKey}`);
  if (!hit || Date.now() - hit.at > TTL_MS) return undefined;
  return hit.total;
}

export function rememberTotal(tenantId: string, filterKey: string, total: number): void {
  if (totals.size >= MAX_ENTRIES) totals.delete(totals.keys().next().value!);
  totals.set(`${tenantId}|${filterKey}`, { total, at: Date.now() });
}

/** After any change to a tenant's deals (new, edited, moved through the workflow, featured). */
export function forgetDealTotals(tenantId: string): void {
  for (const key of totals.keys()) if (key.startsWith(`${tenantId}|`)) totals.delete(key);
}
