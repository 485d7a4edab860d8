import type { Accreditation, DealTerms, InvestorFacts, Regime } from './types';

// Facts several rules share: who is a U.S. person, who is accredited, what is a U.S. dollar.

/**
 * A U.S. person for these rules: declared as one, or resident in or a national of the US.
 * Nationality is stricter than Regulation S (which looks at residence) on purpose: a
 * platform cannot check foreign residence of a U.S. citizen well enough to rely on it.
 * Unknown (nothing declared) is null.
 */
export function usPerson(f: Pick<InvestorFacts, 'declaration' | 'profileCountry'>): boolean | null {
  const d = f.declaration;
  if (!d) return f.profileCountry === 'US' ? true : null;
  return d.isUsPerson || d.residenceCountry === 'US' || d.nationality === 'US';
}

const US_REGIMES: Regime[] = ['reg_d_506b', 'reg_d_506c', 'reg_cf', 'reg_a_tier1', 'reg_a_tier2'];

/**
 * The tranche an investor buys in. Deals offered both under Regulation S and a U.S. exemption:
 * U.S. persons (and investors who declared nothing) buy under the U.S. exemption, everyone else
 * under Regulation S (230.903(a)), and each is held only to the rules of their tranche.
 */
export function boughtUnder(deal: Pick<DealTerms, 'regimes'>, f: InvestorFacts): 'us_exemption' | 'reg_s' | 'both_apply' {
  const hasS = deal.regimes.includes('reg_s');
  const hasUs = deal.regimes.some((r) => US_REGIMES.includes(r));
  if (!hasS || !hasUs) return 'both_apply';
  return usPerson(f) === false ? 'reg_s' : 'us_exemption';
}

const DAY_MS = 86_400_000;

/**
 * How long a reviewed accreditation lasts when the reviewer sets no expiry, and the most a
 * reviewer may set: the 501(a)(5) net-worth and 501(a)(6) income tests look at the current
 * year, so a verification says nothing about status more than a year later.
 */
export const ACCREDITATION_VALIDITY_DAYS = 365;
/** 230.506(c)(2)(ii)(E): a written re-verification statement may rely on a verification at most five years old. */
export const REVERIFICATION_YEARS = 5;

/** When a verification stops counting: the reviewer's expiry, else ACCREDITATION_VALIDITY_DAYS after it was verified. */
export function expiryOf(a: Pick<Accreditation, 'verifiedAt' | 'expiresAt'>): Date {
  return a.expiresAt ? new Date(a.expiresAt) : new Date(new Date(a.verifiedAt).getTime() + ACCREDITATION_VALIDITY_DAYS * DAY_MS);
}

/** 230.506(c)(2)(ii)(E): the first moment the verification a re-verification statement relies on is more than five years old. */
export function reverificationBasisEndsAt(priorVerifiedAt: string): Date {
  const d = new Date(priorVerifiedAt);
  d.setUTCFullYear(d.getUTCFullYear() + REVERIFICATION_YEARS);
  return d;
}

/**
 * Approved, not past its expiry (see expiryOf), a re-verification statement still within five
 * years of the verification it relies on, and (when windowDays is given) verified at most
 * that many days ago.
 */
export function isCurrent(a: Accreditation, now: Date, windowDays?: number): boolean {
  if (expiryOf(a).getTime() <= now.getTime()) return false;
  if (a.method === 'reverification_statement' && (!a.priorVerifiedAt || reverificationBasisEndsAt(a.priorVerifiedAt).getTime() <= now.getTime())) return false;
  if (windowDays === undefined) return true;
  return now.getTime() - new Date(a.verifiedAt).getTime() <= windowDays * DAY_MS;
}

/** 230.501(a)(5)/(6): $1,000,000 net worth (primary residence excluded) or $200,000 income. */
export const NATURAL_PERSON_NET_WORTH_USD_CENTS = 100_000_000n;
export const NATURAL_PERSON_INCOME_USD_CENTS = 20_000_000n;

/** 501(a)(6): $300,000 of income jointly with a spouse or spousal equivalent. */
export const JOINT_INCOME_USD_CENTS = 30_000_000n;
/** Categories that do not depend on income or net worth (501(a)(10) licences, 501(a)(11) knowledgeable employees). */
const NON_FINANCIAL_CATEGORIES = ['professional_certification', 'knowledgeable_employee'];

/**
 * The investor's own declaration says they are not accredited: a natural person who declared an
 * income below $200,000, no joint income of $300,000 or more (501(a)(6)) and a net worth below
 * $1,000,000 (501(a)(5)), and who holds no current verification of a category that does not
 * depend on money (a Series 7, 65 or 82 licence, 501(a)(10); a knowledgeable employee,
 * 501(a)(11)). A statement-based verification (506(c)(2)(ii)(E), the minimum-investment
 * position) holds only without "information to the contrary"; this is such information.
 */
export function declarationContradictsAccreditation(f: Pick<InvestorFacts, 'declaration'> & { accreditations?: Accreditation[] }, now: Date = new Date()): boolean {
  const d = f.declaration;
  if (!d || d.investorType !== 'natural_person' || d.annualIncomeUsdCents === null || d.netWorthUsdCents === null) return false;
  if (d.jointAnnualIncomeUsdCents !== null && BigInt(d.jointAnnualIncomeUsdCents) >= JOINT_INCOME_USD_CENTS) return false;
  if ((f.accreditations ?? []).some((a) => a.category !== null && NON_FINANCIAL_CATEGORIES.includes(a.category) && a.method !== 'reverification_statement' && isCurrent(a, now))) return false;
  return BigInt(d.annualIncomeUsdCents) < NATURAL_PERSON_INCOME_USD_CENTS && BigInt(d.netWorthUsdCents) < NATURAL_PERSON_NET_WORTH_USD_CENTS;
}

/** Methods that verify status itself (not the deal-bound minimum-investment representation). */
const STATUS_METHODS: Accreditation['method'][] = ['letter_from_professional', 'income_documents', 'net_worth_documents', 'category_documents', 'reverification_statement'];

/**
 * Accredited at `now` (230.501(a), status at the time of sale): only from a current
 * accreditation record, never from a profile level granted once. A re-verification statement
 * counts only while nothing the investor declared contradicts it.
 */
export function isAccredited(f: Pick<InvestorFacts, 'accreditations' | 'declaration'>, now: Date): boolean {
  return f.accreditations.some(
    (a) => STATUS_METHODS.includes(a.method) && isCurrent(a, now) && !(a.method === 'reverification_statement' && declarationContradictsAccreditation(f, now)),
  );
}

/** Twelve calendar months before `now` (UTC): the look-back of the Reg CF limit (227.100(a)(2)). */
export function twelveMonthsBefore(now: Date): Date {
  const d = new Date(now.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

export const USD_LIKE = ['USD', 'USDC', 'USDT'] as const;

/**
 * An amount in minor units as U.S. cents, or null for any currency other than USD and the
 * dollar stablecoins (taken 1:1): no exchange rates, so the caller fails closed. Fractions of
 * a cent round up, never in the investor's favour.
 */
export function toUsdCents(amountMinor: string | bigint, currency: string, decimals: number): bigint | null {
  if (!(USD_LIKE as readonly string[]).includes(currency)) return null;
  const v = BigInt(amountMinor);
  if (decimals <= 2) return v * 10n ** BigInt(2 - decimals);
  const div = 10n ** BigInt(decimals - 2);
  return (v + div - 1n) / div;
}

export const usd = (cents: bigint) => {
  const s = (cents < 0n ? -cents : cents).toString().padStart(3, '0');
  return `$${s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${s.slice(-2)}`;
};
