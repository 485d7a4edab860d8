-- Restates the app role's privileges on platform and audit tables exactly, whatever an
-- earlier grant did: the app role reads tenants and domain aliases for host resolution,
-- may change only a tenant's branding columns, never touches platform admins or the
-- migration table, and only appends to audit trails.

revoke all on tenants, platform_admins, platform_audit_logs, pgmigrations from cdp_app;
grant select on tenants to cdp_app;
grant update (name, domain, settings, features, theme_settings, kyc_provider, blockchain_settings, updated_at) on tenants to cdp_app;

revoke all on audit_logs, activity_logs, document_access_logs from cdp_app;
grant select, insert on audit_logs, activity_logs, document_access_logs to cdp_app;

-- Row triggers do not fire on TRUNCATE: block it too, for everyone, on the trails.
create trigger audit_logs_no_truncate before truncate on audit_logs for each statement execute function app_forbid_change();
create trigger activity_logs_no_truncate before truncate on activity_logs for each statement execute function app_forbid_change();
create trigger platform_audit_logs_no_truncate before truncate on platform_audit_logs for each statement execute function app_forbid_change();
create trigger document_access_logs_no_truncate before truncate on document_access_logs for each statement execute function app_forbid_change();
