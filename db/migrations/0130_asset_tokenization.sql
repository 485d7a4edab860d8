-- Asset tokenization (issue 18, part 1): issuers apply to tokenize an asset, the tenant's reviewers
-- request changes, approve or reject; an approved application becomes an asset issued as a
-- PermissionedToken on the tenant's chain, with the tenant's IdentityRegistry of KYC-verified wallets.
-- Money is numeric(78,0) in minor units with the decimals beside it; token amounts in base units.

-- Token and registry deployments and identity registrations are transactions of the tenant's keys.
alter table chain_transactions drop constraint chain_transactions_reference_type_check;
alter table chain_transactions add constraint chain_transactions_reference_type_check
  check (reference_type in ('escrow', 'deal', 'tenant', 'platform', 'staking_pool', 'lending_pool', 'asset', 'identity_registry'));

create table asset_applications (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  issuer_id uuid not null,
  created_by uuid not null,
  -- draft -> submitted -> (changes_requested -> submitted)* -> approved | rejected
  status text not null default 'draft' check (status in ('draft', 'submitted', 'changes_requested', 'approved', 'rejected')),
  asset_type text not null check (asset_type in ('real_estate', 'fund_units', 'revenue_share', 'equity', 'debt')),
  name text not null check (length(name) between 1 and 120),
  symbol text not null check (symbol ~ '^[A-Z0-9]{2,11}$'),
  description text not null check (length(description) between 1 and 20000),
  valuation numeric(78,0) not null check (valuation > 0),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  currency_decimals smallint not null check (currency_decimals between 0 and 18),
  -- Token supply in base units (supply_whole * 10^decimals), minted to the treasury at issuance.
  supply numeric(78,0) not null check (supply > 0),
  decimals smallint not null check (decimals between 0 and 18),
  jurisdiction text not null check (jurisdiction ~ '^[A-Z]{2}(-[A-Z0-9]{1,3})?$'),
  regulation text not null check (regulation in ('reg_d', 'reg_s', 'reg_cf')),
  chain_id bigint not null,
  -- The issuer's wallet that receives the supply and distributes it.
  treasury_address text not null check (treasury_address ~ '^0x[0-9a-f]{40}$'),
  -- Transfer restrictions, as the token enforces them (0 / empty = none).
  lockup_seconds bigint not null default 0 check (lockup_seconds between 0 and 315360000),
  reg_s_period_seconds bigint not null default 0 check (reg_s_period_seconds between 0 and 315360000),
  max_holders integer not null default 0 check (max_holders >= 0),
  max_balance numeric(78,0) not null default 0 check (max_balance >= 0),
  allowed_countries text[] not null default '{}',
  review_reason text,
  reviewed_by uuid,
  reviewed_at timestamptz,
  submitted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  foreign key (tenant_id, created_by) references users (tenant_id, id),
  check (max_balance = 0 or max_balance <= supply),
  check (regulation <> 'reg_s' or reg_s_period_seconds > 0)
);
create index idx_asset_applications_status on asset_applications (tenant_id, status, updated_at desc);
create index idx_asset_applications_issuer on asset_applications (tenant_id, issuer_id, updated_at desc);
select app_enable_tenant_rls('asset_applications');

-- Every review step, as deals keep theirs: both sides read the same history.
create table asset_application_events (
  tenant_id uuid not null,
  id uuid not null,
  application_id uuid not null,
  action text not null check (action in ('submit', 'request_changes', 'approve', 'reject')),
  actor_id uuid not null,
  reason text check (length(reason) <= 2000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, application_id) references asset_applications (tenant_id, id),
  foreign key (tenant_id, actor_id) references users (tenant_id, id)
);
create index idx_asset_application_events on asset_application_events (tenant_id, application_id, created_at);
select app_enable_tenant_rls('asset_application_events');

