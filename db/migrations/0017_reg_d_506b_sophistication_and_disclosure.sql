-- Rule 506(b)(2)(ii): each non-accredited purchaser, alone or with a purchaser representative
-- (230.501(i)), must have the knowledge and experience in financial and business matters to
-- evaluate the investment; and Rule 502(b)(1) requires the 502(b)(2) information to be
-- furnished to non-accredited purchasers a reasonable time before the sale.

-- The points a submitted questionnaire scored on its knowledge-and-experience questions alone,
-- kept beside the total so wealth and risk answers cannot stand in for them. Null for
-- assessments made before this was recorded: they show no knowledge or experience.
alter table suitability_assessments add column knowledge_experience_points integer check (knowledge_experience_points >= 0);

-- A purchaser representative (230.501(i)) an investor names for one offering, with the
-- qualifications, the disclosure of material relationships with the issuer and the
-- purchaser's written acknowledgement. One per investor and deal; naming another replaces it.
create table purchaser_representatives (
  tenant_id uuid not null,
  deal_id uuid not null,
  user_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  qualifications text not null check (length(qualifications) between 20 and 5000),
  material_relationships text not null check (length(material_relationships) between 1 and 5000),
  acknowledged_at timestamptz not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, deal_id, user_id),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('purchaser_representatives');

-- The Rule 502(b) disclosure as delivered to one investor for one deal: which documents
-- (package_sha256 over their ids, versions and file hashes), when, and when the investor
-- acknowledged receiving it. A new delivery of a changed package clears the acknowledgement.
create table offering_disclosures (
  tenant_id uuid not null,
  deal_id uuid not null,
  user_id uuid not null,
  kind text not null check (kind in ('rule_502b')),
  package_sha256 text not null check (package_sha256 ~ '^[0-9a-f]{64}$'),
  documents jsonb not null,
  delivered_at timestamptz not null,
  acknowledged_at timestamptz,
  primary key (tenant_id, deal_id, user_id, kind),
  foreign key (tenant_id, deal_id) references deals (tenant_id, id),
  foreign key (tenant_id, user_id) references users (tenant_id, id),
  check (acknowledged_at is null or acknowledged_at >= delivered_at)
);
select app_enable_tenant_rls('offering_disclosures');

grant select, insert, update on purchaser_representatives to cdp_app;
grant select, insert, update on offering_disclosures to cdp_app;
