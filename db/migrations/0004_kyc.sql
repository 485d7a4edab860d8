-- KYC: applications with any provider (manual review, Sumsub, ShuftiPro), their documents,
-- provider events, and a tenant's own provider credentials (encrypted by the application).

create table kyc_applications (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  provider text not null check (provider in ('manual', 'sumsub', 'shuftipro')),
  -- The provider's applicant id (Sumsub applicant id); for manual and ShuftiPro the reference we sent.
  external_applicant_id text not null check (length(external_applicant_id) between 1 and 200),
  -- What we told the provider this applicant is (Sumsub externalUserId, ShuftiPro reference).
  external_reference text not null check (length(external_reference) between 1 and 250),
  level_requested text not null default 'standard' check (level_requested in ('standard', 'enhanced', 'accredited')),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'pending', 'approved', 'rejected', 'retry')),
  decision_reason text check (length(decision_reason) <= 2000),
  reviewed_by uuid,
  reviewed_at timestamptz,
  -- When the provider says the latest applied event happened: older events arriving later are stale.
  last_event_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, provider, external_applicant_id),
  -- No cascade: KYC records are kept for the retention period AML rules demand, even
  -- when an account is closed; erasure is a deliberate, separate procedure.
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, reviewed_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('kyc_applications');
create index idx_kyc_applications_status on kyc_applications (tenant_id, status, created_at, id);
create index idx_kyc_applications_user on kyc_applications (tenant_id, user_id, created_at desc);
-- One open application per investor: a second start returns (or resubmits) the open one.
create unique index uq_kyc_applications_open on kyc_applications (tenant_id, user_id)
  where status in ('draft', 'submitted', 'pending', 'retry');

create table kyc_documents (
  tenant_id uuid not null,
  id uuid not null,
  application_id uuid not null,
  kind text not null check (kind in ('passport', 'id_card', 'driving_licence', 'selfie', 'proof_of_address', 'accreditation_letter', 'other')),
  cid text not null,
  mime text not null,
  size bigint not null check (size > 0),
  encrypted boolean not null,
  uploaded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, application_id) references kyc_applications (tenant_id, id)
);
select app_enable_tenant_rls('kyc_documents');
create index idx_kyc_documents_application on kyc_documents (tenant_id, application_id, uploaded_at);

-- Provider events attributed to one of this tenant's applications (or recorded as ignored
-- when the applicant is unknown here). Append-only: the trail of what a provider said.
create table kyc_events (
  tenant_id uuid not null,
  id uuid not null,
  application_id uuid,
  provider text not null check (provider in ('sumsub', 'shuftipro')),
  event_id text not null check (length(event_id) between 1 and 300),
  event_type text not null check (length(event_type) <= 100),
  mapped_status text check (mapped_status in ('submitted', 'pending', 'approved', 'rejected', 'retry')),
  outcome text not null check (outcome in ('applied', 'stale', 'ignored')),
  occurred_at timestamptz,
  payload jsonb not null default '{}',
  received_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, provider, event_id),
  foreign key (tenant_id, application_id) references kyc_applications (tenant_id, id)
);
select app_enable_tenant_rls('kyc_events');
create index idx_kyc_events_application on kyc_events (tenant_id, application_id, received_at);
create trigger kyc_events_append_only before update or delete on kyc_events
  for each row execute function app_forbid_change();
create trigger kyc_events_no_truncate before truncate on kyc_events for each statement execute function app_forbid_change();

-- Platform-level idempotency of provider deliveries, keyed by the provider's event id.
-- No tenant_id on purpose: it is written before anything is attributed. It holds no
-- personal data (a provider name, an opaque event id, an outcome).
create table kyc_webhook_receipts (
  provider text not null check (provider in ('sumsub', 'shuftipro')),
  event_id text not null check (length(event_id) between 1 and 300),
  received_at timestamptz not null default now(),
  outcome text not null check (outcome in ('applied', 'stale', 'ignored')),
  primary key (provider, event_id)
);

-- A tenant's own provider credentials, AES-256-GCM under DATA_ENCRYPTION_KEY with the
-- tenant and provider as associated data (a row copied to another tenant does not decrypt).
create table tenant_kyc_credentials (
  tenant_id uuid not null references tenants (id) on delete cascade,
  provider text not null check (provider in ('sumsub', 'shuftipro')),
  encrypted_secret text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, provider)
);
select app_enable_tenant_rls('tenant_kyc_credentials');

grant select, insert, update on kyc_applications to cdp_app;
grant select, insert on kyc_documents to cdp_app;
grant select, insert on kyc_events to cdp_app;
grant select, insert, update on kyc_webhook_receipts to cdp_app;
grant select, insert, update, delete on tenant_kyc_credentials to cdp_app;
