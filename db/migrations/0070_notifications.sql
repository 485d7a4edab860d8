-- Notifications (issue 16). An event someone should hear about is written by notify() in the
-- same transaction as the change that caused it: one notification_outbox row per channel the
-- user receives it on. The unique key (tenant_id, dedupe_key, channel) makes a retried or
-- replayed change write nothing new, so each event reaches each channel at most once.
-- The delivery worker turns pending rows into an in-app notification or a queued email
-- (email_outbox, the mailer sends it) and marks the row delivered in that same transaction.

create table notification_outbox (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  type text not null check (length(type) <= 80),
  channel text not null check (channel in ('in_app', 'email', 'telegram')),
  dedupe_key text not null check (length(dedupe_key) <= 300),
  title text not null check (length(title) <= 300),
  body text not null check (length(body) <= 5000),
  link text check (length(link) <= 2000),
  data jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  claimed_until timestamptz,
  next_attempt_at timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, dedupe_key, channel),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('notification_outbox');
create index idx_notification_outbox_due on notification_outbox (coalesce(next_attempt_at, created_at)) where status = 'pending';

-- The in-app channel: what the bell counts and the list shows. The id is the outbox row's,
-- so delivering the same outbox row twice inserts nothing the second time.
create table notifications (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  type text not null check (length(type) <= 80),
  title text not null check (length(title) <= 300),
  body text not null check (length(body) <= 5000),
  link text check (length(link) <= 2000),
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('notifications');
create index idx_notifications_user on notifications (tenant_id, user_id, created_at desc, id desc);
create index idx_notifications_unread on notifications (tenant_id, user_id) where read_at is null;

-- Live push: every app instance LISTENs once on 'notifications' and forwards to the open
-- streams of that tenant's user. The payload names the user, never the content: the stream
-- reads the notification through RLS like any request. pg_notify is sent at commit, so a
-- rolled-back delivery announces nothing; identical payloads in one transaction fold into one.
create or replace function app_notify_notification() returns trigger
language plpgsql as $$
begin
  perform pg_notify('notifications', new.tenant_id::text || ':' || new.user_id::text);
  return null;
end $$;
create trigger notifications_inserted after insert on notifications
  for each row execute function app_notify_notification();

-- Preferences: a user's choice per event type and channel; where none, the tenant's default;
-- where none, the built-in default (src/server/notifications/types.ts). Types that are
-- security or legally required ignore both on their locked channels.
create table notification_preferences (
  tenant_id uuid not null,
  user_id uuid not null,
  type text not null check (length(type) <= 80),
  channel text not null check (channel in ('in_app', 'email', 'telegram')),
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id, type, channel),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('notification_preferences');

create table notification_defaults (
  tenant_id uuid not null references tenants (id) on delete cascade,
  type text not null check (length(type) <= 80),
  channel text not null check (channel in ('in_app', 'email', 'telegram')),
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, type, channel)
);
select app_enable_tenant_rls('notification_defaults');

grant select, insert, update, delete on notification_outbox, notifications, notification_preferences, notification_defaults to cdp_app;
