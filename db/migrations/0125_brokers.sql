-- Brokers (issue 20): a member holding the `broker` role gets a profile the tenant admin keeps
-- (licence, jurisdiction, commission, the deals they may offer), onboards investors as clients
-- (an investor has at most one broker per tenant: the primary key of broker_clients says so),
-- and earns a commission on the investments of their clients. The attribution is written in the
-- transaction that creates the investment, with the broker's rate at that moment, so a later
-- change of broker or rate never rewrites history.

create table brokers (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  user_id uuid not null,
  display_name text not null check (length(display_name) between 1 and 120),
  status text not null default 'active' check (status in ('active', 'suspended')),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('brokers');

create table broker_settings (
  tenant_id uuid not null references tenants (id),
  broker_id uuid not null,
  licence_number text not null check (length(licence_number) between 1 and 64),
  licence_jurisdiction text not null check (licence_jurisdiction ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  commission_bps integer not null check (commission_bps between 0 and 10000),
  -- true: every deal of the tenant; false: only the deals in broker_offered_deals.
  all_deals boolean not null default false,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, broker_id),
  foreign key (tenant_id, broker_id) references brokers (tenant_id, id),
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('broker_settings');

create table broker_offered_deals (
  tenant_id uuid not null references tenants (id),
  broker_id uuid not null,
  deal_id uuid not null,
  primary key (tenant_id, broker_id, deal_id),
  foreign key (tenant_id, broker_id) references brokers (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id)
);
select app_enable_tenant_rls('broker_offered_deals');

-- An invitation the investor accepts (or declines); one pending invitation per broker and investor.
create table broker_invitations (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  broker_id uuid not null,
  investor_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'revoked')),
  message text check (length(message) <= 1000),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, broker_id) references brokers (tenant_id, id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id),
  check ((status = 'pending') = (decided_at is null))
);
create unique index uq_broker_invitations_pending on broker_invitations (tenant_id, broker_id, investor_id) where status = 'pending';
create index idx_broker_invitations_investor on broker_invitations (tenant_id, investor_id, created_at desc);
select app_enable_tenant_rls('broker_invitations');

-- The investor's broker: one row per investor (the key), removed when detached.
create table broker_clients (
  tenant_id uuid not null references tenants (id),
  investor_id uuid not null,
  broker_id uuid not null,
  -- 'invitation': the investor accepted; 'admin': a tenant admin attached them.
  source text not null check (source in ('invitation', 'admin')),
  invitation_id uuid,
  attached_by uuid not null,
  attached_at timestamptz not null default now(),
  primary key (tenant_id, investor_id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id),
  foreign key (tenant_id, broker_id) references brokers (tenant_id, id),
  foreign key (tenant_id, invitation_id) references broker_invitations (tenant_id, id),
  foreign key (tenant_id, attached_by) references users (tenant_id, id)
);
create index idx_broker_clients_broker on broker_clients (tenant_id, broker_id, attached_at desc);
select app_enable_tenant_rls('broker_clients');

-- Which broker an investment counts for, and at which rate: written with the investment.
create table investment_broker_attributions (
  tenant_id uuid not null references tenants (id),
  investment_id uuid not null,
  broker_id uuid not null,
  commission_bps integer not null check (commission_bps between 0 and 10000),
  attributed_at timestamptz not null default now(),
  primary key (tenant_id, investment_id),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id),
  foreign key (tenant_id, broker_id) references brokers (tenant_id, id)
);
create index idx_investment_broker_attributions_broker on investment_broker_attributions (tenant_id, broker_id);
select app_enable_tenant_rls('investment_broker_attributions');

-- What a broker did concerning a client, shown to that client (the audit log has the same entries).
-- The app may only add rows: nothing it runs can change or remove one.
create table broker_client_actions (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  broker_id uuid not null,
  investor_id uuid not null,
  action text not null check (action in ('invited', 'invitation_revoked', 'viewed_investments', 'exported_statement', 'detached')),
  detail text check (length(detail) <= 1000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, broker_id) references brokers (tenant_id, id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id)
);
create index idx_broker_client_actions_investor on broker_client_actions (tenant_id, investor_id, created_at desc);
select app_enable_tenant_rls('broker_client_actions');

grant select, insert, update on brokers, broker_settings, broker_invitations to cdp_app;
grant select, insert, delete on broker_offered_deals, broker_clients to cdp_app;
grant select, insert on investment_broker_attributions, broker_client_actions to cdp_app;
