-- Lending pools (issue 19): a tenant's LendingPool contracts, created by the tenant's factory, and
-- what the indexer reads from them. The chain is the truth: balances, debts, health and rates the
-- pages show are read from the contract; these tables are the mirror and history the indexer writes
-- from events (each row carries its log's identity, so a reorg deletes exactly those rows, and a
-- wallet's position is recomputed from the rows that remain).

-- The chain indexer follows lending pools registered by TenantFactory.LendingPoolCreated.
alter table chain_events drop constraint chain_events_subject_kind_check;
alter table chain_events add constraint chain_events_subject_kind_check
  check (subject_kind in ('tenantFactory', 'sale', 'pool', 'escrow', 'stakingPool', 'lendingPool'));

-- Pool creation and price updates are transactions of the tenant's keys, referenced to the pool row.
alter table chain_transactions drop constraint chain_transactions_reference_type_check;
alter table chain_transactions add constraint chain_transactions_reference_type_check
  check (reference_type in ('escrow', 'deal', 'tenant', 'platform', 'staking_pool', 'lending_pool'));

create table lending_pools (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  chain_id bigint not null,
  name text not null check (length(name) between 1 and 120),
  asset_token text not null check (asset_token ~ '^0x[0-9a-f]{40}$'),
  asset_decimals smallint not null check (asset_decimals between 0 and 36),
  -- Yearly rates and the kink, 1e18 = 100%, exactly as the contract holds them.
  base_rate numeric(78,0) not null check (base_rate >= 0),
  slope1 numeric(78,0) not null check (slope1 >= 0),
  slope2 numeric(78,0) not null check (slope2 >= 0),
  optimal_utilisation numeric(78,0) not null check (optimal_utilisation > 0 and optimal_utilisation < 1000000000000000000),
  reserve_factor_bps integer not null check (reserve_factor_bps between 0 and 10000),
  close_factor_bps integer not null check (close_factor_bps between 1 and 10000),
  min_verification_level text not null default 'none'
    check (min_verification_level in ('none', 'basic', 'standard', 'enhanced', 'accredited')),
  -- pending until the indexer reads LendingPoolCreated; active from then on.
  status text not null default 'pending' check (status in ('pending', 'active')),
  pool_address text check (pool_address ~ '^0x[0-9a-f]{40}$'),
  created_tx_hash text check (created_tx_hash ~ '^0x[0-9a-f]{64}$'),
  created_log_index integer,
  created_by uuid,
  created_at timestamptz not null default now(),
  activated_at timestamptz,
  primary key (tenant_id, id),
  check ((status = 'active') = (pool_address is not null))
);
create unique index uq_lending_pools_address on lending_pools (tenant_id, chain_id, pool_address) where pool_address is not null;
create index idx_lending_pools_tenant on lending_pools (tenant_id, created_at desc);
select app_enable_tenant_rls('lending_pools');

-- The collaterals the admin listed when opening the pool (the contract lists them in its creation
-- transaction). Prices move on chain (PriceSet); the first one is recorded here.
create table lending_collaterals (
  tenant_id uuid not null references tenants (id),
  pool_id uuid not null,
  token text not null check (token ~ '^0x[0-9a-f]{40}$'),
  symbol text not null check (length(symbol) between 1 and 32),
  decimals smallint not null check (decimals between 0 and 36),
  ltv_bps integer not null check (ltv_bps between 1 and 10000),
  liquidation_threshold_bps integer not null check (liquidation_threshold_bps between 1 and 10000),
  liquidation_bonus_bps integer not null check (liquidation_bonus_bps between 0 and 10000),
  max_price_age_seconds bigint not null check (max_price_age_seconds > 0),
  -- null: an operator-set price; else a Chainlink-compatible AggregatorV3 feed.
  feed text check (feed ~ '^0x[0-9a-f]{40}$'),
  -- Asset base units per collateral base unit x 1e18.
  initial_price numeric(78,0) not null check (initial_price >= 0),
  position smallint not null check (position between 0 and 7),
  primary key (tenant_id, pool_id, token),
  foreign key (tenant_id, pool_id) references lending_pools (tenant_id, id),
  check (ltv_bps <= liquidation_threshold_bps)
);
select app_enable_tenant_rls('lending_collaterals');

-- Every chain event of a pool that moves money or prices: supply, withdraw, collateral in/out,
-- borrow, repay (payer = who paid), liquidate (payer = the liquidator), reserves to the treasury,
-- price set. scaled is the contract's scaled amount (supply or debt), where the event carries one.
create table lending_transactions (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  pool_id uuid not null,
  kind text not null check (kind in ('supply', 'withdraw', 'collateral_deposit', 'collateral_withdraw', 'borrow', 'repay', 'liquidate', 'reserves_withdrawn', 'price_set')),
  wallet_address text check (wallet_address ~ '^0x[0-9a-f]{40}$'),
  payer_address text check (payer_address ~ '^0x[0-9a-f]{40}$'),
  token text check (token ~ '^0x[0-9a-f]{40}$'),
  amount numeric(78,0) not null check (amount >= 0),
  scaled numeric(78,0) check (scaled >= 0),
  seized numeric(78,0) check (seized >= 0),
  chain_id bigint not null,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index integer not null check (log_index >= 0),
  block_number bigint not null,
  block_time timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, pool_id) references lending_pools (tenant_id, id),
  unique (tenant_id, chain_id, tx_hash, log_index)
);
create index idx_lending_transactions_wallet on lending_transactions (tenant_id, pool_id, wallet_address, block_number desc, log_index desc);
create index idx_lending_transactions_pool on lending_transactions (tenant_id, pool_id, block_number desc, log_index desc);
select app_enable_tenant_rls('lending_transactions');