-- The application's documents: the issuer's own documents (documents storage, owner 'issuer').
create table asset_documents (
  tenant_id uuid not null,
  application_id uuid not null,
  document_id uuid not null,
  primary key (tenant_id, application_id, document_id),
  foreign key (tenant_id, application_id) references asset_applications (tenant_id, id),
  foreign key (tenant_id, document_id) references documents (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('asset_documents');

-- The tenant's IdentityRegistry per chain (one for all its tokens), deployed by the issuing job.
create table asset_identity_registries (
  tenant_id uuid not null references tenants (id),
  chain_id bigint not null,
  registry_address text check (registry_address ~ '^0x[0-9a-f]{40}$'),
  deploy_tx_id uuid,
  -- Bumped with every registry write the job records: part of each write's dedupe key, so a write
  -- repeated by a pass that died is sent once, and a later identical write (after a removal) is sent again.
  write_seq integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, chain_id)
);
select app_enable_tenant_rls('asset_identity_registries');

-- What the registry holds for each wallet, as last written on chain (the job compares it with KYC).
create table asset_identity_registrations (
  tenant_id uuid not null,
  chain_id bigint not null,
  wallet_address text not null check (wallet_address ~ '^0x[0-9a-f]{40}$'),
  user_id uuid not null,
  country char(2) not null check (country ~ '^[A-Z]{2}$'),
  category smallint not null check (category between 1 and 4),
  tx_id uuid not null,
  registered_at timestamptz not null default now(),
  primary key (tenant_id, chain_id, wallet_address),
  foreign key (tenant_id, chain_id) references asset_identity_registries (tenant_id, chain_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('asset_identity_registrations');

-- An issued asset: its token once deployed. Terms stay on the application it came from.
create table assets (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  application_id uuid not null,
  issuer_id uuid not null,
  name text not null,
  symbol text not null,
  asset_type text not null,
  chain_id bigint not null,
  -- The current valuation (the issuer's valuation updates move it).
  valuation numeric(78,0) not null check (valuation > 0),
  currency char(3) not null,
  currency_decimals smallint not null,
  status text not null default 'issuing' check (status in ('issuing', 'issued')),
  token_address text check (token_address ~ '^0x[0-9a-f]{40}$'),
  registry_address text check (registry_address ~ '^0x[0-9a-f]{40}$'),
  deploy_tx_id uuid,
  reg_s_period_ends_at timestamptz,
  approved_by uuid not null,
  created_at timestamptz not null default now(),
  issued_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, application_id),
  foreign key (tenant_id, application_id) references asset_applications (tenant_id, id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  check ((status = 'issued') = (token_address is not null))
);
create unique index uq_assets_token on assets (tenant_id, chain_id, token_address) where token_address is not null;
create index idx_assets_tenant on assets (tenant_id, created_at desc);
select app_enable_tenant_rls('assets');
-- The indexer follows the tokens the platform itself deployed: it finds them here (read only).
create policy assets_indexer_read on assets for select to cdp_indexer using (true);

-- The issuer's updates: news, or a new valuation (which becomes the asset's).
create table asset_updates (
  tenant_id uuid not null,
  id uuid not null,
  asset_id uuid not null,
  kind text not null check (kind in ('news', 'valuation')),
  title text not null check (length(title) between 1 and 200),
  body text not null check (length(body) between 1 and 20000),
  valuation numeric(78,0) check (valuation > 0),
  posted_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, asset_id) references assets (tenant_id, id),
  foreign key (tenant_id, posted_by) references users (tenant_id, id),
  check ((kind = 'valuation') = (valuation is not null))
);
create index idx_asset_updates on asset_updates (tenant_id, asset_id, created_at desc);
select app_enable_tenant_rls('asset_updates');

-- Every balance change of an asset's token (PermissionedToken.Moved), written by the indexer with
-- its log's identity, so a reorg deletes exactly those rows.
create table asset_transactions (
  tenant_id uuid not null,
  id uuid not null,
  asset_id uuid not null,
  kind text not null check (kind in ('issue', 'transfer', 'forced', 'recovery')),
  from_address text check (from_address ~ '^0x[0-9a-f]{40}$'),
  to_address text check (to_address ~ '^0x[0-9a-f]{40}$'),
  amount numeric(78,0) not null check (amount >= 0),
  chain_id bigint not null,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index integer not null check (log_index >= 0),
  block_number bigint not null,
  block_time timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, asset_id) references assets (tenant_id, id),
  unique (tenant_id, chain_id, tx_hash, log_index)
);
create index idx_asset_transactions on asset_transactions (tenant_id, asset_id, block_number desc, log_index desc);
select app_enable_tenant_rls('asset_transactions');

grant select, insert, update on asset_applications, assets, asset_identity_registries to cdp_app;
grant select, insert, update, delete on asset_identity_registrations to cdp_app;
grant select, insert on asset_application_events, asset_updates to cdp_app;
grant select, insert, delete on asset_documents to cdp_app;
grant select, insert on asset_transactions to cdp_app;
grant select, insert, delete on asset_transactions to cdp_indexer;
