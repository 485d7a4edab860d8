import { follow, unfollow } from '@/server/feed/service';
import { idParams } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

// PUT follows, DELETE unfollows; both idempotent.
export const PUT = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params }) => follow(tenant, principal, parseWith(idParams, params).id));

export const DELETE = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params }) => unfollow(tenant, principal, parseWith(idParams, params).id));
