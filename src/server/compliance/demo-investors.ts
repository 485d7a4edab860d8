import { withTenant } from '../db/tenant';
import { accreditationOf } from './investor-facts';
import { approvedAccreditations, insertAccreditation, upsertDeclaration } from './repo';
import { ACCREDITATION_VALIDITY_DAYS, isAccredited } from './rules/investor-status';
import { REG_CF_EDUCATION_VERSION } from './rules/reg-cf-education';

/**
 * For demo seeds only: the demo investors are declared non-U.S. residents of Germany and
 * accredited (net-worth documents, recorded as checked by the seed), so the demo's Reg CF
 * and Reg S deals accept their investments as a real cleared investor's would. Idempotent.
 */
export async function clearDemoInvestor(tenantId: string, userId: string): Promise<void> {
  await withTenant(tenantId, { userId }, async (t) => {
    await upsertDeclaration(t, {
      user_id: userId,
      residence_country: 'DE',
      residence_subdivision: null,
      nationality: 'DE',
      is_us_person: false,
      investor_type: 'natural_person',
      annual_income: 40_000_000n,
      net_worth: 300_000_000n,
      financials_declared_at: new Date(),
      external_investments_12m: 0n,
    });
    // Reg CF educational materials acknowledged (227.303(b)(2)), as a real investor does before a first Reg CF investment.
    await t.tx
      .insertInto('investor_acknowledgements')
      .values({ tenant_id: t.tenantId, user_id: userId, kind: 'reg_cf_education', material_version: REG_CF_EDUCATION_VERSION, statements: JSON.stringify({ demoSeed: true }) })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'kind', 'material_version']).doNothing())
      .execute();
    const now = new Date();
    if ((await approvedAccreditations(t, [userId])).map(accreditationOf).some((a) => isAccredited({ accreditations: [a], declaration: null }, now))) return;
    const expiresAt = new Date(now.getTime() + ACCREDITATION_VALIDITY_DAYS * 86_400_000);
    await insertAccreditation(t, { userId, method: 'net_worth_documents', evidence: { source: 'demo_seed', documentDate: now.toISOString().slice(0, 10) }, approvedAt: now, expiresAt });
  });
}
