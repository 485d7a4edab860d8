import { commentInput, commentModerationInput, feedQuery, idParams, postInput, postModerationInput, reportInput, shareInput } from './schema';

// The social feed's routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`
// (responses come from the handlers' types, scripts/openapi-responses.ts).
const GATE = 'social features are off for this tenant (feature `socialFeatures`): code `feature_disabled`; `blocked` when the member concerned has blocked the caller';
const TAG = 'social feed';
const MOD = ['tenant_admin', 'compliance_officer'];

export const feedOps = [
  { tag: TAG, method: 'get', path: '/api/feed', summary: 'The caller’s feed, newest first: their own and followed accounts’ posts (issuers’ deal updates included) before everyone else’s; keyset pages (send back nextCursor). Posts by members the caller blocked, and posts linking a deal the caller may not see, are left out', auth: 'user', query: feedQuery, forbidden: GATE },
  { tag: TAG, method: 'post', path: '/api/feed/posts', summary: 'Post text, optionally linking a deal the caller can see (rate limited per member: 429 with Retry-After)', auth: 'user', body: postInput, status: 201, forbidden: GATE },
  { tag: TAG, method: 'get', path: '/api/feed/posts/{id}', summary: 'A post with its comments (its author also sees it hidden, with the moderator’s reason)', auth: 'user', params: idParams, forbidden: GATE },
  { tag: TAG, method: 'post', path: '/api/feed/posts/{id}/comments', summary: 'Comment on a post (rate limited per member)', auth: 'user', params: idParams, body: commentInput, status: 201, forbidden: GATE },
  { tag: TAG, method: 'put', path: '/api/feed/posts/{id}/like', summary: 'Like a post (idempotent)', auth: 'user', params: idParams, forbidden: GATE },
  { tag: TAG, method: 'delete', path: '/api/feed/posts/{id}/like', summary: 'Take a like back (idempotent)', auth: 'user', params: idParams, forbidden: GATE },
  { tag: TAG, method: 'post', path: '/api/feed/posts/{id}/shares', summary: 'Share (repost) a post with an optional comment; sharing a share shares its original', auth: 'user', params: idParams, body: shareInput, status: 201, forbidden: GATE },
  { tag: TAG, method: 'post', path: '/api/feed/posts/{id}/reports', summary: 'Report a post to the moderators (201; 200 when the caller reported it already)', auth: 'user', params: idParams, body: reportInput, status: 201, forbidden: GATE },
  { tag: TAG, method: 'get', path: '/api/feed/members/{id}', summary: 'A member’s profile: the caller’s relation to them and their posts (keyset pages)', auth: 'user', params: idParams, query: feedQuery, forbidden: GATE },
  { tag: TAG, method: 'put', path: '/api/feed/members/{id}/follow', summary: 'Follow a member or an issuer’s account (idempotent); 409 member_blocked while the caller blocks them', auth: 'user', params: idParams, forbidden: GATE, conflict: 'the caller has blocked this member: code `member_blocked`' },
  { tag: TAG, method: 'delete', path: '/api/feed/members/{id}/follow', summary: 'Unfollow (idempotent)', auth: 'user', params: idParams, forbidden: GATE },
  { tag: TAG, method: 'put', path: '/api/feed/members/{id}/block', summary: 'Block a member: their posts and comments are no longer shown to the caller, following ends both ways, they can no longer follow, comment on or share the caller’s posts (idempotent, audited)', auth: 'user', params: idParams, forbidden: GATE },
  { tag: TAG, method: 'delete', path: '/api/feed/members/{id}/block', summary: 'Unblock (idempotent, audited)', auth: 'user', params: idParams, forbidden: GATE },
  { tag: TAG, method: 'get', path: '/api/feed/moderation/reports', summary: 'The moderators’ queue: posts with open reports, longest waiting first, with every report', auth: MOD, forbidden: GATE },
  { tag: TAG, method: 'post', path: '/api/feed/moderation/posts/{id}', summary: 'Hide, remove (each with a reason the author is shown) or restore a post, or dismiss its reports; resolves its open reports; audited', auth: MOD, params: idParams, body: postModerationInput, forbidden: GATE },
  { tag: TAG, method: 'post', path: '/api/feed/moderation/comments/{id}', summary: 'Hide, remove (with a reason) or restore a comment; audited', auth: MOD, params: idParams, body: commentModerationInput, forbidden: GATE },
] as const;
