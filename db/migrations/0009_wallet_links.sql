-- Wallets linked to accounts with Sign-In with Ethereum (EIP-4361).

-- A nonce the server handed to one signed-in user: spent once (used_at), useless after
-- expires_at. The key is the nonce itself so a replay finds the spent row, whoever sends it.
create table wallet_nonces (
  tenant_id uuid not null,
  user_id uuid not null,
  nonce text not null check (nonce ~ '^[A-Za-z0-9]{16,64}$'),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, nonce),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('wallet_nonces');
create index idx_wallet_nonces_user on wallet_nonces (tenant_id, user_id, expires_at);

-- One address links to one account per tenant (the same wallet may join accounts on
-- other tenants: each tenant is its own platform).
create table wallet_links (
  tenant_id uuid not null,
  user_id uuid not null,
  address text not null check (address ~ '^0x[0-9a-f]{40}$'),
  chain_id bigint not null check (chain_id > 0),
  linked_at timestamptz not null default now(),
  primary key (tenant_id, user_id, address),
  unique (tenant_id, address),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('wallet_links');

grant select, insert, update, delete on wallet_nonces to cdp_app;
grant select, insert, update, delete on wallet_links to cdp_app;
