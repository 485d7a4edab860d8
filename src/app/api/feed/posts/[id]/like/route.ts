import { setLike } from '@/server/feed/service';
import { idParams } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

// PUT likes, DELETE takes the like back; both idempotent.
export const PUT = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params }) => setLike(tenant, principal, parseWith(idParams, params).id, true));

export const DELETE = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params }) => setLike(tenant, principal, parseWith(idParams, params).id, false));
