-- Form D (17 CFR 230.503): when a Reg D deal's due day passes without an initial filing recorded,
-- the tenant's compliance officers are told once; this row is the "once".
create table form_d_overdue_notices (
  tenant_id uuid not null,
  deal_id uuid not null,
  due_on date not null,
  notified_at timestamptz not null default now(),
  recipients integer not null,
  primary key (tenant_id, deal_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id)
);
select app_enable_tenant_rls('form_d_overdue_notices');

grant select, insert on form_d_overdue_notices to cdp_app;
