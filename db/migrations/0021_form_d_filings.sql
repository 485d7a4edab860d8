-- Form D (17 CFR 230.503): a notice filed with the SEC no later than 15 calendar days after the
-- first sale of a Regulation D offering. Each filing (the initial notice and any amendment) a
-- compliance officer records is kept, so the deadline can be tracked and shown.
create table form_d_filings (
  tenant_id uuid not null,
  id uuid not null,
  deal_id uuid not null,
  kind text not null check (kind in ('initial', 'amendment')),
  -- The SEC file number (021-NNNNNN) and the day EDGAR accepted the filing.
  sec_file_number text not null check (sec_file_number ~ '^021-[0-9]{5,6}$'),
  filed_on date not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id)
);
select app_enable_tenant_rls('form_d_filings');
create index idx_form_d_filings_deal on form_d_filings (tenant_id, deal_id, filed_on);

grant select, insert on form_d_filings to cdp_app;
