-- The public deal listing (GET /api/deals) filters on the published statuses and orders by
-- newest first: a partial index in exactly that order lets the page query read only the 20
-- rows it returns and the total come from an index-only scan, instead of sorting every deal.
create index idx_deals_public_listing on deals (tenant_id, created_at desc, id desc)
  where status in ('active', 'funded', 'closed', 'completed');

-- unique (tenant_id, email) already indexes exactly this.
drop index if exists idx_users_email;
