import { z } from 'zod';
import { checkHealth } from '@/server/health/service';
import { json, route } from '@/server/http/route';

// Load balancers poll this: it is served on every tenant host, unthrottled.
export const GET = route({ limit: 'unlimited', query: z.object({}).passthrough() }, async () => {
  const health = await checkHealth();
  return json(health, { status: health.status === 'unhealthy' ? 503 : 200 });
});
