import { route } from '@/server/http/route';
import { dealReviewQueue } from '@/server/reporting/review-queue';
import { reviewQueueQuery } from '@/server/reporting/schema';

export const GET = route({ roles: ['tenant_admin'], query: reviewQueueQuery }, async ({ tenant, principal, query }) => dealReviewQueue(tenant, principal, query));
