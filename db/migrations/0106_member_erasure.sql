-- GDPR: a member's erasure request waits the tenant's delay (tenant_settings 'privacy'
-- {"erasureDelayDays": N}, default 30) and is then carried out by a job. The row is kept as
-- the record that the request was honoured; it names the member only by id.
create table member_erasure_requests (
  tenant_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  requested_by uuid,
  reason text check (length(reason) <= 2000),
  status text not null default 'scheduled' check (status in ('scheduled', 'done', 'cancelled')),
  due_at timestamptz not null,
  done_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('member_erasure_requests');
create unique index uq_member_erasure_open on member_erasure_requests (tenant_id, user_id) where status = 'scheduled';
create index idx_member_erasure_due on member_erasure_requests (due_at) where status = 'scheduled';
grant select, insert, update on member_erasure_requests to cdp_app;
revoke delete on member_erasure_requests from cdp_app;

-- Per-member data keys (crypto-shredding): a member's KYC files are encrypted with their own
-- key, itself sealed with DATA_ENCRYPTION_KEY. Erasure deletes the key row, and every copy of
-- those files (backups, exports, pinned copies) becomes unreadable.
create table member_data_keys (
  tenant_id uuid not null,
  user_id uuid not null,
  sealed_key text not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('member_data_keys');
grant select, insert, delete on member_data_keys to cdp_app;
