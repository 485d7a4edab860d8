-- The review history of a deal: each submission, withdrawal, approval and rejection with who
-- took it, when and why. deals.review_reason keeps only the latest reason; the issuer and the
-- reviewers both need the whole conversation (issue 24).
create table deal_review_events (
  tenant_id uuid not null,
  deal_id uuid not null,
  id uuid not null,
  action text not null check (action in ('submit', 'withdraw', 'approve', 'reject')),
  actor_id uuid not null,
  reason text check (length(reason) <= 1000),
  created_at timestamptz not null default now(),
  primary key (tenant_id, deal_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, actor_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('deal_review_events');

grant select, insert on deal_review_events to cdp_app;
