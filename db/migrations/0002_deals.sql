-- Issuers, deals, their content, investments and idempotency.
-- Money is numeric(78,0) in the currency's minor units, with the decimals beside it.

-- ---------------------------------------------------------------- documents (shared by issuers, deals, KYC)

create table documents (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  owner_type text not null check (owner_type in ('issuer', 'deal', 'investor')),
  owner_id uuid not null,
  title text not null check (length(title) between 1 and 200),
  kind text not null,
  current_version integer not null default 1,
  required_for_investors boolean not null default false,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  archived_at timestamptz,
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('documents');
create index idx_documents_owner on documents (tenant_id, owner_type, owner_id);

create table document_versions (
  tenant_id uuid not null,
  document_id uuid not null,
  version integer not null,
  cid text not null,
  file_name text not null,
  mime text not null,
  size_bytes bigint not null,
  sha256 text not null,
  uploaded_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, document_id, version),
  foreign key (tenant_id, document_id) references documents (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('document_versions');

create table document_access_logs (
  tenant_id uuid not null,
  id uuid not null,
  document_id uuid not null,
  version integer not null,
  user_id uuid,
  action text not null default 'download',
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('document_access_logs');
create index idx_document_access_logs_doc on document_access_logs (tenant_id, document_id, created_at desc);
create trigger document_access_logs_append_only before update or delete on document_access_logs
  for each row execute function app_forbid_change();

-- ---------------------------------------------------------------- issuers

create table legal_entities (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  registration_number text not null check (length(registration_number) between 1 and 64),
  entity_type text not null check (entity_type in ('corporation', 'llc', 'partnership', 'trust', 'fund', 'other')),
  address jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, jurisdiction, registration_number)
);
select app_enable_tenant_rls('legal_entities');

create table issuers (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  legal_entity_id uuid not null,
  status text not null default 'pending' check (status in ('pending', 'verified', 'rejected', 'suspended')),
  review_reason text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, legal_entity_id) references legal_entities (tenant_id, id)
);
select app_enable_tenant_rls('issuers');

create table issuer_profiles (
  tenant_id uuid not null,
  issuer_id uuid not null,
  display_name text not null,
  website text,
  description text,
  contact_email citext,
  logo_cid text,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, issuer_id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('issuer_profiles');

create table issuer_documents (
  tenant_id uuid not null,
  issuer_id uuid not null,
  document_id uuid not null,
  primary key (tenant_id, issuer_id, document_id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id) on delete cascade,
  foreign key (tenant_id, document_id) references documents (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('issuer_documents');

-- ---------------------------------------------------------------- deals

create table deals (
  tenant_id uuid not null,
  id uuid not null,
  issuer_id uuid not null,
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 120),
  title text not null check (length(title) between 3 and 200),
  summary text not null default '' check (length(summary) <= 500),
  description text not null default '' check (length(description) <= 50000),
  asset_type text not null check (asset_type in ('equity', 'debt', 'token')),
  status text not null default 'draft'
    check (status in ('draft', 'pending_review', 'active', 'funded', 'closed', 'cancelled', 'completed', 'archived')),
  currency text not null check (currency ~ '^[A-Z0-9]{2,10}$'),
  currency_decimals smallint not null check (currency_decimals between 0 and 18),
  payment_token_address text check (payment_token_address ~ '^0x[0-9a-fA-F]{40}$'),
  target_amount numeric(78,0) not null check (target_amount > 0),
  soft_cap numeric(78,0) not null check (soft_cap >= 0),
  hard_cap numeric(78,0) not null,
  min_ticket numeric(78,0) not null check (min_ticket > 0),
  max_ticket numeric(78,0),
  valuation numeric(78,0),
  starts_at timestamptz,
  ends_at timestamptz,
  featured boolean not null default false,
  chain_id integer,
  sale_address text,
  escrow_factory_address text,
  compliance jsonb not null default '{}',
  -- Live commitments (every investment not cancelled or refunded) and confirmed money:
  -- the hard-cap check is one conditional UPDATE of reserved_amount, never read-then-write.
  reserved_amount numeric(78,0) not null default 0,
  confirmed_amount numeric(78,0) not null default 0,
  investor_count integer not null default 0,
  review_reason text,
  submitted_at timestamptz,
  approved_at timestamptz,
  approved_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(description, '')), 'C')
  ) stored,
  primary key (tenant_id, id),
  unique (tenant_id, slug),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  check (soft_cap <= hard_cap),
  check (target_amount <= hard_cap),
  check (max_ticket is null or max_ticket >= min_ticket),
  check (ends_at is null or starts_at is null or ends_at > starts_at),
  check (reserved_amount >= 0 and reserved_amount <= hard_cap),
  check (confirmed_amount >= 0 and confirmed_amount <= reserved_amount)
);
select app_enable_tenant_rls('deals');
create index idx_deals_tenant_status on deals (tenant_id, status, created_at desc, id);
create index idx_deals_issuer on deals (tenant_id, issuer_id);
create index idx_deals_featured on deals (tenant_id, featured) where featured;
create index idx_deals_search on deals using gin (search);
create index idx_deals_title_trgm on deals using gin (title gin_trgm_ops);

