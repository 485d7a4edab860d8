-- The platform operator's console (issue 17): platform admins sign in on the platform's own host
-- with a password and a TOTP code (both required: an admin without a second factor cannot sign in),
-- and their sessions live here, apart from every tenant's sessions. Platform data: no tenant_id,
-- and the app role has no rights on it (the console runs on the owner's audited path).

alter table platform_admins
  add column name text not null default '' check (length(name) <= 200),
  add column status text not null default 'active' check (status in ('active', 'disabled')),
  add column mfa_secret text,
  -- The last TOTP time step used: a code works once.
  add column mfa_last_step bigint;

create table platform_sessions (
  id uuid primary key,
  admin_id uuid not null references platform_admins (id),
  -- SHA-256 of the session cookie (the cookie itself is never stored).
  token_hash text not null unique,
  -- Password checked, code not yet: such a session opens nothing but the code step.
  mfa_pending boolean not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  -- Idle expiry, pushed forward on use up to absolute_expires_at.
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz
);
create index idx_platform_sessions_admin on platform_sessions (admin_id, created_at desc);

revoke all on platform_admins, platform_sessions from cdp_app;

-- A tenant being provisioned exists but serves nothing until its last step marks it active.
alter table tenants drop constraint tenants_status_check;
alter table tenants add constraint tenants_status_check check (status in ('provisioning', 'active', 'suspended'));
