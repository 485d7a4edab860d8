-- Lending risk disclosures (issue 19): whether a tenant may offer lending is a compliance question,
-- so the tenant writes the risks its members must read, and a member acknowledges the version in
-- force before their first supply or borrow. A new version asks everyone again.
create table lending_settings (
  tenant_id uuid not null references tenants (id),
  disclosure_title text not null check (length(disclosure_title) between 1 and 200),
  disclosure_body text not null check (length(disclosure_body) between 1 and 20000),
  disclosure_version integer not null check (disclosure_version > 0),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id)
);
select app_enable_tenant_rls('lending_settings');

create table lending_disclosure_acknowledgements (
  tenant_id uuid not null references tenants (id),
  user_id uuid not null,
  disclosure_version integer not null check (disclosure_version > 0),
  acknowledged_at timestamptz not null default now(),
  primary key (tenant_id, user_id, disclosure_version),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('lending_disclosure_acknowledgements');

grant select, insert, update on lending_settings to cdp_app;
grant select, insert on lending_disclosure_acknowledgements to cdp_app;
