-- One POST /api/deals/[id]/invest as src/server/investments/invest.ts sends it to PostgreSQL
-- (no Idempotency-Key, so one withTenant transaction), statement for statement, as the app
-- role cdp_app under FORCED RLS: the ceiling for the hot-deal benchmark in bench/deals.ts.
-- Variables: -D tenant=<uuid> -D deal=<uuid> -D amount=<minor units>; the investor is
-- 00000000-0000-7000-8000-<client_id + 1, 12 digits>, one bench investor per pgbench client.
-- Ids the app makes with uuidv7() in Node come from gen_random_uuid() here.
\set investor_n :client_id + 1
BEGIN;
-- withTenant(): the transaction-local tenant and user (the app sends both in one statement).
select set_config('app.tenant_id', :tenant, true) as tenant_set, set_config('app.user_id', '00000000-0000-7000-8000-' || lpad(:investor_n::text, 12, '0'), true) as investor \gset
-- dealForInvestment() -> findDeal()
select d.*, p.display_name as issuer_name, i.user_id as issuer_user_id from deals as d inner join issuer_profiles as p on p.tenant_id = d.tenant_id and p.issuer_id = d.issuer_id inner join issuers as i on i.tenant_id = d.tenant_id and i.id = d.issuer_id where d.tenant_id = :tenant and d.id = :deal;
-- reserveCapacity(): the conditional UPDATE that takes the deal's row lock until COMMIT
-- (\gset makes a refused reservation abort the client instead of inserting anyway).
update deals set reserved_amount = reserved_amount + :amount::numeric, updated_at = now() where tenant_id = :tenant and id = :deal and status = 'active' and (starts_at is null or starts_at <= now()) and (ends_at is null or ends_at > now()) and reserved_amount + :amount::numeric <= hard_cap returning reserved_amount, hard_cap \gset
-- liveTotalOfInvestor(): the per-investor maximum, checked under the lock
select coalesce(sum(amount), 0) as total from investments where tenant_id = :tenant and deal_id = :deal and investor_id = :investor and status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed');
-- findProfile(): KYC status decides pending_kyc or pending_payment
select * from profiles where tenant_id = :tenant and user_id = :investor;
-- insertInvestment(): the investment and its first event
insert into investments (id, deal_id, investor_id, amount, currency, currency_decimals, payment_method, wallet_address, status, tenant_id) values (gen_random_uuid(), :deal, :investor, :amount, 'USD', 2, 'wire', null, 'pending_payment', :tenant) returning id as investment \gset
insert into investment_events (tenant_id, id, investment_id, from_status, to_status, actor_id, reason) values (:tenant, gen_random_uuid(), :investment, null, 'pending_payment', :investor, null);
-- audit(): investment.created, in the same transaction
insert into audit_logs (tenant_id, id, actor_id, actor_role, action, target_type, target_id, outcome, metadata, ip, user_agent, request_id) values (:tenant, gen_random_uuid(), :investor, 'investor', 'investment.created', 'investment', :investment, 'success', jsonb_build_object('dealId', :deal::text, 'amount', :amount::text, 'currency', 'USD', 'status', 'pending_payment'), '127.0.0.1', 'pgbench', gen_random_uuid()::text);
COMMIT;
