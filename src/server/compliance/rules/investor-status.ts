import type { Accreditation, DealTerms, InvestorFacts, Regime } from './types';

// Facts several rules share: who is a U.S. person, who is accredited, what is a U.S. dollar.

/**
 * A U.S. person for these rules: declared as one, or resident in or a national of the US.
 * Nationality is stricter than Regulation S (which looks at residence) on purpose: a
 * platform cannot check foreign residence of a U.S. citizen well enough to rely on it.
 * Unknown (nothing declared) is null.
 */
export function usPerson(f: InvestorFacts): boolean | null {
  const d = f.declaration;
  if (!d) return f.profileCountry === 'US' ? true : null;
  return d.isUsPerson || d.residenceCountry === 'US' || d.nationality === 'US';
}

const US_REGIMES: Regime[] = ['reg_d_506b', 'reg_d_506c', 'reg_cf'];

/**
 * Deals offered both under Regulation S and a U.S. exemption: U.S. persons (and investors who
 * declared nothing) buy under the U.S. exemption, everyone else under Regulation S.
 */
export function boughtUnder(deal: DealTerms, f: InvestorFacts): 'us_exemption' | 'reg_s' | 'both_apply' {
  const hasS = deal.regimes.includes('reg_s');
  const hasUs = deal.regimes.some((r) => US_REGIMES.includes(r));
  if (!hasS || !hasUs) return 'both_apply';
  return usPerson(f) === false ? 'reg_s' : 'us_exemption';
}

const DAY_MS = 86_400_000;

/** Approved, not past its own expiry, and (when windowDays is given) verified at most that many days ago. */
export function isCurrent(a: Accreditation, now: Date, windowDays?: number): boolean {
  if (a.expiresAt && new Date(a.expiresAt).getTime() <= now.getTime()) return false;
  if (windowDays === undefined) return true;
  return now.getTime() - new Date(a.verifiedAt).getTime() <= windowDays * DAY_MS;
}

/** Accredited for Rule 506(b) and investment limits: a current verification or the 'accredited' level. */
export function isAccredited(f: InvestorFacts, now: Date): boolean {
  return f.verificationLevel === 'accredited' || f.accreditations.some((a) => a.method !== 'minimum_investment_representation' && isCurrent(a, now));
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
