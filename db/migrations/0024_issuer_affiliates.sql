-- Regulation Crowdfunding caps what an issuer sells in 12 months at $5,000,000 including what
-- entities controlled by or under common control with it sold (17 CFR 227.100(a)(1)). A tenant
-- admin records which issuers of the tenant are affiliated; the pair is stored both ways so
-- either issuer finds the other with one lookup.
create table issuer_affiliates (
  tenant_id uuid not null,
  issuer_id uuid not null,
  affiliate_issuer_id uuid not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, issuer_id, affiliate_issuer_id),
  foreign key (tenant_id, issuer_id) references issuers (tenant_id, id),
  foreign key (tenant_id, affiliate_issuer_id) references issuers (tenant_id, id),
  foreign key (tenant_id, recorded_by) references users (tenant_id, id),
  check (issuer_id <> affiliate_issuer_id)
);
select app_enable_tenant_rls('issuer_affiliates');

grant select, insert on issuer_affiliates to cdp_app;
