// The compliance bench's data: one tenant on Sumsub with tenant-wide compliance settings, an
// active deal under every regime (506(b), 506(c), Reg S, Reg CF), an investor who passes all
// rules (declared non-U.S. resident, approved accreditation, suitability, accredited level),
// and `applicants` Sumsub applications in review for webhook events to land on.
import pg from 'pg';
import { grantVerificationLevel } from '../../src/server/auth/verification-levels';
import { insertAccreditation, insertSuitability, upsertDeclaration } from '../../src/server/compliance/repo';
import { withTenant } from '../../src/server/db/tenant';
import { addUser, createTenant } from '../../src/server/platform/tenants';

export type ComplianceBenchData = {
  tenantId: string;
  investorId: string;
  deal: { id: string; asset_type: 'equity'; currency: string; currency_decimals: number; compliance: Record<string, unknown> };
  applicantIds: string[];
};

export const DEAL_COMPLIANCE = { regimes: ['reg_d_506b', 'reg_d_506c', 'reg_s', 'reg_cf'], blockedCountries: ['RU'], minimumVerificationLevel: 'accredited', minimumSuitabilityBand: 'medium' };

export async function seedComplianceBench(o: { ownerUrl: string; slug: string; password: string; applicants: number }): Promise<ComplianceBenchData> {
  const { id: tenantId } = await createTenant(
    { adminId: null },
    {
      name: 'Compliance bench',
      slug: o.slug,
      domain: null,
      aliases: [],
      kycProvider: 'sumsub',
      settings: { compliance: { blockedCountries: ['KP', 'IR'], investmentLimit: { appliesTo: 'all' } } },
      admin: { email: `admin@${o.slug}.example`, password: o.password, firstName: 'Ada', lastName: 'Admin' },
    },
  );
  const investorId = await addUser(tenantId, { email: `investor@${o.slug}.example`, password: o.password, firstName: 'Ines', lastName: 'Investor', roles: ['investor'] });
  const issuerUserId = await addUser(tenantId, { email: `issuer@${o.slug}.example`, password: o.password, firstName: 'Ivo', lastName: 'Issuer', roles: ['issuer'] });

  const c = new pg.Client({ connectionString: o.ownerUrl });
  await c.connect();
  let dealId: string;
  try {
    await c.query('begin');
    const le = await c.query<{ id: string }>(`insert into legal_entities (tenant_id, id, name, jurisdiction, registration_number, entity_type) values ($1, gen_random_uuid(), 'Bench Issuer Inc', 'US-DE', 'BENCH-1', 'corporation') returning id`, [tenantId]);
    const iss = await c.query<{ id: string }>(`insert into issuers (tenant_id, id, user_id, legal_entity_id, status, reviewed_at) values ($1, gen_random_uuid(), $2, $3, 'verified', now()) returning id`, [tenantId, issuerUserId, le.rows[0]!.id]);
    await c.query(`insert into issuer_profiles (tenant_id, issuer_id, display_name) values ($1, $2, 'Bench Issuer Inc')`, [tenantId, iss.rows[0]!.id]);
    const deal = await c.query<{ id: string }>(
      `insert into deals (tenant_id, id, issuer_id, slug, title, asset_type, status, currency, currency_decimals, target_amount, soft_cap, hard_cap, min_ticket, compliance, approved_at)
       values ($1, gen_random_uuid(), $2, 'all-regimes', 'Every regime', 'equity', 'active', 'USD', 2, 100000000, 0, 100000000, 100000, $3, now()) returning id`,
      [tenantId, iss.rows[0]!.id, JSON.stringify(DEAL_COMPLIANCE)],
    );
    dealId = deal.rows[0]!.id;
    await c.query(
      `with u as (select gen_random_uuid() as id, n from generate_series(1, $2::int) n),
            users_in as (insert into users (tenant_id, id, email, password_hash, first_name, last_name) select $1, id, 'applicant' || n || '@bench.example', 'x', 'Applicant', 'N' || n from u),
            profiles_in as (insert into profiles (tenant_id, user_id, display_name, verification_level) select $1, id, 'Applicant ' || n, 'basic' from u)
       insert into kyc_applications (tenant_id, id, user_id, provider, external_applicant_id, external_reference, status)
       select $1, gen_random_uuid(), id, 'sumsub', 'bench-applicant-' || n, 'bench-ref-' || n, 'pending' from u`,
      [tenantId, o.applicants],
    );
    await c.query('commit');
  } finally {
    await c.end();
  }

  await withTenant(tenantId, { userId: investorId }, async (t) => {
    await upsertDeclaration(t, {
      user_id: investorId,
      residence_country: 'DE',
      residence_subdivision: null,
      nationality: 'DE',
      is_us_person: false,
      investor_type: 'natural_person',
      annual_income: '50000000',
      net_worth: '300000000',
      financials_declared_at: new Date(),
      external_investments_12m: '0',
    });
    await insertAccreditation(t, { userId: investorId, method: 'income_documents', evidence: { documentReference: 'bench' }, approvedAt: new Date() });
    await insertSuitability(t, { userId: investorId, answers: { horizon: 'long' }, score: 16, band: 'high', knowledgeExperiencePoints: 4 });
    await grantVerificationLevel(t, investorId, 'accredited', { source: 'bench' });
  });
  return {
    tenantId,
    investorId,
    deal: { id: dealId, asset_type: 'equity', currency: 'USD', currency_decimals: 2, compliance: DEAL_COMPLIANCE },
    applicantIds: Array.from({ length: o.applicants }, (_, i) => `bench-applicant-${i + 1}`),
  };
}
