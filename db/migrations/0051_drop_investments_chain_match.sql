-- The chain indexer binds escrows to reservations by lower(wallet_address)
-- (investments/repo.ts bindEscrowsToReservations), served by idx_investments_awaiting_escrow
-- (0030: tenant, deal, lower(wallet), created_at, same pending/unbound predicate). 0026's
-- idx_investments_chain_match (tenant, deal, wallet_address) matches no query any more, but on a
-- freshly written table (no statistics yet) the planner picked it for the binding and filtered
-- every open reservation of the deal per (wallet, amount) group: ~90,000 rows read per 1,000
-- escrows in the indexer benchmark. Dropping it leaves the planner the index the query fits.
drop index if exists idx_investments_chain_match;
