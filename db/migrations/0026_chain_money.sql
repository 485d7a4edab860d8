-- Money on chain, the write side (issue 14): per-tenant factories, on-chain investments,
-- decisions waiting for their chain transaction, and the transaction manager's tables.
--
-- Contract with the indexer (read side), column by column:
--
-- tenant_chain_contracts (tenant_id, chain_id) -> factory_address: the tenant's TenantFactory on
--   that chain once deploy_status = 'deployed' (deployed_block = the block of its deployment, a
--   safe place to start following it). Addresses are stored lowercase everywhere below.
--
-- investments: an on-chain investment has chain_id set and status 'pending_payment' until its
--   escrow is funded; wallet_address is the investor's wallet that must call
--   EscrowFactory.createEscrow(sale, amount) (amount = investments.amount, base units);
--   funding_expires_at is the reservation's end. The indexer binds an EscrowCreated event
--   (tenant factory -> tenant, sale -> deals.sale_address, investor -> wallet_address, amount)
--   to the oldest matching pending_payment investment with escrow_address is null, locking the
--   investment row (select ... for update), and writes escrow_address / transaction_hash.
--   The escrow sweep cancels (cancel_reason 'funding_expired') pending_payment on-chain
--   investments past funding_expires_at that have no escrow_address, under the same row lock;
--   an escrow that arrives after that is an unmatched escrow (refund it manually).
--
-- escrow_investments: for an on-chain escrow (chain_id and escrow_address set) a decision does
--   not move the row. It is recorded once in pending_action ('release' | 'reject' |
--   'refund_manual' | 'refund_timeout' | 'extend') with pending_actor_id, pending_actor_role,
--   pending_note, pending_reason_code (the bytes32 passed to refundManually), pending_deadline
--   (extend only: the requested new decision deadline), pending_requested_at and
--   pending_tx_id (the chain_transactions row that carries it). When the indexer sees
--   Released / Refunded / DeadlineExtended it calls src/server/escrow/movements.ts with the
--   recorded actor and note (refund reason: reject -> 'rejection', refund_timeout -> 'timeout',
--   refund_manual -> 'manual'; an event with no pending_action, e.g. someone else's
--   refundAfterTimeout, is SYSTEM_ACTOR) and the event's tx hash, then clears pending_*.
--
-- chain_transactions: every server-sent transaction (tenant_id null = platform transaction).
--   status queued -> sent -> mined | failed; attempts in chain_transaction_attempts. The
--   indexer does not write here.

-- ---------------------------------------------------------------- per-tenant contracts

create table tenant_chain_contracts (
  tenant_id uuid not null references tenants (id) on delete cascade,
  chain_id bigint not null check (chain_id > 0),
  factory_address text check (factory_address ~ '^0x[0-9a-f]{40}$'),
  deploy_status text not null default 'pending' check (deploy_status in ('pending', 'deployed', 'failed')),
  -- Who holds the tenant's roles on chain (derived signer addresses) and where its fees go.
  operator_address text check (operator_address ~ '^0x[0-9a-f]{40}$'),
  admin_address text check (admin_address ~ '^0x[0-9a-f]{40}$'),
  treasury_address text check (treasury_address ~ '^0x[0-9a-f]{40}$'),
  deploy_tx_hash text check (deploy_tx_hash ~ '^0x[0-9a-f]{64}$'),
  deployed_block bigint,
  last_error text check (length(last_error) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, chain_id),
  check ((deploy_status = 'deployed') = (factory_address is not null and deployed_block is not null))
);
select app_enable_tenant_rls('tenant_chain_contracts');
-- A factory address belongs to one tenant (the indexer maps factory -> tenant).
create unique index uq_tenant_chain_contracts_factory on tenant_chain_contracts (chain_id, factory_address, tenant_id) where factory_address is not null;

-- ---------------------------------------------------------------- investments on chain

alter table investments add column chain_id bigint check (chain_id > 0);
alter table investments add column funding_expires_at timestamptz;
alter table investments add check (chain_id is null or payment_method = 'crypto');
create index idx_investments_funding_due on investments (tenant_id, funding_expires_at)
  where status = 'pending_payment' and chain_id is not null and escrow_address is null;
create index idx_investments_chain_match on investments (tenant_id, deal_id, wallet_address)
  where status = 'pending_payment' and chain_id is not null and escrow_address is null;

-- ---------------------------------------------------------------- chain transactions

