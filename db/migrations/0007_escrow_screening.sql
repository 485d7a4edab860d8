-- Escrow while KYC is pending (the off-chain mirror of contracts/src/EscrowCore.sol) and
-- sanctions / PEP screening against lists a tenant admin uploads.

-- ---------------------------------------------------------------- escrow

create table escrow_investments (
  tenant_id uuid not null,
  id uuid not null,
  investment_id uuid not null,
  investor_id uuid not null,
  deal_id uuid not null,
  amount numeric(78,0) not null check (amount > 0),
  currency text not null,
  status text not null default 'held' check (status in ('held', 'released', 'refunded')),
  -- EscrowCore.DECISION_WINDOW (14 days): admins are alerted when it passes undecided.
  deadline_admin timestamptz not null,
  -- EscrowCore.MAX_LIFETIME (30 days): after it, the funds go back by timeout.
  expires_at timestamptz not null,
  -- Bound by the chain work once the per-investment escrow contract exists.
  chain_id bigint,
  escrow_address text check (escrow_address ~ '^0x[0-9a-fA-F]{40}$'),
  admin_alerted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, investment_id),
  check (created_at < deadline_admin and deadline_admin <= expires_at),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id),
  foreign key (tenant_id, investor_id) references users (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id)
);
select app_enable_tenant_rls('escrow_investments');
create index idx_escrow_investments_held_expiry on escrow_investments (tenant_id, expires_at) where status = 'held';
create index idx_escrow_investments_held_deadline on escrow_investments (tenant_id, deadline_admin) where status = 'held' and admin_alerted_at is null;
create index idx_escrow_investments_investor on escrow_investments (tenant_id, investor_id, status);

-- Every movement of escrowed money. Append-only, except that the chain work may fill in
-- the transaction hash of a row once (null -> hash) when the on-chain call is mined.
create table escrow_transactions (
  tenant_id uuid not null,
  id uuid not null,
  escrow_id uuid not null,
  kind text not null check (kind in ('deposit', 'release', 'refund')),
  amount numeric(78,0) not null check (amount > 0),
  tx_hash text check (tx_hash ~ '^0x[0-9a-fA-F]{64}$'),
  actor_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, escrow_id) references escrow_investments (tenant_id, id)
);
select app_enable_tenant_rls('escrow_transactions');
create index idx_escrow_transactions_escrow on escrow_transactions (tenant_id, escrow_id, created_at);

create or replace function app_escrow_transaction_guard() returns trigger
language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.tx_hash is null and new.tx_hash is not null
     and (new.tenant_id, new.id, new.escrow_id, new.kind, new.amount, new.actor_id, new.created_at)
         is not distinct from (old.tenant_id, old.id, old.escrow_id, old.kind, old.amount, old.actor_id, old.created_at) then
    return new;
  end if;
  raise exception 'escrow_transactions is append-only (only a missing tx_hash may be set)' using errcode = '42501';
end $$;
create trigger escrow_transactions_append_only before update or delete on escrow_transactions
  for each row execute function app_escrow_transaction_guard();
create trigger escrow_transactions_no_truncate before truncate on escrow_transactions for each statement execute function app_forbid_change();

-- Why money went back: one row per refunded escrow.
create table escrow_refunds (
  tenant_id uuid not null,
  id uuid not null,
  escrow_id uuid not null,
  reason text not null check (reason in ('rejection', 'timeout', 'manual')),
  note text check (length(note) <= 2000),
  actor_id uuid,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, escrow_id),
  foreign key (tenant_id, escrow_id) references escrow_investments (tenant_id, id)
);
select app_enable_tenant_rls('escrow_refunds');
create trigger escrow_refunds_append_only before update or delete on escrow_refunds
  for each row execute function app_forbid_change();
create trigger escrow_refunds_no_truncate before truncate on escrow_refunds for each statement execute function app_forbid_change();

-- ---------------------------------------------------------------- screening

create table screening_lists (
  tenant_id uuid not null,
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('sanctions', 'pep')),
  uploaded_by uuid not null,
  entry_count integer not null check (entry_count >= 0),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, uploaded_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('screening_lists');

create table screening_entries (
  tenant_id uuid not null,
  id uuid not null,
  list_id uuid not null,
  full_name text not null check (length(full_name) between 1 and 300),
  normalized_name text not null,
  aliases text[] not null default '{}',
  -- The normalised name and aliases, space-joined: what the trigram index pre-selects on.
  search_text text not null,
  date_of_birth date,
  countries text[] not null default '{}',
  primary key (tenant_id, id),
  foreign key (tenant_id, list_id) references screening_lists (tenant_id, id)
);
select app_enable_tenant_rls('screening_entries');
create index idx_screening_entries_list on screening_entries (tenant_id, list_id);
create index idx_screening_entries_trgm on screening_entries using gin (search_text gin_trgm_ops);

-- A possible match waiting for (or carrying) a compliance decision. A hit never decides
-- anything by itself. Provider-reported hits carry no entry.
create table screening_hits (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  entry_id uuid,
  source text not null default 'list' check (source in ('list', 'provider')),
  score numeric(5,4) not null check (score >= 0 and score <= 1),
  matched_on text not null check (length(matched_on) <= 500),
  status text not null default 'open' check (status in ('open', 'cleared', 'confirmed')),
  reviewed_by uuid,
  reviewed_at timestamptz,
  note text check (length(note) <= 2000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  foreign key (tenant_id, entry_id) references screening_entries (tenant_id, id),
  foreign key (tenant_id, reviewed_by) references users (tenant_id, id),
  check ((status = 'open') = (reviewed_at is null))
);
select app_enable_tenant_rls('screening_hits');
create index idx_screening_hits_status on screening_hits (tenant_id, status, created_at);
create index idx_screening_hits_user on screening_hits (tenant_id, user_id, status);
-- Re-screening the same person does not queue the same entry twice while it is undecided.
create unique index uq_screening_hits_open on screening_hits (tenant_id, user_id, entry_id) where status = 'open';

-- ---------------------------------------------------------------- privileges for the app role

grant select, insert, update on escrow_investments to cdp_app;
grant select, insert on escrow_transactions to cdp_app;
grant update (tx_hash) on escrow_transactions to cdp_app;
grant select, insert on escrow_refunds to cdp_app;
grant select, insert on screening_lists to cdp_app;
grant select, insert on screening_entries to cdp_app;
grant select, insert, update on screening_hits to cdp_app;
