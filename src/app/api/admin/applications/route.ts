import { REVIEWER_ROLES, reviewQueue } from '@/server/assets/service';
import { listApplicationsQuery } from '@/server/assets/schema';
import { route } from '@/server/http/route';

// The tokenization applications queue (drafts stay the issuer's own).
export const GET = route({ roles: REVIEWER_ROLES, query: listApplicationsQuery }, async ({ tenant, principal, query }) => reviewQueue(tenant, principal, query));
