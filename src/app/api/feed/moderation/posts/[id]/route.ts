import { MODERATORS, moderatePost } from '@/server/feed/service';
import { idParams, postModerationInput } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: MODERATORS, feature: 'socialFeatures', body: postModerationInput }, async ({ tenant, principal, params, body, meta }) =>
  moderatePost(tenant, principal, parseWith(idParams, params).id, body, meta),
);
