-- Fan-out (issue 16): an event for an audience (a deal update to everyone invested in the
-- deal) is one row here, written in the transaction of the change, so the request that posts
-- the update does the same work for ten investors or ten thousand. The delivery worker expands
-- it with one insert ... select per channel, honouring each member's preferences, and marks it
-- done in that same transaction. Each recipient's copy has an id derived from (fan-out, user),
-- so an expansion that runs twice writes each copy once.
create table notification_fanouts (
  tenant_id uuid not null,
  id uuid not null,
  type text not null check (length(type) <= 80),
  audience text not null check (audience in ('deal_investors')),
  audience_id uuid not null,
  -- Who caused it (the poster): not told about their own update.
  exclude_user_id uuid,
  dedupe_key text not null check (length(dedupe_key) <= 300),
  title text not null check (length(title) <= 300),
  body text not null check (length(body) <= 5000),
  link text check (length(link) <= 2000),
  data jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'delivered')),
  recipients integer,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, dedupe_key)
);
select app_enable_tenant_rls('notification_fanouts');
create index idx_notification_fanouts_due on notification_fanouts (created_at) where status = 'pending';
grant select, insert, update on notification_fanouts to cdp_app;
