import { readFeed } from '@/server/feed/service';
import { feedQuery } from '@/server/feed/schema';
import { route } from '@/server/http/route';

export const GET = route({ auth: 'user', feature: 'socialFeatures', query: feedQuery }, async ({ tenant, principal, query }) => readFeed(tenant, principal, query));
