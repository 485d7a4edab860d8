import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { toMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { findDeclaration } from './repo';
import { upsertDeclaration } from './repo';
import type { DeclarationInput } from './schema';
import { fromMinorUnits } from '../money';

type Row = NonNullable<Awaited<ReturnType<typeof findDeclaration>>>;
const dollars = (cents: string | null) => (cents === null ? null : fromMinorUnits(cents, 2));

export function declarationView(d: Row) {
  return {
    residenceCountry: d.residence_country,
    residenceSubdivision: d.residence_subdivision,
    nationality: d.nationality,
    isUsPerson: d.is_us_person,
    investorType: d.investor_type,
    currency: 'USD',
    annualIncome: dollars(d.annual_income),
    netWorth: dollars(d.net_worth),
    financialsDeclaredAt: d.financials_declared_at?.toISOString() ?? null,
    externalInvestments12m: dollars(d.external_investments_12m),
    declaredAt: d.declared_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

/** GET /api/investor/compliance/declaration */
export async function getOwnDeclaration(tenant: TenantContext, p: Principal) {
  const d = await withTenant(tenant.id, { userId: p.userId }, (t) => findDeclaration(t, p.userId));
  return { declaration: d ? declarationView(d) : null };
}

/** PUT /api/investor/compliance/declaration: amounts in U.S. dollars ("124000.00"), stored in cents. */
export async function putOwnDeclaration(tenant: TenantContext, p: Principal, input: DeclarationInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const cents = (v: string | undefined) => (v === undefined ? null : toMinorUnits(v, 2));
    const financials = input.annualIncome !== undefined || input.netWorth !== undefined;
    await upsertDeclaration(t, {
      user_id: p.userId,
      residence_country: input.residenceCountry,
      residence_subdivision: input.residenceSubdivision ?? null,
      nationality: input.nationality,
      is_us_person: input.isUsPerson,
      investor_type: input.investorType,
      annual_income: cents(input.annualIncome),
      net_worth: cents(input.netWorth),
      financials_declared_at: financials ? new Date() : null,
      external_investments_12m: cents(input.externalInvestments12m) ?? 0n,
    });
    // Personal financial data: the audit keeps what changed, not the amounts.
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.declaration_updated', targetType: 'user', targetId: p.userId, metadata: { residenceCountry: input.residenceCountry, isUsPerson: input.isUsPerson, investorType: input.investorType, financials } }, meta);
    return { declaration: declarationView((await findDeclaration(t, p.userId))!) };
  });
}
