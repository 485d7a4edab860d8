-- The chain indexer (issue 14, read side): the raw events it saw, its cursor and a short
-- window of block hashes per chain (for reorg detection), escrows nobody reserved, the
-- replay guard of the node provider's webhook, and the indexer's own database role.
--
-- The indexer connects as cdp_indexer: everything the app role may do (it applies chain
-- facts through the same escrow and investment code), plus what only the chain's source of
-- truth may do: delete the movements and refund rows it wrote itself when a reorg rewinds
-- them. The role is created (login, no superuser, no BYPASSRLS) by the migration runner.

grant cdp_app to cdp_indexer;

-- ---------------------------------------------------------------- cursor, block window, lag

create table chain_cursors (
  chain_id bigint primary key,
  -- The last block whose events are all written (null hash: nothing indexed yet).
  block_number bigint not null check (block_number >= 0),
  block_hash text check (block_hash ~ '^0x[0-9a-f]{64}$'),
  -- Lag as the indexer last saw it: the node's head, the finalized target, when a batch last committed.
  head_block bigint,
  last_batch_at timestamptz,
  updated_at timestamptz not null default now()
);

-- Hashes of the most recent indexed blocks, so a fork can be walked back to its fork point.
create table chain_blocks (
  chain_id bigint not null,
  block_number bigint not null,
  block_hash text not null check (block_hash ~ '^0x[0-9a-f]{64}$'),
  parent_hash text not null check (parent_hash ~ '^0x[0-9a-f]{64}$'),
  block_time timestamptz not null,
  primary key (chain_id, block_number)
);

-- ---------------------------------------------------------------- raw events

-- One row per log the indexer accepted, attributed to its tenant (from the on-chain tenant
-- id, a reversible encoding of the tenant UUID). `effects` is the undo record of what the
-- event changed in tenant rows, read back only when a reorg rewinds it.
create table chain_events (
  id uuid primary key,
  tenant_id uuid references tenants (id),
  chain_id bigint not null,
  block_number bigint not null,
  block_hash text not null check (block_hash ~ '^0x[0-9a-f]{64}$'),
  block_time timestamptz not null,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  log_index integer not null check (log_index >= 0),
  address text not null check (address ~ '^0x[0-9a-f]{40}$'),
  event_name text not null,
  args jsonb not null,
  -- The contract a registering event brings into the platform (a tenant factory, sale, pool
  -- or escrow): later logs from that address are accepted and attributed to this tenant.
  subject_kind text check (subject_kind in ('tenantFactory', 'sale', 'pool', 'escrow')),
  subject text check (subject ~ '^0x[0-9a-f]{40}$'),
  effects jsonb not null default '[]',
  created_at timestamptz not null default now(),
  unique (chain_id, tx_hash, log_index)
);
create index idx_chain_events_block on chain_events (chain_id, block_number);
create index idx_chain_events_tenant on chain_events (tenant_id, chain_id, block_number);
create index idx_chain_events_subject on chain_events (chain_id, subject) where subject is not null;
-- Tenants read their own events; the indexer reads and rewinds every tenant's.
select app_enable_tenant_rls('chain_events');
create policy chain_events_indexer on chain_events to cdp_indexer using (true) with check (true);

-- ---------------------------------------------------------------- unmatched escrows

