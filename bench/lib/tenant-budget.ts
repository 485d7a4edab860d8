// A seeded tenant's request budget raised for a load run. The demo tenants allow 100 anonymous
// requests a minute (and 500 signed in), which would turn a benchmark into 429s; policy.ts caps a
// budget at 1,000,000. The platform caches tenants for 30 s, so the new budget applies only after.
import pg from 'pg';

const BUDGET = 1_000_000;
const TENANT_CACHE_MS = 31_000;

/** Raises the budget of tenant `slug`; the returned function waits until the platform's tenant cache has taken it. */
export async function raiseTenantBudget(ownerUrl: string, slug: string): Promise<() => Promise<void>> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const budget = JSON.stringify({ public: BUDGET, authenticated: BUDGET, admin: BUDGET });
    const r = await owner.query(`update tenants set settings = jsonb_set(settings, '{rateLimits}', $2::jsonb) where slug = $1`, [slug, budget]);
    if (r.rowCount !== 1) throw new Error(`no tenant ${slug} to raise the budget of`);
  } finally {
    await owner.end();
  }
  const raised = Date.now();
  return () => new Promise((resolve) => setTimeout(resolve, Math.max(0, TENANT_CACHE_MS - (Date.now() - raised))));
}
