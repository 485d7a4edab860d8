import type { Principal } from '../auth/principal';
import type { DealRow } from '../deals/repo';
import type { TenantTx } from '../db/tenant';
import { declarationFacts } from './investor-facts';
import { declarationsOf, profilesOf } from './repo';
import { US_EXEMPTIONS } from './rules/exemptions';
import { usPerson } from './rules/investor-status';
import { storedDealCompliance } from './schema';
import { mayBeShown506b, visible506bDealIds } from './solicitation-506b';

// Which published deals a viewer who is not staff may be shown. Two kinds of offering may not
// be shown to everyone: 506(b) (no general solicitation, 230.502(c): solicitation-506b.ts) and
// offerings made only under Regulation S, which may not be directed at U.S. persons
// (230.903(a)(2), 230.902(c)): shown only to investors who declared they are not U.S. persons.

/** Offered under Regulation S and no U.S. exemption; compliance terms that do not parse count as one. */
export function isRegSOnly(deal: { compliance: unknown }): boolean {
  const c = storedDealCompliance.safeParse(deal.compliance ?? {});
  if (!c.success) return true;
  return c.data.regimes.includes('reg_s') && !c.data.regimes.some((r) => (US_EXEMPTIONS as readonly string[]).includes(r));
}

/** Known not to be a U.S. person (declared so); visitors and investors who declared nothing are not. */
async function declaredNonUsPerson(t: TenantTx, p: Principal | null): Promise<boolean> {
  if (!p) return false;
  const [[d], [profile]] = await Promise.all([declarationsOf(t, [p.userId]), profilesOf(t, [p.userId])]);
  return usPerson({ declaration: d ? declarationFacts(d) : null, profileCountry: profile?.country?.trim() || null }) === false;
}

/** One deal: may this viewer (not staff, not its issuer) be shown it? */
export async function mayBeShown(t: TenantTx, p: Principal | null, deal: Pick<DealRow, 'id' | 'compliance'>): Promise<boolean> {
  if (isRegSOnly(deal) && !(await declaredNonUsPerson(t, p))) return false;
  return mayBeShown506b(t, p, deal);
}

/** The listing filter for a viewer who is not staff. */
export async function restrictedOfferingsFor(t: TenantTx, p: Principal | null): Promise<{ only506b: string[]; hideRegSOnly: boolean }> {
  const [only506b, nonUs] = await Promise.all([visible506bDealIds(t, p), declaredNonUsPerson(t, p)]);
  return { only506b, hideRegSOnly: !nonUs };
}
