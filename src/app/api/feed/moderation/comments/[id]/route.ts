import { MODERATORS, moderateComment } from '@/server/feed/service';
import { commentModerationInput, idParams } from '@/server/feed/schema';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';

export const POST = route({ roles: MODERATORS, feature: 'socialFeatures', body: commentModerationInput }, async ({ tenant, principal, params, body, meta }) =>
  moderateComment(tenant, principal, parseWith(idParams, params).id, body, meta),
);
