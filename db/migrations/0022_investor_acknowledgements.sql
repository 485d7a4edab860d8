-- Regulation Crowdfunding: before an investor's first investment the intermediary delivers its
-- educational materials (17 CFR 227.302(b)) and obtains the investor's acknowledgement that they
-- reviewed them, understand that they may lose the whole investment and can bear that loss, and
-- understand the restrictions on cancellation and resale (227.303(b)(2)). One row per investor
-- and version of the materials: a new version needs a new acknowledgement. Append-only.
create table investor_acknowledgements (
  tenant_id uuid not null,
  user_id uuid not null,
  kind text not null check (kind in ('reg_cf_education')),
  material_version text not null check (length(material_version) between 1 and 100),
  -- What the investor confirmed, item by item.
  statements jsonb not null,
  acknowledged_at timestamptz not null default now(),
  primary key (tenant_id, user_id, kind, material_version),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('investor_acknowledgements');

grant select, insert on investor_acknowledgements to cdp_app;
