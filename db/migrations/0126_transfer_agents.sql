-- Transfer agents (issue 20): a member holding the `transfer_agent` role keeps the official holder
-- register of the tenant's deals. The register is computed from confirmed investments plus the
-- corporate actions the agent records here (off-chain approved transfers between holders, freezes
-- and unfreezes); each action is append-only and audited.

create table transfer_agents (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  user_id uuid not null,
  display_name text not null check (length(display_name) between 1 and 120),
  status text not null default 'active' check (status in ('active', 'suspended')),
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('transfer_agents');

create table transfer_agent_settings (
  tenant_id uuid not null references tenants (id),
  transfer_agent_id uuid not null,
  -- e.g. the SEC transfer agent registration (Form TA-1) number.
  registration_number text not null check (length(registration_number) between 1 and 64),
  registration_jurisdiction text not null check (registration_jurisdiction ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  contact_email text check (length(contact_email) <= 254),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, transfer_agent_id),
  foreign key (tenant_id, transfer_agent_id) references transfer_agents (tenant_id, id),
  foreign key (tenant_id, updated_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('transfer_agent_settings');

-- Corporate actions on a deal's register. transfer: amount (deal currency minor units) moves from
-- one holder to another, approved off chain; freeze / unfreeze: the holder's position may not move.
create table transfer_agent_actions (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  deal_id uuid not null,
  kind text not null check (kind in ('transfer', 'freeze', 'unfreeze')),
  holder_id uuid not null,
  to_holder_id uuid,
  amount numeric(78,0) check (amount > 0),
  -- What the receiver paid (deal currency minor units); null when not disclosed or a gift.
  consideration numeric(78,0) check (consideration >= 0),
  reason text not null check (length(reason) between 3 and 1000),
  effective_at timestamptz not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, holder_id) references users (tenant_id, id),
  foreign key (tenant_id, to_holder_id) references users (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id),
  check ((kind = 'transfer') = (to_holder_id is not null and amount is not null)),
  check (kind = 'transfer' or consideration is null),
  check (to_holder_id is null or to_holder_id <> holder_id)
);
create index idx_transfer_agent_actions_deal on transfer_agent_actions (tenant_id, deal_id, recorded_at, id);
create index idx_transfer_agent_actions_holder on transfer_agent_actions (tenant_id, holder_id);
select app_enable_tenant_rls('transfer_agent_actions');

grant select, insert, update on transfer_agents, transfer_agent_settings to cdp_app;
grant select, insert on transfer_agent_actions to cdp_app;
