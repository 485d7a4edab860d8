-- Outgoing webhooks (issue 16): a tenant's own systems hear about events on endpoints it
-- registers. The signing secret is sealed with DATA_ENCRYPTION_KEY (AES-256-GCM, the tenant id
-- as associated data) and shown once, at creation. A delivery is written in the transaction of
-- the event (outbox), one per endpoint, unique per (endpoint, event), and sent by the mailer
-- process with retries and backoff; each row keeps its attempts, last status and error (the
-- delivery log).
create table webhook_endpoints (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  url text not null check (length(url) <= 2000),
  description text check (length(description) <= 200),
  secret_sealed text not null,
  -- Empty: every event type.
  event_types text[] not null default '{}',
  enabled boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('webhook_endpoints');

create table webhook_deliveries (
  tenant_id uuid not null,
  id uuid not null,
  endpoint_id uuid not null,
  event_type text not null check (length(event_type) <= 80),
  event_key text not null check (length(event_key) <= 300),
  payload text not null,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  claimed_until timestamptz,
  next_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, endpoint_id, event_key),
  foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('webhook_deliveries');
create index idx_webhook_deliveries_due on webhook_deliveries (coalesce(next_attempt_at, created_at)) where status = 'pending';
create index idx_webhook_deliveries_endpoint on webhook_deliveries (tenant_id, endpoint_id, created_at desc);
grant select, insert, update, delete on webhook_endpoints, webhook_deliveries to cdp_app;