create table chain_transactions (
  id uuid primary key,
  tenant_id uuid references tenants (id) on delete cascade,
  chain_id bigint not null check (chain_id > 0),
  from_address text not null check (from_address ~ '^0x[0-9a-f]{40}$'),
  signer_role text not null check (signer_role in ('platform_admin', 'operator', 'tenant_admin')),
  to_address text check (to_address ~ '^0x[0-9a-f]{40}$'),
  data text not null check (data ~ '^0x([0-9a-f]{2})*$'),
  value numeric(78,0) not null default 0 check (value >= 0),
  purpose text not null check (purpose ~ '^[a-z_]+\.[a-z_]+$'),
  reference_type text not null check (reference_type in ('escrow', 'deal', 'tenant', 'platform')),
  reference_id text not null check (length(reference_id) <= 200),
  -- One transaction per decision: a job that runs twice finds the row and queues nothing.
  dedupe_key text not null check (length(dedupe_key) <= 300),
  status text not null default 'queued' check (status in ('queued', 'sent', 'mined', 'failed', 'replaced')),
  nonce bigint check (nonce >= 0),
  gas_limit numeric(78,0),
  attempt_count integer not null default 0,
  -- Failures before a nonce was taken (simulation reverted, node unreachable): retried with
  -- backoff until max, then failed. Once signed, a transaction is resubmitted until mined.
  failure_count integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  tx_hash text check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  receipt_status text check (receipt_status in ('success', 'reverted')),
  block_number bigint,
  block_hash text check (block_hash ~ '^0x[0-9a-f]{64}$'),
  gas_used numeric(78,0),
  effective_gas_price numeric(78,0),
  contract_address text check (contract_address ~ '^0x[0-9a-f]{40}$'),
  last_error text check (length(last_error) <= 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  mined_at timestamptz,
  unique (chain_id, dedupe_key),
  check ((status in ('queued')) or nonce is not null or status = 'failed')
);
-- RLS: a tenant context sees its own transactions only; platform rows (tenant_id null) are
-- reachable by the owner's transaction-manager path alone.
select app_enable_tenant_rls('chain_transactions');
create unique index uq_chain_transactions_nonce on chain_transactions (chain_id, from_address, nonce)
  where nonce is not null and status <> 'replaced';
create index idx_chain_transactions_due on chain_transactions (chain_id, status, next_attempt_at) where status in ('queued', 'sent');
create index idx_chain_transactions_tenant on chain_transactions (tenant_id, status, created_at desc);
create index idx_chain_transactions_reference on chain_transactions (reference_type, reference_id);

-- Every signed attempt, stored BEFORE it is broadcast: after a crash the same raw transaction
-- is sent again, never re-signed with a new nonce.
create table chain_transaction_attempts (
  id uuid primary key,
  transaction_id uuid not null references chain_transactions (id) on delete cascade,
  tenant_id uuid references tenants (id) on delete cascade,
  attempt integer not null check (attempt > 0),
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  raw_tx text not null check (raw_tx ~ '^0x[0-9a-f]+$'),
  nonce bigint not null,
  max_fee_per_gas numeric(78,0) not null,
  max_priority_fee_per_gas numeric(78,0) not null,
  gas_limit numeric(78,0) not null,
  created_at timestamptz not null default now(),
  broadcast_at timestamptz,
  -- The block height when it was (last) broadcast: "stuck" is counted in blocks from here.
  broadcast_block bigint,
  unique (transaction_id, attempt),
  unique (tx_hash)
);
select app_enable_tenant_rls('chain_transaction_attempts');

-- The next nonce of each server signer on each chain, reserved with select ... for update.
create table chain_nonces (
  chain_id bigint not null check (chain_id > 0),
  address text not null check (address ~ '^0x[0-9a-f]{40}$'),
  next_nonce bigint not null check (next_nonce >= 0),
  updated_at timestamptz not null default now(),
  primary key (chain_id, address)
);
revoke all on chain_nonces from cdp_app;

-- ---------------------------------------------------------------- escrow decisions waiting for the chain

alter table escrow_investments add column pending_action text
  check (pending_action in ('release', 'reject', 'refund_manual', 'refund_timeout', 'extend'));
alter table escrow_investments add column pending_actor_id uuid;
alter table escrow_investments add column pending_actor_role text;
alter table escrow_investments add column pending_note text check (length(pending_note) <= 2000);
alter table escrow_investments add column pending_reason_code text check (pending_reason_code ~ '^0x[0-9a-f]{64}$');
alter table escrow_investments add column pending_deadline timestamptz;
alter table escrow_investments add column pending_requested_at timestamptz;
alter table escrow_investments add column pending_tx_id uuid references chain_transactions (id);
alter table escrow_investments add check ((pending_action is null) = (pending_requested_at is null));
create index idx_escrow_investments_chain on escrow_investments (chain_id, escrow_address) where escrow_address is not null;

-- ---------------------------------------------------------------- privileges for the app role

grant select, insert, update on tenant_chain_contracts to cdp_app;
grant select, insert on chain_transactions to cdp_app;
-- A tenant admin's retry puts a failed transaction back in the queue; nothing else changes.
grant update (status, failure_count, next_attempt_at, last_error, updated_at) on chain_transactions to cdp_app;
grant select on chain_transaction_attempts to cdp_app;
