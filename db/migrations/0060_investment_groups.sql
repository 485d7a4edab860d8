-- Investment groups (src/server/groups): an issuer's own investor community, at most one per
-- issuer (the seed's rule: unique (tenant_id, issuer_id)). Investors apply with answers to the
-- group's questions (public groups) or join by a signed, expiring invitation link (private
-- groups); the issuer approves, rejects with a reason or waitlists, and may remove members.
create table investment_groups (
  tenant_id uuid not null,
  id uuid not null,
  issuer_id uuid not null,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  name text not null check (length(name) between 3 and 120),
  description text not null default '' check (length(description) <= 5000),
  privacy text not null default 'public' check (privacy in ('public', 'private')),
  -- Entry requirements, checked when an investor applies and again when they are admitted.
  min_verification_level text not null default 'none'
    check (min_verification_level in ('none', 'basic', 'standard', 'enhanced', 'accredited')),
  requires_accreditation boolean not null default false,
  -- The smallest commitment an applicant must state they intend to make, in minor units of currency.
  min_commitment numeric(78, 0) check (min_commitment > 0),
  currency text not null default 'USD',
  currency_decimals smallint not null default 2 check (currency_decimals between 0 and 18),
  -- Active members at most (null: no limit).
  capacity integer check (capacity > 0),
  questions jsonb not null default '[]',
  focus_areas text[] not null default '{}',
  brand_color text check (brand_color ~ '^#[0-9a-fA-F]{6}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, issuer_id),
  unique (tenant_id, slug),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id)
);
select app_enable_tenant_rls('investment_groups');
create index idx_investment_groups_privacy on investment_groups (tenant_id, privacy);

create table group_memberships (
  tenant_id uuid not null,
  group_id uuid not null,
  user_id uuid not null,
  status text not null default 'active' check (status in ('active', 'left', 'removed')),
  joined_via text not null check (joined_via in ('application', 'invitation')),
  joined_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by uuid,
  end_reason text check (length(end_reason) <= 1000),
  primary key (tenant_id, group_id, user_id),
  foreign key (tenant_id, group_id) references investment_groups (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, ended_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('group_memberships');
-- The seed's index: a viewer's active groups, read by every deal listing they make.
create index idx_group_members_status on group_memberships (tenant_id, user_id, status);
create index idx_group_memberships_group on group_memberships (tenant_id, group_id, status);

create table group_applications (
  tenant_id uuid not null,
  id uuid not null,
  group_id uuid not null,
  user_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'waitlisted', 'approved', 'rejected', 'withdrawn')),
  answers jsonb not null default '[]',
  intended_commitment numeric(78, 0) check (intended_commitment > 0),
  decided_by uuid,
  decided_at timestamptz,
  decision_reason text check (length(decision_reason) <= 1000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, group_id) references investment_groups (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, decided_by) references users (tenant_id, id),
  -- A rejection always says why.
  check (status <> 'rejected' or decision_reason is not null)
);
select app_enable_tenant_rls('group_applications');
-- One open application per investor and group: a second apply is a conflict, never a duplicate.
create unique index uq_group_applications_open on group_applications (tenant_id, group_id, user_id) where status in ('pending', 'waitlisted');
create index idx_group_applications_queue on group_applications (tenant_id, group_id, status, created_at);

-- Invitation links of private groups: the link carries a signed token naming this row; the
-- row lets the issuer revoke a link and records who used it.
create table group_invitations (
  tenant_id uuid not null,
  id uuid not null,
  group_id uuid not null,
  created_by uuid not null,
  note text check (length(note) <= 500),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  uses integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, group_id) references investment_groups (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('group_invitations');

-- Who may see a deal: everyone who may browse the tenant ('public'), the tenant's verified
-- investors ('verified'), or the members of one group ('group', the group in group_deals).
alter table deals add column visibility text not null default 'public' check (visibility in ('public', 'verified', 'group'));

-- Deals exclusive to one group (a deal belongs to at most one group).
create table group_deals (
  tenant_id uuid not null,
  deal_id uuid not null,
  group_id uuid not null,
  added_by uuid not null,
  added_at timestamptz not null default now(),
  primary key (tenant_id, deal_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, group_id) references investment_groups (tenant_id, id),
  foreign key (tenant_id, added_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('group_deals');
create index idx_group_deals_group on group_deals (tenant_id, group_id);

-- A deal is 'group' exactly when it has a group_deals row: checked at commit, so the service
-- may write the two in either order inside one transaction.
create or replace function app_check_deal_group_visibility() returns trigger
language plpgsql as $$
declare
  row_json jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
  d record;
begin
  for d in
    select x.id, x.visibility,
           exists (select from group_deals g where g.tenant_id = x.tenant_id and g.deal_id = x.id) as in_group
      from deals x
     where x.tenant_id = (row_json->>'tenant_id')::uuid
       and x.id = (row_json->>(case when tg_table_name = 'deals' then 'id' else 'deal_id' end))::uuid
  loop
    if (d.visibility = 'group') <> d.in_group then
      raise exception 'deal % has visibility % but % group', d.id, d.visibility, case when d.in_group then 'belongs to a' else 'no' end
        using errcode = '23514';
    end if;
  end loop;
  return null;
end $$;
create constraint trigger deal_group_visibility_deals after insert or update of visibility on deals
  deferrable initially deferred for each row execute function app_check_deal_group_visibility();
create constraint trigger deal_group_visibility_group_deals after insert or update or delete on group_deals
  deferrable initially deferred for each row execute function app_check_deal_group_visibility();

-- Indications of interest before a deal opens (AngelList-style pre-commitments): not an
-- investment, no money moves; the issuer sees the demand and the first to hear when it opens.
create table group_pre_commitments (
  tenant_id uuid not null,
  deal_id uuid not null,
  user_id uuid not null,
  group_id uuid not null,
  amount numeric(78, 0) not null check (amount > 0),
  status text not null default 'indicated' check (status in ('indicated', 'withdrawn')),
  notified_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, deal_id, user_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, group_id) references investment_groups (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('group_pre_commitments');
create index idx_group_pre_commitments_group on group_pre_commitments (tenant_id, group_id, deal_id);

grant select, insert, update on investment_groups, group_memberships, group_applications, group_invitations, group_pre_commitments to cdp_app;
grant select, insert, delete on group_deals to cdp_app;
