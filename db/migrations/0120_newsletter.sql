-- Newsletters (issue 20): subscribers with double opt-in, campaigns written by the tenant's
-- staff, one queued email per recipient (email_outbox, sent by the mailer) and click tracking.
--
-- A subscriber is an address, not an account: members subscribe with their own address, and
-- the segments "members", "verified investors" and "a group's members" are the confirmed
-- subscribers whose address belongs to such a member. Nobody receives a campaign without
-- having confirmed, and an unsubscribed address never again.
create table newsletter_subscribers (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  email citext not null check (length(email) <= 320),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'unsubscribed')),
  source text not null check (source in ('form', 'member')),
  -- The campaign whose one-click link ended the subscription (per-campaign statistics).
  unsubscribed_campaign_id uuid,
  confirmation_sent_at timestamptz,
  confirmed_at timestamptz,
  unsubscribed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, email)
);
select app_enable_tenant_rls('newsletter_subscribers');
create index idx_newsletter_subscribers_status on newsletter_subscribers (tenant_id, status, id);

create table newsletter_campaigns (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  subject text not null check (length(subject) between 1 and 200),
  body_markdown text not null check (length(body_markdown) between 1 and 50000),
  segment text not null check (segment in ('all', 'members', 'verified_investors', 'group')),
  segment_group_id uuid,
  -- draft -> scheduled (a due time; "send now" is due at once) -> sending (batches queued) -> sent.
  status text not null default 'draft' check (status in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
  scheduled_at timestamptz,
  -- Frozen when sending starts: every batch queues the same mail (layout, links) even if the
  -- branding changes half-way.
  rendered_subject text,
  rendered_html text,
  rendered_text text,
  links jsonb not null default '[]',
  started_at timestamptz,
  sent_at timestamptz,
  recipients integer not null default 0,
  created_by uuid not null,
  updated_by uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  check ((segment = 'group') = (segment_group_id is not null)),
  check (status <> 'scheduled' or scheduled_at is not null),
  foreign key (tenant_id, segment_group_id) references investment_groups (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id),
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('newsletter_campaigns');
create index idx_newsletter_campaigns_due on newsletter_campaigns (scheduled_at) where status in ('scheduled', 'sending');
create index idx_newsletter_campaigns_list on newsletter_campaigns (tenant_id, created_at desc);

-- One row per (campaign, subscriber): the key makes a second queueing of the same campaign to
-- the same address impossible, whatever runs twice. email_id is the queued email_outbox row.
create table newsletter_sends (
  tenant_id uuid not null,
  campaign_id uuid not null,
  subscriber_id uuid not null,
  email_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, campaign_id, subscriber_id),
  foreign key (tenant_id, campaign_id) references newsletter_campaigns (tenant_id, id),
  foreign key (tenant_id, subscriber_id) references newsletter_subscribers (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('newsletter_sends');

-- A click on a tracked link: which campaign, which recipient, which of the campaign's links.
create table click_tracking (
  tenant_id uuid not null,
  id uuid not null,
  campaign_id uuid not null,
  subscriber_id uuid not null,
  link_index integer not null check (link_index >= 0),
  target_url text not null check (length(target_url) <= 2000),
  clicked_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, campaign_id) references newsletter_campaigns (tenant_id, id),
  foreign key (tenant_id, subscriber_id) references newsletter_subscribers (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('click_tracking');
create index idx_click_tracking_campaign on click_tracking (tenant_id, campaign_id, subscriber_id);

grant select, insert, update, delete on newsletter_subscribers to cdp_app;
grant select, insert, update on newsletter_campaigns to cdp_app;
grant select, insert on newsletter_sends, click_tracking to cdp_app;
