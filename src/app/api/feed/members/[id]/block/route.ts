import { block, unblock } from '@/server/feed/service';
import { idParams } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

// PUT blocks, DELETE unblocks; both idempotent.
export const PUT = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params, meta }) => block(tenant, principal, parseWith(idParams, params).id, meta));

export const DELETE = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params, meta }) => unblock(tenant, principal, parseWith(idParams, params).id, meta));
