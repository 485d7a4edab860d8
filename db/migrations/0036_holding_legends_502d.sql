-- Rule 502(d) (17 CFR 230.502(d)): securities sold under Regulation D are restricted; the issuer
-- takes reasonable care that purchasers are not underwriters, among others by placing a legend on
-- the securities (502(d)(2)) and stop-transfer instructions. One legend per Reg D holding, written
-- when the sale is confirmed; the stop-transfer flag holds every transfer of the holding until a
-- compliance officer lifts it (with the reason, e.g. Rule 144 satisfied), and transfer gates read it.
create table holding_legends (
  tenant_id uuid not null,
  investment_id uuid not null,
  deal_id uuid not null,
  investor_id uuid not null,
  regime text not null check (regime in ('reg_d_506b', 'reg_d_506c')),
  legend text not null check (length(legend) between 50 and 4000),
  stop_transfer boolean not null default true,
  stop_lifted_at timestamptz,
  stop_lifted_by uuid,
  stop_lift_reason text check (length(stop_lift_reason) <= 1000),
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, investment_id),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id),
  foreign key (tenant_id, stop_lifted_by) references users (tenant_id, id),
  check (stop_transfer = (stop_lifted_at is null))
);
select app_enable_tenant_rls('holding_legends');
create index idx_holding_legends_holder on holding_legends (tenant_id, investor_id, deal_id);

grant select, insert on holding_legends to cdp_app;
grant update (stop_transfer, stop_lifted_at, stop_lifted_by, stop_lift_reason) on holding_legends to cdp_app;
