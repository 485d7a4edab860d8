import { z } from 'zod';
import { route } from '@/server/http/route';
import { listIssuersForReview } from '@/server/issuers/service';

const query = z.object({ status: z.enum(['pending', 'verified', 'rejected', 'suspended']).optional() });

export const GET = route({ roles: ['tenant_admin'], query }, async ({ tenant, principal, query: q }) => listIssuersForReview(tenant, principal, q.status));
