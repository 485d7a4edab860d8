-- Regulation Crowdfunding purchases an investor made through other intermediaries, as the
-- investor states them (17 CFR 227.303(b)(1) lets the platform rely on that statement), each
-- with its date: 227.100(a)(2) counts purchases in the 12 months before a sale, so an entry
-- stops counting 12 months after it was made. Replaces investor_declarations.external_investments_12m,
-- one undated number that every save of the declaration reset to zero.
create table investor_external_reg_cf_investments (
  tenant_id uuid not null,
  user_id uuid not null,
  id uuid not null,
  -- U.S. cents, the unit of the Reg CF limits.
  amount numeric(78,0) not null check (amount > 0),
  -- The day of the purchase, as midnight UTC.
  invested_on timestamptz not null,
  intermediary text check (length(intermediary) <= 200),
  stated_at timestamptz not null default now(),
  primary key (tenant_id, user_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('investor_external_reg_cf_investments');

-- Keep what investors stated before: the undated amount is dated at the declaration's last
-- change (the conservative reading: it counts for the next 12 months), tenant by tenant.
do $$
declare tid uuid;
begin
  for tid in select id from tenants loop
    perform set_config('app.tenant_id', tid::text, true);
    insert into investor_external_reg_cf_investments (tenant_id, user_id, id, amount, invested_on, intermediary, stated_at)
    select d.tenant_id, d.user_id, gen_random_uuid(), d.external_investments_12m, date_trunc('day', d.updated_at at time zone 'UTC') at time zone 'UTC', null, d.updated_at
      from investor_declarations d
     where d.tenant_id = tid and d.external_investments_12m > 0;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;

grant select, insert, delete on investor_external_reg_cf_investments to cdp_app;
