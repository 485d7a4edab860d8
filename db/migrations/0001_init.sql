-- Foundation schema: tenants, identity, sessions, roles, audit.
-- Tenant-owned tables carry tenant_id in every key and are guarded by a FORCED
-- row-level-security policy reading the transaction-local app.tenant_id.

create extension if not exists citext;
create extension if not exists pgcrypto;
create extension if not exists pg_trgm;

-- Marks a tenant-owned table: RLS enabled and forced, one policy for every command.
-- A plain (SECURITY INVOKER) function: it only runs DDL during migrations as the owner.
create or replace function app_enable_tenant_rls(target regclass) returns void
language plpgsql as $$
begin
  execute format('alter table %s enable row level security', target);
  execute format('alter table %s force row level security', target);
  execute format(
    'create policy tenant_isolation on %s using (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) with check (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)',
    target);
end $$;

-- Append-only guard for audit trails: no row is ever changed or removed, by anyone.
create or replace function app_forbid_change() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '42501';
end $$;

-- ---------------------------------------------------------------- platform data
-- Platform (reference) tables: no tenant_id, read by the tenant resolver before a tenant is known.

create table tenants (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  slug citext not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  domain citext unique,
  status text not null default 'active' check (status in ('active', 'suspended')),
  suspended_reason text,
  settings jsonb not null default '{}',
  features jsonb not null default '{}',
  theme_settings jsonb not null default '{}',
  kyc_provider text not null default 'manual' check (kyc_provider in ('manual', 'sumsub', 'shuftipro')),
  blockchain_settings jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Everyone may read tenants (resolution, branding); a tenant admin may change only
-- its own row; creation and suspension go through the platform (owner) path.
alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenants_read on tenants for select using (true);
create policy tenants_self_update on tenants for update
  using (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid);

create table platform_admins (
  id uuid primary key,
  email citext not null unique,
  password_hash text not null,
  created_at timestamptz not null default now()
);

create table platform_audit_logs (
  id uuid primary key,
  admin_id uuid,
  action text not null,
  target_tenant_id uuid,
  target text,
  metadata jsonb not null default '{}',
  ip text,
  user_agent text,
  created_at timestamptz not null default now()
);
create trigger platform_audit_logs_append_only before update or delete on platform_audit_logs
  for each row execute function app_forbid_change();

-- Counters of rate-limiter-flexible (keys carry the tenant, the limit class and the client).
create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);

-- ---------------------------------------------------------------- tenant configuration

-- Host names are public facts and must map to one tenant platform-wide, so the
-- resolver reads every row (policy below); writes stay within the current tenant.
create table domain_aliases (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  domain citext not null unique,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('domain_aliases');
create policy domain_alias_resolution on domain_aliases for select using (true);

create table tenant_features (
  tenant_id uuid not null references tenants (id) on delete cascade,
  feature text not null,
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, feature)
);
select app_enable_tenant_rls('tenant_features');

create table tenant_settings (
  tenant_id uuid not null references tenants (id) on delete cascade,
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, key)
);
select app_enable_tenant_rls('tenant_settings');

create table tenant_metadata (
  tenant_id uuid not null references tenants (id) on delete cascade,
  key text not null,
  value jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, key)
);
select app_enable_tenant_rls('tenant_metadata');

-- ---------------------------------------------------------------- identity

create table users (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  email citext not null check (length(email) <= 254),
  password_hash text not null,
  first_name text not null,
  last_name text not null,
  status text not null default 'active' check (status in ('active', 'disabled')),
  email_verified_at timestamptz,
  mfa_secret text,
  mfa_enabled_at timestamptz,
  mfa_last_step bigint,
  failed_login_count integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, email)
);
select app_enable_tenant_rls('users');
create index idx_users_email on users (tenant_id, email);

