-- Regulation Crowdfunding, 17 CFR 227.304(c): when an issuer makes a material change to the terms
-- of an offering or to the information it provided, every investor who has made a commitment is
-- told, and must reconfirm the investment commitment within five business days or it is cancelled
-- (and any money returned). An issuer records each material change as an amendment; one
-- reconfirmation row per commitment outstanding at that moment tracks the answer.
create table deal_material_changes (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  -- What changed: amount, terms, valuation, deadline, use_of_proceeds, key_terms, other.
  kinds text[] not null check (cardinality(kinds) between 1 and 7),
  description text not null check (length(description) between 20 and 4000),
  previous_ends_at timestamptz,
  new_ends_at timestamptz,
  reconfirm_by timestamptz not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('deal_material_changes');
create index idx_deal_material_changes_deal on deal_material_changes (tenant_id, deal_id, created_at);
create trigger deal_material_changes_append_only before update or delete on deal_material_changes
  for each row execute function app_forbid_change();

create table investment_reconfirmations (
  tenant_id uuid not null,
  material_change_id uuid not null,
  investment_id uuid not null,
  investor_id uuid not null,
  due_at timestamptz not null,
  status text not null default 'pending' check (status in ('pending', 'reconfirmed', 'cancelled', 'withdrawn')),
  decided_at timestamptz,
  primary key (tenant_id, material_change_id, investment_id),
  foreign key (tenant_id, material_change_id) references deal_material_changes (tenant_id, id),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id),
  check ((status = 'pending') = (decided_at is null))
);
select app_enable_tenant_rls('investment_reconfirmations');
create index idx_investment_reconfirmations_due on investment_reconfirmations (tenant_id, due_at) where status = 'pending';
create index idx_investment_reconfirmations_investment on investment_reconfirmations (tenant_id, investment_id);

grant select, insert on deal_material_changes to cdp_app;
grant select, insert, update on investment_reconfirmations to cdp_app;
