-- Rule 506(b) forbids general solicitation (17 CFR 230.502(c)): a 506(b) deal is shown only to
-- investors with a pre-existing substantive relationship: verified members who joined before
-- the offering opened, or investors the issuer or an admin invited explicitly, recorded here.
create table deal_invitations (
  tenant_id uuid not null,
  deal_id uuid not null,
  user_id uuid not null,
  invited_by uuid not null,
  -- How the relationship came about (an existing client of the issuer, a prior investor...).
  note text check (length(note) <= 1000),
  invited_at timestamptz not null default now(),
  primary key (tenant_id, deal_id, user_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, invited_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('deal_invitations');
create index idx_deal_invitations_user on deal_invitations (tenant_id, user_id);

grant select, insert on deal_invitations to cdp_app;
