-- A diagnostic beside bench/sql/invest.sql (not what the app does any more): the same statements
-- in the same order, with the reservation the app made before capacity slices (0011): one
-- conditional UPDATE of the deal's own counter, whose row lock every invest in the deal queues
-- for until the holder's COMMIT. Runs on a deal without slices (hot-pgbench-row), where
-- reserved_unsliced is that deal's reserved amount. Same variables as invest.sql.
\set investor_n :client_id + 1
BEGIN;
select set_config('app.tenant_id', :tenant, true) as tenant_set, set_config('app.user_id', '00000000-0000-7000-8000-' || lpad(:investor_n::text, 12, '0'), true) as investor \gset
select d.*, p.display_name as issuer_name, i.user_id as issuer_user_id, coalesce(d.hard_cap - (select sum(s.available) from deal_capacity_slices s where s.tenant_id = d.tenant_id and s.deal_id = d.id), d.reserved_unsliced) as reserved_amount from deals as d inner join issuer_profiles as p on p.tenant_id = d.tenant_id and p.issuer_id = d.issuer_id inner join issuers as i on i.tenant_id = d.tenant_id and i.id = d.issuer_id where d.tenant_id = :tenant and d.id = :deal;
select * from profiles where tenant_id = :tenant and user_id = :investor;
insert into investments (id, deal_id, investor_id, amount, currency, currency_decimals, payment_method, wallet_address, status, tenant_id) values (gen_random_uuid(), :deal, :investor, :amount, 'USD', 2, 'wire', null, 'pending_payment', :tenant) returning id as investment \gset
insert into investment_events (tenant_id, id, investment_id, from_status, to_status, actor_id, reason) values (:tenant, gen_random_uuid(), :investment, null, 'pending_payment', :investor, null);
insert into audit_logs (tenant_id, id, actor_id, actor_role, action, target_type, target_id, outcome, metadata, ip, user_agent, request_id) values (:tenant, gen_random_uuid(), :investor, 'investor', 'investment.created', 'investment', :investment, 'success', jsonb_build_object('dealId', :deal::text, 'amount', :amount::text, 'currency', 'USD', 'status', 'pending_payment'), '127.0.0.1', 'pgbench', gen_random_uuid()::text);
select pg_advisory_xact_lock(hashtextextended('investor_total:' || :tenant || ':' || :deal || ':' || :investor, 0));
select coalesce(sum(amount), 0) as total from investments where tenant_id = :tenant and deal_id = :deal and investor_id = :investor and status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed');
update deals set reserved_unsliced = reserved_unsliced + :amount::numeric, updated_at = now() where tenant_id = :tenant and id = :deal and status = 'active' and (starts_at is null or starts_at <= now()) and (ends_at is null or ends_at > now()) and reserved_unsliced + :amount::numeric <= hard_cap returning reserved_unsliced, hard_cap \gset
COMMIT;
