-- One POST /api/deals/[id]/invest as src/server/investments/invest.ts sends it to PostgreSQL
-- (no Idempotency-Key, so one withTenant transaction), as the app role cdp_app under FORCED RLS:
-- the ceiling for the hot-deal benchmark in bench/deals.ts. The reservation is the capacity-slice
-- one of src/server/deals/capacity.ts (db/migrations/0011): one slice taken with FOR UPDATE SKIP
-- LOCKED from a random start; when every slice that fits is busy, a wait for one of them. (The
-- app's last resort, locking every slice and taking from several, only happens near the cap; the
-- pgbench deal's cap is out of reach, and a failed wait aborts the client, which fails the run.)
-- Not sent here, as before: the compliance engine's reads and check row (requireCompliantInvestment)
-- and authenticate()'s own transaction, which the HTTP figure includes.
-- Variables: -D tenant=<uuid> -D deal=<uuid> -D amount=<minor units>; the investor is
-- 00000000-0000-7000-8000-<client_id + 1, 12 digits>, one bench investor per pgbench client.
-- Ids the app makes with uuidv7() in Node come from gen_random_uuid() here.
\set investor_n :client_id + 1
\set start random(0, 15)
BEGIN;
-- withTenant(): the transaction-local tenant and user (the app sends both in one statement).
select set_config('app.tenant_id', :tenant, true) as tenant_set, set_config('app.user_id', '00000000-0000-7000-8000-' || lpad(:investor_n::text, 12, '0'), true) as investor \gset
-- dealForInvestment() -> findDeal(), with reservedAmountOf(): hard cap minus what the slices hold
select d.*, p.display_name as issuer_name, i.user_id as issuer_user_id, coalesce(d.hard_cap - (select sum(s.available) from deal_capacity_slices s where s.tenant_id = d.tenant_id and s.deal_id = d.id), d.reserved_unsliced) as reserved_amount from deals as d inner join issuer_profiles as p on p.tenant_id = d.tenant_id and p.issuer_id = d.issuer_id inner join issuers as i on i.tenant_id = d.tenant_id and i.id = d.issuer_id where d.tenant_id = :tenant and d.id = :deal;
-- findProfile(): KYC status decides pending_kyc or pending_payment
select * from profiles where tenant_id = :tenant and user_id = :investor;
-- insertInvestment(): the investment and its first event
insert into investments (id, deal_id, investor_id, amount, currency, currency_decimals, payment_method, wallet_address, status, tenant_id) values (gen_random_uuid(), :deal, :investor, :amount, 'USD', 2, 'wire', null, 'pending_payment', :tenant) returning id as investment \gset
insert into investment_events (tenant_id, id, investment_id, from_status, to_status, actor_id, reason) values (:tenant, gen_random_uuid(), :investment, null, 'pending_payment', :investor, null);
-- audit(): investment.created, in the same transaction
insert into audit_logs (tenant_id, id, actor_id, actor_role, action, target_type, target_id, outcome, metadata, ip, user_agent, request_id) values (:tenant, gen_random_uuid(), :investor, 'investor', 'investment.created', 'investment', :investment, 'success', jsonb_build_object('dealId', :deal::text, 'amount', :amount::text, 'currency', 'USD', 'status', 'pending_payment'), '127.0.0.1', 'pgbench', gen_random_uuid()::text);
-- lockInvestorTotal() + liveTotalOfInvestor(): the per-investor maximum, one investor at a time
select pg_advisory_xact_lock(hashtextextended('investor_total:' || :tenant || ':' || :deal || ':' || :investor, 0));
select coalesce(sum(amount), 0) as total from investments where tenant_id = :tenant and deal_id = :deal and investor_id = :investor and status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed');
-- reserveDealCapacity() -> takeFromOneSlice(skip locked): the only row lock, held to COMMIT
savepoint capacity_attempt;
with pick as (select c.slice from deal_capacity_slices c where c.tenant_id = :tenant and c.deal_id = :deal and c.open and c.available >= :amount::numeric and exists (select from deals d where d.tenant_id = :tenant and d.id = :deal and (d.starts_at is null or d.starts_at <= now()) and (d.ends_at is null or d.ends_at > now())) order by c.slice >= :start desc, c.slice limit 1 for update skip locked), took as (update deal_capacity_slices s set available = s.available - :amount::numeric from pick where s.tenant_id = :tenant and s.deal_id = :deal and s.slice = pick.slice and s.available >= :amount::numeric returning s.slice) select count(*) as took from took \gset
\if :took = 0
-- takeFromOneSlice(wait): every fitting slice was busy; queue for one at random
rollback to savepoint capacity_attempt;
savepoint capacity_attempt;
update deal_capacity_slices s set available = s.available - :amount::numeric where s.tenant_id = :tenant and s.deal_id = :deal and s.open and s.available >= :amount::numeric and s.slice = (select c.slice from deal_capacity_slices c where c.tenant_id = :tenant and c.deal_id = :deal and c.open and c.available >= :amount::numeric and exists (select from deals d where d.tenant_id = :tenant and d.id = :deal and (d.starts_at is null or d.starts_at <= now()) and (d.ends_at is null or d.ends_at > now())) order by random() limit 1) returning s.slice as waited \gset
\endif
COMMIT;
