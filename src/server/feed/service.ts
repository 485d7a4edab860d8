// The social feed's public surface (routes, pages and other modules import from here): posts and
// the feed in posts.ts, follows and blocks in relations.ts, reports and moderators' decisions in
// moderation.ts, deal updates as posts in deal-updates.ts.
export { commentOnPost, createPost, getPost, readFeed, setLike, sharePost, POSTS_PER_MEMBER, COMMENTS_PER_MEMBER } from './posts';
export { block, follow, memberProfile, unblock, unfollow } from './relations';
export { moderateComment, moderatePost, reportPost, reportQueue } from './moderation';
export { publishDealUpdate, reviseDealUpdate } from './deal-updates';
export { isModerator, MODERATORS } from './access';
