import { getPost } from '@/server/feed/service';
import { idParams } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const GET = route({ auth: 'user', feature: 'socialFeatures' }, async ({ tenant, principal, params }) => getPost(tenant, principal, parseWith(idParams, params).id));
