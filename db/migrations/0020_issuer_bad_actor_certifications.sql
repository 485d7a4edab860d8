-- Bad-actor disqualification (17 CFR 230.506(d), (e); 227.503 for Regulation Crowdfunding): an
-- offering is disqualified when the issuer or a covered person (directors, executive officers,
-- other officers participating in the offering, general partners and managing members, 20%
-- beneficial owners, promoters, compensated solicitors) has a disqualifying event. The issuer
-- certifies, after a factual inquiry, that none has; events before 23 September 2013 are
-- disclosed instead (506(e)). Kept as an append-only record: each certification is a new row.
create table issuer_bad_actor_certifications (
  tenant_id uuid not null,
  id uuid not null,
  issuer_id uuid not null,
  certified_by uuid not null,
  -- The covered persons inquired about: [{ name, role }].
  covered_persons jsonb not null,
  -- Disqualifying events before 23 September 2013, disclosed to purchasers under 506(e); null when none.
  prior_events_disclosure text check (length(prior_events_disclosure) <= 10000),
  statement text not null check (length(statement) between 20 and 5000),
  certified_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  foreign key (tenant_id, certified_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('issuer_bad_actor_certifications');
create index idx_issuer_bad_actor_certifications_issuer on issuer_bad_actor_certifications (tenant_id, issuer_id, certified_at desc);

grant select, insert on issuer_bad_actor_certifications to cdp_app;
