-- Two tables were reachable by every tenant context (attack run, issue 21 finding 7).

-- 1. Rate-limit counters move to their own schema, reachable only by the limiter's own
--    login role (cdp_limiter, created with the app role by the migration runner): the app
--    role can no longer read them (their keys are HMACs now, never emails or addresses)
--    nor delete another tenant's counters. Old rows carried readable keys: dropped.
create schema limits;
revoke all on schema limits from public;
alter table rate_limits set schema limits;
truncate limits.rate_limits;
revoke all on limits.rate_limits from cdp_app;
grant usage on schema limits to cdp_limiter;
grant select, insert, update, delete on limits.rate_limits to cdp_limiter;

-- 2. Webhook receipts belong to the tenant whose host received them, like every other
--    tenant row: tenant column, keys with it, row-level security forced.
alter table kyc_webhook_receipts add column tenant_id uuid references tenants (id) on delete cascade;
update kyc_webhook_receipts r set tenant_id = (
  select e.tenant_id from kyc_events e where e.provider = r.provider and e.event_id = r.event_id order by e.received_at limit 1);
delete from kyc_webhook_receipts where tenant_id is null;
alter table kyc_webhook_receipts alter column tenant_id set not null;
alter table kyc_webhook_receipts drop constraint kyc_webhook_receipts_pkey;
alter table kyc_webhook_receipts add primary key (tenant_id, provider, event_id);
select app_enable_tenant_rls('kyc_webhook_receipts');
