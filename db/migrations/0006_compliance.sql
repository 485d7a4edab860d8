-- Compliance: the facts the rules engine reads about an investor (declarations, verified
-- accreditation, suitability) and the record of every decision it made (compliance_checks).
-- Money is numeric(78,0) in USD cents, the unit the US rules (Reg CF limits, the 506(c)
-- minimum-investment position) are written in.

-- One current declaration per investor, overwritten by the investor; every change is audited.
create table investor_declarations (
  tenant_id uuid not null,
  user_id uuid not null,
  residence_country char(2) not null check (residence_country ~ '^[A-Z]{2}$'),
  -- ISO 3166-2 subdivision of the residence (UA-43 Crimea...), where sanctions are regional.
  residence_subdivision text check (residence_subdivision ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
  nationality char(2) not null check (nationality ~ '^[A-Z]{2}$'),
  is_us_person boolean not null,
  investor_type text not null check (investor_type in ('natural_person', 'entity')),
  annual_income numeric(78,0) check (annual_income >= 0),
  net_worth numeric(78,0) check (net_worth >= 0),
  -- When income and net worth were stated (limits use what the investor last declared).
  financials_declared_at timestamptz,
  -- Crowdfunding investments made on other platforms in the last 12 months (Reg CF counts them).
  external_investments_12m numeric(78,0) not null default 0 check (external_investments_12m >= 0),
  declared_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('investor_declarations');

create table accreditation_verifications (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  method text not null check (method in ('letter_from_professional', 'income_documents', 'net_worth_documents', 'minimum_investment_representation')),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected')),
  -- Document references, the professional's details or the signed representation text.
  evidence jsonb not null default '{}',
  submitted_at timestamptz not null default now(),
  -- Null for representations: the issuer may rely on them (SEC staff position, March 2025).
  verified_by uuid,
  verified_at timestamptz,
  expires_at timestamptz,
  decision_reason text check (length(decision_reason) <= 2000),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, verified_by) references users (tenant_id, id),
  check ((status = 'approved') = (verified_at is not null))
);
select app_enable_tenant_rls('accreditation_verifications');
create index idx_accreditation_verifications_user on accreditation_verifications (tenant_id, user_id, verified_at desc);
create index idx_accreditation_verifications_status on accreditation_verifications (tenant_id, status, submitted_at, id);

-- Every submitted questionnaire is kept; the latest one counts.
create table suitability_assessments (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  answers jsonb not null,
  score integer not null check (score >= 0),
  band text not null check (length(band) between 1 and 50),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('suitability_assessments');
create index idx_suitability_assessments_user on suitability_assessments (tenant_id, user_id, created_at desc);

-- One row per evaluated investment attempt, allowed or blocked, with every rule's inputs and
-- outcome and the whole context (facts, deal terms, policy, time), so a decision can be
-- explained and re-run. Append-only: the only change allowed is linking an allowed check to
-- the investment it let through.
create table compliance_checks (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  deal_id uuid not null,
  investment_id uuid,
  amount numeric(78,0) not null check (amount > 0),
  currency text not null,
  currency_decimals smallint not null,
  outcome text not null check (outcome in ('allowed', 'blocked', 'review')),
  blocking_rule text,
  code text,
  -- Whether the investor counted as accredited: Reg D counts purchasers by their status at sale.
  investor_accredited boolean not null,
  rules jsonb not null,
  context jsonb not null,
  engine_version text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id)
);
select app_enable_tenant_rls('compliance_checks');
create index idx_compliance_checks_deal on compliance_checks (tenant_id, deal_id, created_at desc);
create index idx_compliance_checks_user on compliance_checks (tenant_id, user_id, created_at desc);
create index idx_compliance_checks_investment on compliance_checks (tenant_id, investment_id) where investment_id is not null;

-- Lets exactly one change through: an allowed check with no investment gets its investment id.
create or replace function compliance_checks_link_only() returns trigger
language plpgsql as $$
begin
  if old.investment_id is null and new.investment_id is not null and old.outcome = 'allowed'
     and (to_jsonb(new) - 'investment_id') = (to_jsonb(old) - 'investment_id') then
    return new;
  end if;
  raise exception 'compliance_checks is append-only' using errcode = '42501';
end $$;
create trigger compliance_checks_link_only before update on compliance_checks
  for each row execute function compliance_checks_link_only();
create trigger compliance_checks_append_only before delete on compliance_checks
  for each row execute function app_forbid_change();
create trigger compliance_checks_no_truncate before truncate on compliance_checks
  for each statement execute function app_forbid_change();

grant select, insert, update on investor_declarations to cdp_app;
grant select, insert, update on accreditation_verifications to cdp_app;
grant select, insert on suitability_assessments to cdp_app;
grant select, insert on compliance_checks to cdp_app;
grant update (investment_id) on compliance_checks to cdp_app;
