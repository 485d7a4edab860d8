-- The social feed (issue 20): members' posts, shares and comments, likes, follows, blocks and the
-- moderation queue. An issuer's deal update is written as a feed post (kind deal_update) in the
-- update's own transaction, so the feed is one keyset scan of one table (bench/feed.ts).

create table user_feed_posts (
  tenant_id uuid not null,
  id uuid not null,
  author_id uuid not null,
  kind text not null default 'post' check (kind in ('post', 'share', 'deal_update')),
  -- A deal update's title; null for members' posts.
  title text check (title is null or length(title) between 1 and 200),
  body text not null check (length(body) <= 20000),
  deal_id uuid,
  shared_post_id uuid,
  deal_update_id uuid,
  -- hidden: shown to its author only, with the reason; removed: the text is no longer shown to anyone.
  status text not null default 'visible' check (status in ('visible', 'hidden', 'removed')),
  moderation_reason text check (moderation_reason is null or length(moderation_reason) between 1 and 1000),
  moderated_by uuid,
  moderated_at timestamptz,
  created_at timestamptz not null default clock_timestamp(),
  primary key (tenant_id, id),
  foreign key (tenant_id, author_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, shared_post_id) references user_feed_posts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, deal_update_id) references deal_updates (tenant_id, id) on delete cascade,
  check ((kind = 'share') = (shared_post_id is not null)),
  check ((kind = 'deal_update') = (deal_update_id is not null and deal_id is not null and title is not null)),
  check (kind <> 'post' or length(body) between 1 and 5000),
  check ((status = 'visible') = (moderation_reason is null))
);
select app_enable_tenant_rls('user_feed_posts');
-- The feed's two keyset scans: the whole tenant by recency, and one author's posts by recency.
create index idx_user_feed_posts_recent on user_feed_posts (tenant_id, created_at desc, id desc);
create index idx_user_feed_posts_author on user_feed_posts (tenant_id, author_id, created_at desc, id desc);
create unique index uq_user_feed_posts_deal_update on user_feed_posts (tenant_id, deal_update_id) where deal_update_id is not null;
create index idx_user_feed_posts_shared on user_feed_posts (tenant_id, shared_post_id) where shared_post_id is not null;

create table post_comments (
  tenant_id uuid not null,
  id uuid not null,
  post_id uuid not null,
  author_id uuid not null,
  body text not null check (length(body) between 1 and 2000),
  status text not null default 'visible' check (status in ('visible', 'hidden', 'removed')),
  moderation_reason text check (moderation_reason is null or length(moderation_reason) between 1 and 1000),
  moderated_by uuid,
  moderated_at timestamptz,
  created_at timestamptz not null default clock_timestamp(),
  primary key (tenant_id, id),
  foreign key (tenant_id, post_id) references user_feed_posts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, author_id) references users (tenant_id, id) on delete cascade,
  check ((status = 'visible') = (moderation_reason is null))
);
select app_enable_tenant_rls('post_comments');
create index idx_post_comments_post on post_comments (tenant_id, post_id, created_at, id);

-- Likes (the one reaction for now); the primary key makes a like idempotent.
create table post_engagements (
  tenant_id uuid not null,
  post_id uuid not null,
  user_id uuid not null,
  kind text not null default 'like' check (kind in ('like')),
  created_at timestamptz not null default now(),
  primary key (tenant_id, post_id, user_id, kind),
  foreign key (tenant_id, post_id) references user_feed_posts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('post_engagements');

create table user_follows (
  tenant_id uuid not null,
  follower_id uuid not null,
  followee_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, follower_id, followee_id),
  foreign key (tenant_id, follower_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, followee_id) references users (tenant_id, id) on delete cascade,
  check (follower_id <> followee_id)
);
select app_enable_tenant_rls('user_follows');
create index idx_user_follows_followee on user_follows (tenant_id, followee_id);

create table user_blocks (
  tenant_id uuid not null,
  blocker_id uuid not null,
  blocked_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, blocker_id, blocked_id),
  foreign key (tenant_id, blocker_id) references users (tenant_id, id) on delete cascade,
  foreign key (tenant_id, blocked_id) references users (tenant_id, id) on delete cascade,
  check (blocker_id <> blocked_id)
);
select app_enable_tenant_rls('user_blocks');
create index idx_user_blocks_blocked on user_blocks (tenant_id, blocked_id);

-- One report per member and post; a moderator's decision resolves every open report of the post.
create table post_reports (
  tenant_id uuid not null,
  id uuid not null,
  post_id uuid not null,
  reporter_id uuid not null,
  reason text not null check (length(reason) between 3 and 1000),
  status text not null default 'open' check (status in ('open', 'actioned', 'dismissed')),
  resolved_by uuid,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, post_id, reporter_id),
  foreign key (tenant_id, post_id) references user_feed_posts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, reporter_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('post_reports');
create index idx_post_reports_open on post_reports (tenant_id, created_at) where status = 'open';

grant select, insert, update on user_feed_posts, post_comments, post_reports to cdp_app;
grant select, insert, delete on post_engagements, user_follows, user_blocks to cdp_app;
