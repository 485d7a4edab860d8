import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { ValidationError } from '../errors';
import { fromMinorUnits, toMinorUnits } from '../money';
import type { TenantContext } from '../tenancy/resolve';
import { externalRegCfInvestmentsOf, findDeclaration, replaceExternalRegCfInvestments, upsertDeclaration } from './repo';
import { twelveMonthsBefore } from './rules/investor-status';
import type { DeclarationInput } from './schema';

type Row = NonNullable<Awaited<ReturnType<typeof findDeclaration>>>;
type External = Awaited<ReturnType<typeof externalRegCfInvestmentsOf>>[number];
const dollars = (cents: string | null) => (cents === null ? null : fromMinorUnits(cents, 2));

/**
 * The stated Reg CF purchases elsewhere: each with the day it stops counting (12 months on,
 * 227.100(a)(2)), and the sum of those that count today.
 */
function externalView(entries: External[], now: Date) {
  const since = twelveMonthsBefore(now);
  const counting = entries.filter((e) => e.invested_on > since);
  const countsUntil = (on: Date) => {
    const d = new Date(on.getTime());
    d.setUTCFullYear(d.getUTCFullYear() + 1);
    return d.toISOString().slice(0, 10);
  };
  return {
    externalInvestments12m: fromMinorUnits(counting.reduce((s, e) => s + BigInt(e.amount), 0n), 2),
    externalRegCfInvestments: entries.map((e) => ({ amount: fromMinorUnits(e.amount, 2), investedOn: e.invested_on.toISOString().slice(0, 10), intermediary: e.intermediary, countsUntil: countsUntil(e.invested_on), counts: e.invested_on > since })),
  };
}

async function viewOf(t: TenantTx, userId: string) {
  const [d, external] = await Promise.all([findDeclaration(t, userId), externalRegCfInvestmentsOf(t, userId)]);
  return d ? { ...declarationView(d), ...externalView(external, new Date()) } : null;
}

function declarationView(d: Row) {
  return {
    residenceCountry: d.residence_country,
    residenceSubdivision: d.residence_subdivision,
    nationality: d.nationality,
    isUsPerson: d.is_us_person,
    investorType: d.investor_type,
    currency: 'USD',
    annualIncome: dollars(d.annual_income),
    jointAnnualIncome: dollars(d.joint_annual_income),
    netWorth: dollars(d.net_worth),
    financialsDeclaredAt: d.financials_declared_at?.toISOString() ?? null,
    declaredAt: d.declared_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  };
}

/** GET /api/investor/compliance/declaration */
export async function getOwnDeclaration(tenant: TenantContext, p: Principal) {
  return { declaration: await withTenant(tenant.id, { userId: p.userId }, (t) => viewOf(t, p.userId)) };
}

/** PUT /api/investor/compliance/declaration: amounts in U.S. dollars ("124000.00"), stored in cents. */
export async function putOwnDeclaration(tenant: TenantContext, p: Principal, input: DeclarationInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const cents = (v: string | undefined) => (v === undefined ? null : toMinorUnits(v, 2));
    const financials = input.annualIncome !== undefined || input.netWorth !== undefined || input.jointAnnualIncome !== undefined;
    await upsertDeclaration(t, {
      user_id: p.userId,
      residence_country: input.residenceCountry,
      residence_subdivision: input.residenceSubdivision ?? null,
      nationality: input.nationality,
      is_us_person: input.isUsPerson,
      investor_type: input.investorType,
      annual_income: cents(input.annualIncome),
      joint_annual_income: cents(input.jointAnnualIncome),
      net_worth: cents(input.netWorth),
      financials_declared_at: financials ? new Date() : null,
    });
    if (input.externalRegCfInvestments) await replaceExternalRegCfInvestments(t, p.userId, externalEntries(input.externalRegCfInvestments));
    // Personal financial data: the audit keeps what changed, not the amounts.
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'compliance.declaration_updated', targetType: 'user', targetId: p.userId, metadata: { residenceCountry: input.residenceCountry, isUsPerson: input.isUsPerson, investorType: input.investorType, financials, externalRegCfInvestments: input.externalRegCfInvestments?.length ?? 'kept' } }, meta);
    return { declaration: await viewOf(t, p.userId) };
  });
}

/** The entries as stored (U.S. cents, midnight UTC); a day after today is refused, naming the entry. */
function externalEntries(list: NonNullable<DeclarationInput['externalRegCfInvestments']>) {
  const today = new Date().toISOString().slice(0, 10);
  const late = list.flatMap((e, i) => (e.investedOn > today ? [{ field: `externalRegCfInvestments.${i}.investedOn`, message: 'cannot be in the future' }] : []));
  if (late.length) throw new ValidationError(late);
  return list.map((e) => ({ amount: toMinorUnits(e.amount, 2), investedOn: new Date(`${e.investedOn}T00:00:00Z`), intermediary: e.intermediary ?? null }));
}
