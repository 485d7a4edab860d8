-- Every signed-in deal listing reads the viewer's relationship with each published Rule 506(b)
-- offering (compliance/repo-506b.ts relationships506b). Without an index on that predicate the
-- read scanned the tenant's every deal and tested its compliance JSON: 26.7 ms per request at
-- 11,000 deals under EXPLAIN ANALYZE, against 0.13 ms with this partial index. The predicate
-- is the query's own expression, so the planner matches it.
create index idx_deals_506b on deals (tenant_id, status) where coalesce(compliance -> 'regimes', '[]'::jsonb) ? 'reg_d_506b';
