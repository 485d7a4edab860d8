-- Bad actors, person by person (17 CFR 230.506(d), (e); 227.503): each covered person of an issuer
-- (director, executive officer, officer participating in the offering, general partner, managing
-- member, 20% beneficial owner, promoter, compensated solicitor) with the factual inquiry made into
-- them (reasonable care, 506(d)(2)(iv)) and any disqualifying event (type, date, order). An event
-- on or after 23 September 2013 disqualifies unless the Commission waived it (506(d)(2)(ii)); one
-- before is disclosed to purchasers (506(e)).
create table issuer_covered_persons (
  tenant_id uuid not null,
  id uuid not null,
  issuer_id uuid not null,
  name text not null check (length(name) between 2 and 200),
  role text not null check (role in ('director', 'executive_officer', 'officer', 'general_partner', 'managing_member', 'beneficial_owner_20', 'promoter', 'compensated_solicitor')),
  inquiry_method text check (length(inquiry_method) between 10 and 2000),
  inquired_at timestamptz,
  inquired_by uuid,
  removed_at timestamptz,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id),
  foreign key (tenant_id, inquired_by) references users (tenant_id, id),
  check ((inquiry_method is null) = (inquired_at is null))
);
select app_enable_tenant_rls('issuer_covered_persons');
create index idx_issuer_covered_persons_issuer on issuer_covered_persons (tenant_id, issuer_id) where removed_at is null;

create table covered_person_events (
  tenant_id uuid not null,
  id uuid not null,
  covered_person_id uuid not null,
  issuer_id uuid not null,
  event_type text not null check (event_type in ('criminal_conviction', 'court_injunction', 'regulatory_final_order', 'sec_disciplinary_order', 'sec_cease_and_desist', 'sro_suspension_expulsion', 'sec_stop_order', 'usps_false_representation')),
  event_date date not null,
  order_reference text not null check (length(order_reference) between 2 and 500),
  description text check (length(description) <= 4000),
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  waiver_reference text check (length(waiver_reference) between 2 and 500),
  waived_at timestamptz,
  waived_by uuid,
  primary key (tenant_id, id),
  foreign key (tenant_id, covered_person_id) references issuer_covered_persons (tenant_id, id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id),
  foreign key (tenant_id, waived_by) references users (tenant_id, id),
  check ((waiver_reference is null) = (waived_at is null))
);
select app_enable_tenant_rls('covered_person_events');
create index idx_covered_person_events_issuer on covered_person_events (tenant_id, issuer_id);

-- The covered persons on record that a certification covered.
alter table issuer_bad_actor_certifications add column covered_person_ids uuid[] not null default '{}';

grant select, insert on issuer_covered_persons, covered_person_events to cdp_app;
grant update (inquiry_method, inquired_at, inquired_by, removed_at) on issuer_covered_persons to cdp_app;
grant update (waiver_reference, waived_at, waived_by) on covered_person_events to cdp_app;
