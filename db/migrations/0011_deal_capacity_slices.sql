-- A deal's free capacity (hard cap minus what is reserved) split over a few rows, so concurrent
-- invests in one hot deal lock different rows instead of queueing on the deal's row until each
-- COMMIT. An invest takes its whole amount from one unlocked slice (FOR UPDATE SKIP LOCKED);
-- when no single slice can, it locks every slice of the deal in slice order and takes from
-- several, or refuses. The hard cap stays exact: every slice is >= 0 and they add up to the
-- hard cap minus the reserved amount. See src/server/deals/capacity.ts.

-- Once a deal's capacity is sliced, what it has reserved is hard_cap - sum(slices.available);
-- the deal row no longer changes on every invest. The column keeps the reserved amount of a
-- deal that has no slices (never active since this migration, or closed before it) and is
-- brought up to date whenever the slices are (re)split. Renamed so no reader takes it for the
-- live figure.
alter table deals rename column reserved_amount to reserved_unsliced;
comment on column deals.reserved_unsliced is
  'Reserved amount while the deal has no deal_capacity_slices rows; once sliced, the reserved amount is hard_cap - sum(available) of its slices, and this holds the figure at the last split.';

-- confirmed_amount <= reserved can no longer be checked on the deal row alone.
do $$
declare c text;
begin
  for c in
    select conname from pg_constraint
     where conrelid = 'deals'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%confirmed_amount <= reserved_unsliced%'
  loop
    execute format('alter table deals drop constraint %I', c);
  end loop;
end $$;
alter table deals add constraint deals_confirmed_amount_nonnegative check (confirmed_amount >= 0);

create table deal_capacity_slices (
  tenant_id uuid not null,
  deal_id uuid not null,
  slice smallint not null check (slice between 0 and 255),
  -- what this slice may still hand out, in the deal's minor units
  available numeric(78,0) not null check (available >= 0),
  -- false once the deal left 'active': set on every slice, so an invest racing the close
  -- either commits before it or re-reads false under the slice's row lock.
  open boolean not null default true,
  primary key (tenant_id, deal_id, slice),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
) with (fillfactor = 50); -- room on the page for HOT updates: `available` changes on every invest
select app_enable_tenant_rls('deal_capacity_slices');
grant select, insert, update on deal_capacity_slices to cdp_app;

-- Slice the deals that take investments now, tenant by tenant under their own RLS setting.
do $$
declare tid uuid;
begin
  for tid in select id from tenants loop
    perform set_config('app.tenant_id', tid::text, true);
    insert into deal_capacity_slices (tenant_id, deal_id, slice, available, open)
    select d.tenant_id, d.id, g.slice,
           div(d.hard_cap - d.reserved_unsliced, 16) + case when g.slice < mod(d.hard_cap - d.reserved_unsliced, 16) then 1 else 0 end,
           true
      from deals d cross join generate_series(0, 15) as g(slice)
     where d.tenant_id = tid and d.status = 'active'
    on conflict do nothing;
  end loop;
  perform set_config('app.tenant_id', '', true);
end $$;
