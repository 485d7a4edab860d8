import { memberProfile } from '@/server/feed/service';
import { feedQuery, idParams } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'user', feature: 'socialFeatures', query: feedQuery }, async ({ tenant, principal, params, query }) => memberProfile(tenant, principal, parseWith(idParams, params).id, query));
