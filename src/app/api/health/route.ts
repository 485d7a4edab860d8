import { z } from 'zod';
import { checkHealth } from '@/server/health/service';
import { tenantHealthDetails } from '@/server/health/tenant-health';
import { json, route } from '@/server/http/route';

const query = z.object({ tenant: z.string().trim().min(1).max(63).optional() });

// Load balancers poll this on every tenant host, unthrottled; ?tenant=<slug> adds details for admins.
export const GET = route({ auth: 'optional', limit: 'unlimited', query }, async ({ tenant, principal, query: q }) => {
  const [health, details] = await Promise.all([checkHealth(), q.tenant ? tenantHealthDetails(tenant, principal, q.tenant) : null]);
  return json(details ? { ...health, tenant: details } : health, { status: health.status === 'unhealthy' ? 503 : 200 });
});
