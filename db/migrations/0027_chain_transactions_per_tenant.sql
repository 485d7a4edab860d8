-- The transaction manager's rows follow the tenancy rules of every tenant table (0026 made
-- tenant_id nullable for "platform transactions"; tests/security/schema-rls.test.ts holds every
-- table with a tenant_id to these rules): tenant_id is required (a tenant's provisioning
-- transactions, sent by the platform admin key, belong to that tenant), and every key and
-- foreign key includes it. Nonces stay global per (chain, signer) in chain_nonces, which has
-- no tenant and is the owner's alone; the per-row nonce index is now a per-tenant backstop.

-- Only tests could have written a row without a tenant (no release ran 0026 with platform rows).
delete from chain_transaction_attempts where tenant_id is null;
update escrow_investments set pending_tx_id = null where pending_tx_id in (select id from chain_transactions where tenant_id is null);
delete from chain_transactions where tenant_id is null;

alter table escrow_investments drop constraint escrow_investments_pending_tx_id_fkey;
alter table chain_transaction_attempts drop constraint chain_transaction_attempts_transaction_id_fkey;

alter table chain_transactions alter column tenant_id set not null;
alter table chain_transactions drop constraint chain_transactions_pkey;
alter table chain_transactions add primary key (tenant_id, id);
alter table chain_transactions drop constraint chain_transactions_chain_id_dedupe_key_key;
alter table chain_transactions add unique (tenant_id, chain_id, dedupe_key);
drop index uq_chain_transactions_nonce;
create unique index uq_chain_transactions_nonce on chain_transactions (tenant_id, chain_id, from_address, nonce)
  where nonce is not null and status <> 'replaced';
create index idx_chain_transactions_signer on chain_transactions (chain_id, from_address, status);

alter table chain_transaction_attempts alter column tenant_id set not null;
alter table chain_transaction_attempts drop constraint chain_transaction_attempts_pkey;
alter table chain_transaction_attempts add primary key (tenant_id, id);
alter table chain_transaction_attempts drop constraint chain_transaction_attempts_transaction_id_attempt_key;
alter table chain_transaction_attempts add unique (tenant_id, transaction_id, attempt);
alter table chain_transaction_attempts drop constraint chain_transaction_attempts_tx_hash_key;
alter table chain_transaction_attempts add unique (tenant_id, tx_hash);
alter table chain_transaction_attempts add foreign key (tenant_id, transaction_id) references chain_transactions (tenant_id, id) on delete cascade;

alter table escrow_investments add foreign key (tenant_id, pending_tx_id) references chain_transactions (tenant_id, id);
