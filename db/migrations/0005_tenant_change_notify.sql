-- Every app instance caches host -> tenant resolution. A change to a tenant, its aliases or
-- its feature flags is announced on the 'tenant_changed' channel so every instance drops its
-- cached copy at once instead of waiting for the cache to expire.
create or replace function app_notify_tenant_changed() returns trigger
language plpgsql as $$
declare
  r record;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  if tg_table_name = 'tenants' then
    perform pg_notify('tenant_changed', r.id::text);
  else
    perform pg_notify('tenant_changed', r.tenant_id::text);
  end if;
  return null;
end $$;

create trigger tenants_changed after insert or update or delete on tenants
  for each row execute function app_notify_tenant_changed();
create trigger domain_aliases_changed after insert or update or delete on domain_aliases
  for each row execute function app_notify_tenant_changed();
create trigger tenant_features_changed after insert or update or delete on tenant_features
  for each row execute function app_notify_tenant_changed();
