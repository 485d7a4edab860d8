-- Pools (issue 14, "Contract Deployment Flow" step 4, "Pool Creation: Deploy pool if needed").
-- An on-chain deal may also have a Pool (contracts/src/Pool.sol, a clone made by the tenant's
-- factory): members contribute to it until its lock time, then it invests into the deal's sale
-- as one position and pays each member a pro-rata share. `pool_lock_at` set means the deal has
-- one; the sale deployment job creates it right after the sale and stores its address.
alter table deals
  add column pool_lock_at timestamptz,
  add column pool_address text check (pool_address ~ '^0x[0-9a-f]{40}$'),
  add constraint deals_pool_on_chain check (pool_lock_at is null or chain_id is not null),
  add constraint deals_pool_lock_in_sale check (pool_lock_at is null or ends_at is null or pool_lock_at <= ends_at),
  add constraint deals_pool_address_has_lock check (pool_address is null or (pool_lock_at is not null and sale_address is not null));