create table deal_documents (
  tenant_id uuid not null,
  deal_id uuid not null,
  document_id uuid not null,
  primary key (tenant_id, deal_id, document_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, document_id) references documents (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_documents');

create table deal_media (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  kind text not null check (kind in ('image', 'video')),
  cid text not null,
  mime text not null,
  caption text,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_media');
create index idx_deal_media_deal on deal_media (tenant_id, deal_id, position);

create table deal_updates (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  author_id uuid not null,
  title text not null check (length(title) between 1 and 200),
  body text not null check (length(body) <= 20000),
  published_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_updates');
create index idx_deal_updates_deal on deal_updates (tenant_id, deal_id, published_at desc);

create table deal_faqs (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  question text not null check (length(question) between 1 and 500),
  answer text not null check (length(answer) <= 5000),
  position integer not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_faqs');
create index idx_deal_faqs_deal on deal_faqs (tenant_id, deal_id, position);

create table deal_key_terms (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  label text not null check (length(label) between 1 and 100),
  value text not null check (length(value) <= 500),
  position integer not null default 0,
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_key_terms');
create index idx_deal_key_terms_deal on deal_key_terms (tenant_id, deal_id, position);

create table deal_required_documents (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  description text,
  required boolean not null default true,
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_required_documents');

create table deal_groups (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  slug text not null,
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, slug)
);
select app_enable_tenant_rls('deal_groups');

create table deal_group_deals (
  tenant_id uuid not null,
  group_id uuid not null,
  deal_id uuid not null,
  position integer not null default 0,
  primary key (tenant_id, group_id, deal_id),
  foreign key (tenant_id, group_id) references deal_groups (tenant_id, id) on delete cascade,
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('deal_group_deals');

-- ---------------------------------------------------------------- investments

create table investments (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  investor_id uuid not null,
  amount numeric(78,0) not null check (amount > 0),
  currency text not null,
  currency_decimals smallint not null,
  payment_method text not null check (payment_method in ('crypto', 'wire', 'card', 'ach')),
  wallet_address text check (wallet_address ~ '^0x[0-9a-fA-F]{40}$'),
  status text not null check (status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed', 'refunded', 'cancelled')),
  transaction_hash text check (transaction_hash ~ '^0x[0-9a-fA-F]{64}$'),
  escrow_address text,
  cancel_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  confirmed_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('investments');
create index idx_investments_deal_investor on investments (tenant_id, deal_id, investor_id);
create index idx_investments_investor on investments (tenant_id, investor_id, created_at desc);
create index idx_investments_deal_status on investments (tenant_id, deal_id, status);

create table investment_events (
  tenant_id uuid not null,
  id uuid not null,
  investment_id uuid not null,
  from_status text,
  to_status text not null,
  actor_id uuid,
  reason text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('investment_events');
create index idx_investment_events_investment on investment_events (tenant_id, investment_id, created_at);

-- ---------------------------------------------------------------- reviews and comments

create table deal_reviews (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  investor_id uuid not null,
  rating smallint not null check (rating between 1 and 5),
  body text not null default '' check (length(body) <= 5000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, deal_id, investor_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, investor_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('deal_reviews');

create table deal_comments (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  author_id uuid not null,
  parent_id uuid,
  body text not null check (length(body) between 1 and 5000),
  is_issuer_reply boolean not null default false,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, parent_id) references deal_comments (tenant_id, id),
  foreign key (tenant_id, author_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('deal_comments');
create index idx_deal_comments_deal on deal_comments (tenant_id, deal_id, created_at);

-- ---------------------------------------------------------------- idempotency (Stripe semantics)

create table idempotency_keys (
  tenant_id uuid not null,
  actor_id uuid not null,
  endpoint text not null,
  key text not null check (length(key) between 1 and 255),
  request_hash text not null,
  state text not null default 'running' check (state in ('running', 'completed')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (tenant_id, actor_id, endpoint, key)
);
select app_enable_tenant_rls('idempotency_keys');
create index idx_idempotency_keys_expires on idempotency_keys (expires_at);

grant select, insert, update, delete on documents, document_versions, legal_entities, issuers, issuer_profiles,
  issuer_documents, deals, deal_documents, deal_media, deal_updates, deal_faqs, deal_key_terms, deal_required_documents,
  deal_groups, deal_group_deals, investments, investment_events, deal_reviews, deal_comments, idempotency_keys to cdp_app;
grant select, insert on document_access_logs to cdp_app;
