-- Several app instances behind one load balancer (issue 22).
--
-- 1. Every instance keeps a short-lived cache of each tenant's deal listings
--    (src/server/deals/listing-cache.ts). A change to what a listing shows (a deal created,
--    edited, moved through the workflow, featured, deleted) is announced on 'deals_changed'
--    with the tenant's id, so every instance forgets that tenant's listings at once, not only
--    the one that made the change. An investment's progress (the reserved and confirmed
--    counters) is not announced: a hot deal would otherwise empty every instance's cache on
--    every invest; the listing shows progress within its stale window (3 s) as before.
--    pg_notify folds identical payloads of one transaction into one notification.
create or replace function app_notify_deals_changed() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    perform pg_notify('deals_changed', old.tenant_id::text);
  else
    perform pg_notify('deals_changed', new.tenant_id::text);
  end if;
  return null;
end $$;

create trigger deals_changed_insert_delete after insert or delete on deals
  for each row execute function app_notify_deals_changed();
create trigger deals_changed_update after update on deals
  for each row
  when ((to_jsonb(old) - '{reserved_unsliced,confirmed_amount,investor_count,updated_at}'::text[])
        is distinct from (to_jsonb(new) - '{reserved_unsliced,confirmed_amount,investor_count,updated_at}'::text[]))
  execute function app_notify_deals_changed();

-- 2. One indexer leader per chain. Any number of indexer processes may run; each chain is
--    followed by the one holding its lease, renewed every round and taken over by another
--    process once it has run out (the holder crashed or hangs). A lease row, not a session
--    advisory lock: advisory locks live on one server connection and do not survive a
--    transaction-mode pooler (PgBouncer) or a Citus coordinator. The cursor row's lock inside
--    each batch still makes a late write by a deposed leader harmless ('raced').
create table chain_indexer_leases (
  chain_id bigint primary key,
  holder text not null check (length(holder) between 1 and 200),
  acquired_at timestamptz not null default now(),
  expires_at timestamptz not null
);
grant select on chain_indexer_leases to cdp_app;
grant select, insert, update, delete on chain_indexer_leases to cdp_indexer;
