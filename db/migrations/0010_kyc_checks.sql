-- The checks behind a verification level: which piece of evidence a compliance officer (or
-- the provider's review) found good, per application. The 'enhanced' level is derived from
-- these rows (identity + liveness + a recent proof of address) together with the screening
-- queue, so a level can always be traced back to what was checked, by whom and when.
-- Append-only for the app: a decision is recorded once per document and check.

create table kyc_checks (
  tenant_id uuid not null,
  id uuid not null,
  application_id uuid not null,
  -- The reviewed document (manual review); null when the provider checked it (Sumsub, ShuftiPro).
  document_id uuid,
  check_kind text not null check (check_kind in ('identity', 'liveness', 'proof_of_address')),
  outcome text not null check (outcome in ('passed', 'failed')),
  -- Proof of address: the issue date on the document, when the reviewer or provider read one.
  issued_on date,
  source text not null check (source in ('manual_review', 'provider')),
  reviewed_by uuid,
  -- The provider delivery that reported it (kyc_events.event_id).
  event_id text check (length(event_id) <= 300),
  note text check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, application_id, check_kind, document_id),
  foreign key (tenant_id, application_id) references kyc_applications (tenant_id, id),
  foreign key (tenant_id, document_id) references kyc_documents (tenant_id, id),
  foreign key (tenant_id, reviewed_by) references users (tenant_id, id),
  check ((source = 'manual_review') = (document_id is not null and reviewed_by is not null))
);
select app_enable_tenant_rls('kyc_checks');
create index idx_kyc_checks_application on kyc_checks (tenant_id, application_id, check_kind);

grant select, insert on kyc_checks to cdp_app;