-- A wallet's position in a pool as the indexer has seen it: the sums of its rows' scaled amounts and
-- collateral (recomputed from lending_transactions after every event and every reorg undo). The pages
-- read balances and debts from the contract; this mirror serves lists and exports.
create table user_lending_positions (
  tenant_id uuid not null references tenants (id),
  pool_id uuid not null,
  wallet_address text not null check (wallet_address ~ '^0x[0-9a-f]{40}$'),
  scaled_supply numeric(78,0) not null check (scaled_supply >= 0),
  scaled_debt numeric(78,0) not null check (scaled_debt >= 0),
  -- token address -> collateral base units (decimal strings).
  collateral jsonb not null default '{}'::jsonb,
  updated_block bigint not null,
  updated_at timestamptz not null,
  primary key (tenant_id, pool_id, wallet_address),
  foreign key (tenant_id, pool_id) references lending_pools (tenant_id, id)
);
select app_enable_tenant_rls('user_lending_positions');

-- Accrued events: interest charged and both indexes after it. Consecutive snapshots give the
-- realised yearly borrow and supply rates the history chart draws.
create table lending_rate_snapshots (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  pool_id uuid not null,
  interest numeric(78,0) not null check (interest >= 0),
  reserve numeric(78,0) not null check (reserve >= 0),
  borrow_index numeric(78,0) not null check (borrow_index > 0),
  supply_index numeric(78,0) not null check (supply_index > 0),
  chain_id bigint not null,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index integer not null check (log_index >= 0),
  block_number bigint not null,
  block_time timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, pool_id) references lending_pools (tenant_id, id),
  unique (tenant_id, chain_id, tx_hash, log_index)
);
create index idx_lending_rate_snapshots_pool on lending_rate_snapshots (tenant_id, pool_id, block_number desc, log_index desc);
select app_enable_tenant_rls('lending_rate_snapshots');

-- The app creates pools (pending) and reads everything; only the indexer writes chain facts.
grant select, insert on lending_pools, lending_collaterals to cdp_app;
grant select on lending_transactions, user_lending_positions, lending_rate_snapshots to cdp_app;
grant select, insert, update, delete on lending_pools, lending_collaterals, lending_transactions, user_lending_positions, lending_rate_snapshots to cdp_indexer;