-- An escrow funded on chain that no live reservation matched (expired, cancelled, another
-- amount or wallet): the money is real, so admins see it and refund it manually.
create table chain_unmatched_escrows (
  tenant_id uuid not null references tenants (id),
  id uuid not null,
  chain_id bigint not null,
  escrow_address text not null check (escrow_address ~ '^0x[0-9a-f]{40}$'),
  sale_address text not null check (sale_address ~ '^0x[0-9a-f]{40}$'),
  investor_address text not null check (investor_address ~ '^0x[0-9a-f]{40}$'),
  token_address text not null check (token_address ~ '^0x[0-9a-f]{40}$'),
  amount numeric(78,0) not null check (amount > 0),
  deal_id uuid,
  tx_hash text not null check (tx_hash ~ '^0x[0-9a-f]{64}$'),
  block_number bigint not null,
  -- open until the escrow's own Released/Refunded event closes it.
  status text not null default 'open' check (status in ('open', 'released', 'refunded')),
  closed_tx_hash text check (closed_tx_hash ~ '^0x[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, chain_id, escrow_address)
);
select app_enable_tenant_rls('chain_unmatched_escrows');

-- ---------------------------------------------------------------- chain provenance on the escrow ledger

-- Movements and refund reasons the indexer wrote from a log carry the log's identity; a reorg
-- deletes exactly those, by that identity.
alter table escrow_transactions add column chain_id bigint, add column log_index integer,
  add constraint escrow_transactions_chain_provenance check ((chain_id is null) = (log_index is null) and (chain_id is null or tx_hash is not null));
create unique index uq_escrow_transactions_chain_log on escrow_transactions (tenant_id, chain_id, tx_hash, log_index) where chain_id is not null;
alter table escrow_refunds add column chain_id bigint, add column tx_hash text check (tx_hash ~ '^0x[0-9a-f]{64}$'), add column log_index integer,
  add constraint escrow_refunds_chain_provenance check ((chain_id is null) = (log_index is null) and (chain_id is null) = (tx_hash is null));
create index idx_escrow_investments_chain_address on escrow_investments (chain_id, lower(escrow_address)) where escrow_address is not null;
create index idx_investments_awaiting_escrow on investments (tenant_id, deal_id, lower(wallet_address), created_at) where status = 'pending_payment' and escrow_address is null;

-- Still append-only for everyone, except: the chain work may fill a missing tx_hash once, and
-- the indexer's role may delete a row that carries chain provenance (a reorg rewinding it).
create or replace function app_escrow_transaction_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_user = 'cdp_indexer' and old.chain_id is not null then
    return old;
  end if;
  if tg_op = 'UPDATE' and old.tx_hash is null and new.tx_hash is not null
     and (new.tenant_id, new.id, new.escrow_id, new.kind, new.amount, new.actor_id, new.created_at, new.chain_id, new.log_index)
         is not distinct from (old.tenant_id, old.id, old.escrow_id, old.kind, old.amount, old.actor_id, old.created_at, old.chain_id, old.log_index) then
    return new;
  end if;
  raise exception 'escrow_transactions is append-only (only a missing tx_hash may be set)' using errcode = '42501';
end $$;

create or replace function app_escrow_refund_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_user = 'cdp_indexer' and old.chain_id is not null then
    return old;
  end if;
  raise exception 'escrow_refunds is append-only' using errcode = '42501';
end $$;
drop trigger escrow_refunds_append_only on escrow_refunds;
create trigger escrow_refunds_append_only before update or delete on escrow_refunds
  for each row execute function app_escrow_refund_guard();

-- ---------------------------------------------------------------- node provider webhook

-- Seen notifications (by signature), so a captured request cannot be replayed.
create table chain_webhook_receipts (
  signature text primary key,
  chain_id bigint not null,
  received_at timestamptz not null default now()
);
create index idx_chain_webhook_receipts_received on chain_webhook_receipts (received_at);

-- ---------------------------------------------------------------- privileges

-- The app reads the lag (health, admin overview), its tenant's events and unmatched escrows;
-- only the indexer writes chain facts (the webhook's receipts too: it ingests through the indexer).
grant select on chain_cursors to cdp_app;
grant select on chain_events to cdp_app;
grant select on chain_unmatched_escrows to cdp_app;
revoke insert, update, delete on chain_cursors, chain_events, chain_unmatched_escrows from cdp_app;
revoke all on chain_blocks, chain_webhook_receipts from cdp_app;
grant select, insert, update, delete on chain_cursors, chain_blocks, chain_events, chain_unmatched_escrows, chain_webhook_receipts to cdp_indexer;
grant delete on escrow_transactions, escrow_refunds, escrow_investments to cdp_indexer;
