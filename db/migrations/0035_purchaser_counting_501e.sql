-- Rule 501(e) (17 CFR 230.501(e)): who is a separate purchaser when the 35 non-accredited
-- purchasers of Rule 506(b) are counted. A relative, spouse or relative of the spouse sharing the
-- purchaser's primary residence (501(e)(1)(i), (ii)) and an entity of which the purchaser and such
-- persons own more than 50% (501(e)(1)(iii)) count as one with that purchaser; an entity counts as
-- one purchaser unless it was organised to acquire the securities, when each of its beneficial
-- owners counts (501(e)(2)). The investor (for themselves) or a compliance officer records one
-- declaration per investor; the count reads it under the issuer's 506(b) lock.
create table purchaser_counting_declarations (
  tenant_id uuid not null,
  user_id uuid not null,
  kind text not null check (kind in ('household_member', 'controlled_entity', 'formed_to_invest')),
  -- household_member / controlled_entity: the purchaser they count as one with.
  counted_with_user_id uuid,
  relationship text check (relationship in ('spouse', 'relative', 'spouse_relative')),
  ownership_percent numeric(5,2) check (ownership_percent > 50 and ownership_percent <= 100),
  -- formed_to_invest: its beneficial owners who are not accredited, each a purchaser.
  non_accredited_owners integer check (non_accredited_owners between 1 and 1000),
  statement text not null check (length(statement) between 10 and 2000),
  recorded_by uuid not null,
  recorded_role text not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, counted_with_user_id) references users (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id),
  check (counted_with_user_id is null or counted_with_user_id <> user_id),
  check (case kind
           when 'household_member' then counted_with_user_id is not null and relationship is not null and ownership_percent is null and non_accredited_owners is null
           when 'controlled_entity' then counted_with_user_id is not null and ownership_percent is not null and relationship is null and non_accredited_owners is null
           else counted_with_user_id is null and non_accredited_owners is not null and relationship is null and ownership_percent is null end)
);
select app_enable_tenant_rls('purchaser_counting_declarations');
create index idx_purchaser_counting_with on purchaser_counting_declarations (tenant_id, counted_with_user_id);

grant select, insert, update, delete on purchaser_counting_declarations to cdp_app;
