-- Tenant exports run as pg-boss jobs; their progress is kept here for the operator to watch.
-- A platform table (no tenant_id, no RLS): the exported tenant may later be deleted from this
-- installation, while the record of its export stays. Only the owner (platform path) touches it.
create table tenant_exports (
  id uuid primary key,
  target_tenant_id uuid not null,
  slug text not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  tables_total integer not null default 0,
  tables_done integer not null default 0,
  rows_done bigint not null default 0,
  bytes_written bigint not null default 0,
  file_path text,
  manifest_sha256 text,
  error text,
  requested_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index idx_tenant_exports_tenant on tenant_exports (target_tenant_id, created_at desc);
revoke all on tenant_exports from cdp_app;