create table profiles (
  tenant_id uuid not null,
  user_id uuid not null,
  display_name text,
  phone text,
  country char(2),
  kyc_status text not null default 'not_started'
    check (kyc_status in ('not_started', 'pending', 'approved', 'rejected', 'retry')),
  verification_level text not null default 'none'
    check (verification_level in ('none', 'basic', 'standard', 'enhanced', 'accredited')),
  wallet_address text,
  preferences jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('profiles');

create table user_verification_levels (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  level text not null check (level in ('basic', 'standard', 'enhanced', 'accredited')),
  evidence jsonb not null default '{}',
  granted_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('user_verification_levels');
create index idx_user_verification_levels_user on user_verification_levels (tenant_id, user_id, granted_at desc);

create table tenant_user_roles (
  tenant_id uuid not null,
  user_id uuid not null,
  role text not null check (role in ('investor', 'issuer', 'broker', 'transfer_agent', 'compliance_officer', 'tenant_admin')),
  granted_by uuid,
  granted_at timestamptz not null default now(),
  primary key (tenant_id, user_id, role),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('tenant_user_roles');

create table verification_codes (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  purpose text not null check (purpose in ('email_verification', 'password_reset')),
  code_hash text not null,
  attempts integer not null default 0,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('verification_codes');
create index idx_verification_codes_user on verification_codes (tenant_id, user_id, purpose, created_at desc);

create table mfa_recovery_codes (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, user_id, code_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('mfa_recovery_codes');

-- A session is one refresh-token family: every rotation adds a refresh_tokens row;
-- presenting a token that was already rotated revokes the whole session.
create table sessions (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  ip text,
  user_agent text,
  mfa_pending boolean not null default false,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text,
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('sessions');
create index idx_sessions_user on sessions (tenant_id, user_id, created_at desc);

create table refresh_tokens (
  tenant_id uuid not null,
  id uuid not null,
  session_id uuid not null,
  token_hash text not null,
  issued_at timestamptz not null default now(),
  used_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, token_hash),
  foreign key (tenant_id, session_id) references sessions (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('refresh_tokens');

-- ---------------------------------------------------------------- logs and mail

create table activity_logs (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid,
  action text not null,
  entity_type text,
  entity_id text,
  metadata jsonb not null default '{}',
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('activity_logs');
create index idx_activity_logs_entity_created on activity_logs (tenant_id, entity_type, entity_id, created_at desc);
create trigger activity_logs_append_only before update or delete on activity_logs
  for each row execute function app_forbid_change();

create table audit_logs (
  tenant_id uuid not null,
  id uuid not null,
  actor_id uuid,
  actor_role text,
  action text not null,
  target_type text,
  target_id text,
  outcome text not null default 'success' check (outcome in ('success', 'denied', 'failure')),
  metadata jsonb not null default '{}',
  ip text,
  user_agent text,
  request_id text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('audit_logs');
create index idx_audit_logs_created on audit_logs (tenant_id, created_at desc);
create trigger audit_logs_append_only before update or delete on audit_logs
  for each row execute function app_forbid_change();

-- Outgoing mail is written here in the same transaction as the change that causes it
-- (outbox); a worker delivers it through the configured adapter.
create table email_outbox (
  tenant_id uuid not null,
  id uuid not null,
  to_address citext not null,
  template text not null,
  subject text not null,
  body_text text not null,
  status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  primary key (tenant_id, id)
);
select app_enable_tenant_rls('email_outbox');
create index idx_email_outbox_pending on email_outbox (status, created_at) where status = 'pending';

-- ---------------------------------------------------------------- privileges for the app role

grant usage on schema public to cdp_app;
grant select, insert, update, delete on all tables in schema public to cdp_app;
revoke insert, update, delete on tenants, platform_admins from cdp_app;
grant update (name, domain, settings, features, theme_settings, kyc_provider, blockchain_settings, updated_at) on tenants to cdp_app;
revoke update, delete on activity_logs, audit_logs, platform_audit_logs from cdp_app;
revoke all on pgmigrations from cdp_app;
