-- Staking pools (issue 19): a tenant's StakingPool contracts, created by the tenant's factory, and
-- what the indexer reads from them. The chain is the truth: balances, rewards and the APR the pages
-- show are read from the contract; these tables are the history the indexer writes from events
-- (each row carries its log's identity, so a reorg deletes exactly those rows).

-- The chain indexer follows staking pools registered by TenantFactory.StakingPoolCreated.
alter table chain_events drop constraint chain_events_subject_kind_check;
alter table chain_events add constraint chain_events_subject_kind_check
  check (subject_kind in ('tenantFactory', 'sale', 'pool', 'escrow', 'stakingPool'));

-- Pool creation is a transaction of the tenant's operator key, referenced to its pool row.
alter table chain_transactions drop constraint chain_transactions_reference_type_check;
alter table chain_transactions add constraint chain_transactions_reference_type_check
  check (reference_type in ('escrow', 'deal', 'tenant', 'platform', 'staking_pool'));

create table staking_pools (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  chain_id bigint not null,
  name text not null check (length(name) between 1 and 120),
  staking_token text not null check (staking_token ~ '^0x[0-9a-f]{40}$'),
  reward_token text not null check (reward_token ~ '^0x[0-9a-f]{40}$'),
  staking_decimals smallint not null check (staking_decimals between 0 and 36),
  reward_decimals smallint not null check (reward_decimals between 0 and 36),
  -- The first reward budget, funded by the tenant's operator key once the pool exists (0: none yet).
  reward_budget numeric(78,0) not null check (reward_budget >= 0),
  rewards_duration_seconds bigint not null check (rewards_duration_seconds > 0),
  lock_period_seconds bigint not null check (lock_period_seconds >= 0),
  early_exit_penalty_bps integer not null check (early_exit_penalty_bps between 0 and 5000),
  -- 0 means no cap (as in the contract).
  max_stake_per_user numeric(78,0) not null check (max_stake_per_user >= 0),
  max_total_staked numeric(78,0) not null check (max_total_staked >= 0),
  min_verification_level text not null default 'none'
    check (min_verification_level in ('none', 'basic', 'standard', 'enhanced', 'accredited')),
  -- pending until the indexer reads StakingPoolCreated; active from then on.
  status text not null default 'pending' check (status in ('pending', 'active')),
  pool_address text check (pool_address ~ '^0x[0-9a-f]{40}$'),
  created_tx_hash text check (created_tx_hash ~ '^0x[0-9a-f]{64}$'),
  created_log_index integer,
  created_by uuid,
  created_at timestamptz not null default now(),
  activated_at timestamptz,
  primary key (tenant_id, id),
  check ((status = 'active') = (pool_address is not null)),
  check (max_total_staked = 0 or max_stake_per_user <= max_total_staked)
);
create unique index uq_staking_pools_address on staking_pools (tenant_id, chain_id, pool_address) where pool_address is not null;
create index idx_staking_pools_tenant on staking_pools (tenant_id, created_at desc);
select app_enable_tenant_rls('staking_pools');

-- Every stake movement of a wallet in a pool: stake, withdraw (with the early-exit penalty) and
-- emergency withdrawal. balance_after is the contract's figure, so a position is the newest row.
create table user_stakes (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  pool_id uuid not null,
  wallet_address text not null check (wallet_address ~ '^0x[0-9a-f]{40}$'),
  kind text not null check (kind in ('stake', 'withdraw', 'emergency_withdraw')),
  amount numeric(78,0) not null check (amount > 0),
  penalty numeric(78,0) not null default 0 check (penalty >= 0 and penalty <= amount),
  balance_after numeric(78,0) not null check (balance_after >= 0),
  locked_until timestamptz,
  chain_id bigint not null,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index integer not null check (log_index >= 0),
  block_number bigint not null,
  block_time timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, pool_id) references staking_pools (tenant_id, id),
  unique (tenant_id, chain_id, tx_hash, log_index)
);
create index idx_user_stakes_position on user_stakes (tenant_id, pool_id, wallet_address, block_number desc, log_index desc);
select app_enable_tenant_rls('user_stakes');

-- Reward money in and out of a pool: funded (RewardAdded), paid to a staker (RewardPaid) and
-- returned to the tenant treasury (RewardsRecovered).
create table staking_rewards (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  pool_id uuid not null,
  kind text not null check (kind in ('funded', 'paid', 'recovered')),
  wallet_address text check (wallet_address ~ '^0x[0-9a-f]{40}$'),
  amount numeric(78,0) not null check (amount >= 0),
  -- funded: the reward rate (base units per second x 1e18) and the period's end from then on.
  reward_rate_scaled numeric(78,0),
  period_finish timestamptz,
  chain_id bigint not null,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index integer not null check (log_index >= 0),
  block_number bigint not null,
  block_time timestamptz not null,
  primary key (tenant_id, id),
  foreign key (tenant_id, pool_id) references staking_pools (tenant_id, id),
  unique (tenant_id, chain_id, tx_hash, log_index),
  check ((kind = 'paid') = (wallet_address is not null))
);
create index idx_staking_rewards_pool on staking_rewards (tenant_id, pool_id, block_number desc, log_index desc);
select app_enable_tenant_rls('staking_rewards');

-- The app creates pools (pending) and reads everything; only the indexer writes chain facts.
grant select, insert on staking_pools to cdp_app;
grant select on user_stakes, staking_rewards to cdp_app;
grant select, insert, update, delete on staking_pools, user_stakes, staking_rewards to cdp_indexer;
