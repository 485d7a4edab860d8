-- Notification emails (issue 16): extra headers per message (RFC 8058 List-Unsubscribe and
-- List-Unsubscribe-Post on marketing-type mail), and email_logs, one row per send and per
-- provider event (delivered, bounced, complained) with the provider's message id, so support
-- can answer "did the mail arrive?" and a bounce is visible beside the send.
alter table email_outbox add column headers jsonb not null default '{}';

create table email_logs (
  tenant_id uuid not null,
  id uuid not null,
  email_id uuid not null,
  provider text not null check (length(provider) <= 40),
  provider_message_id text check (length(provider_message_id) <= 300),
  status text not null check (status in ('sent', 'failed', 'delivered', 'delayed', 'bounced', 'complained', 'opened', 'clicked')),
  detail text check (length(detail) <= 1000),
  -- The provider's own event id (webhook-id): a redelivered webhook is recorded once.
  event_id text check (length(event_id) <= 300),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, event_id),
  foreign key (tenant_id, email_id) references email_outbox (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('email_logs');
create index idx_email_logs_email on email_logs (tenant_id, email_id, created_at);
create index idx_email_logs_provider_id on email_logs (provider_message_id) where provider_message_id is not null;
grant select, insert on email_logs to cdp_app;
