-- Host names decide which tenant answers, so they are the platform's to give (attack run,
-- issue 21 finding 6: a tenant set its own domain to another tenant's host and was served there).

-- 1. The app role (every tenant request) can no longer set a primary domain or an alias;
--    domains change only on the audited platform path, where they are checked.
revoke update on tenants from cdp_app;
grant update (name, settings, features, theme_settings, kyc_provider, blockchain_settings, updated_at) on tenants to cdp_app;
revoke insert, update, delete on domain_aliases from cdp_app;

-- 2. One host name, one tenant, across primary domains and aliases (each column is unique
--    on its own already). The advisory lock serialises two writers of the same name.
create function app_host_name_free() returns trigger language plpgsql as $$
begin
  if new.domain is null then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtext(lower(new.domain::text)));
  if tg_table_name = 'tenants' then
    if exists (select 1 from domain_aliases a where a.domain = new.domain) then
      raise exception 'host name % is already an alias of a tenant', new.domain using errcode = '23505';
    end if;
  elsif exists (select 1 from tenants t where t.domain = new.domain) then
    raise exception 'host name % is already a tenant''s domain', new.domain using errcode = '23505';
  end if;
  return new;
end $$;

create trigger tenants_host_name_free before insert or update of domain on tenants
  for each row execute function app_host_name_free();
create trigger domain_aliases_host_name_free before insert or update of domain on domain_aliases
  for each row execute function app_host_name_free();
