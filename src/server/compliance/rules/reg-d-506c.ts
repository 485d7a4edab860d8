import { boughtUnder, declarationContradictsAccreditation, isCurrent, toUsdCents, usd } from './investor-status';
import type { Accreditation, Rule } from './types';

const RULE = 'reg_d_506c';

/** SEC staff position (March 2025): minimum investments that, with written representations, are a reasonable verification step. */
export const MINIMUM_INVESTMENT_USD_CENTS = { natural_person: 20_000_000n, entity: 100_000_000n } as const;

const DOCUMENT_METHODS = ['letter_from_professional', 'income_documents', 'net_worth_documents', 'category_documents'];
/** 230.506(c)(2)(ii)(B) net-worth documents and (C) a professional's letter: dated within the prior three months. */
const THREE_MONTH_METHODS = ['letter_from_professional', 'net_worth_documents'];
const DAY_MS = 86_400_000;

/**
 * Documents and letters count from their own date, not the reviewer's approval: within the
 * tenant's window (at most 90 days) and, for (B)/(C), within three calendar months. Without a
 * date on record (submissions before it was asked for) nothing counts.
 */
function documentsCurrent(a: Accreditation, now: Date, windowDays: number): boolean {
  if (!a.documentDate || !isCurrent(a, now)) return false;
  const dated = new Date(a.documentDate).getTime();
  if (now.getTime() - dated > Math.min(windowDays, 90) * DAY_MS) return false;
  if (!THREE_MONTH_METHODS.includes(a.method)) return true;
  const threeMonthsAgo = new Date(now.getTime());
  threeMonthsAgo.setUTCMonth(threeMonthsAgo.getUTCMonth() - 3);
  return dated >= threeMonthsAgo.getTime();
}
/** Verifications that stand on the investor's word: void with information to the contrary. */
const STATEMENT_METHODS = ['reverification_statement', 'minimum_investment_representation'];

/**
 * Rule 506(c): every purchaser accredited and verified. Verification is either a document
 * method reviewed by a compliance officer (or a professional's letter) at most the tenant's
 * window old, or a recorded representation of accreditation and of no third-party financing
 * together with an investment of at least $200,000 (natural person) or $1,000,000 (entity).
 */
export const regD506c: Rule = (facts, deal, attempt, policy, now) => {
  const windowDays = policy.accreditationWindowDays;
  const contradicted = declarationContradictsAccreditation(facts, now);
  // 230.506(c)(2)(ii)(A)-(D) documents or a letter; (E) a written statement relying on one of those within five years (isCurrent).
  const byDocuments = facts.accreditations.find(
    (a) => (DOCUMENT_METHODS.includes(a.method) && documentsCurrent(a, now, windowDays)) || (a.method === 'reverification_statement' && !contradicted && isCurrent(a, now, windowDays)),
  );
  // SEC staff letter of 12 March 2025: a representation made for this offering (a statement with no deal counts for none).
  const representation = facts.accreditations.find((a) => a.method === 'minimum_investment_representation' && isCurrent(a, now, windowDays) && a.dealId === deal.id);
  // Unknown investor type is held to the entity minimum: the stricter one.
  const investorType = facts.declaration?.investorType ?? 'entity';
  const minimum = MINIMUM_INVESTMENT_USD_CENTS[investorType];
  const attemptUsdCents = toUsdCents(attempt.amountMinor, attempt.currency, attempt.decimals);
  const summary = (a: Accreditation | undefined) => (a ? { id: a.id, method: a.method, verifiedAt: a.verifiedAt, documentDate: a.documentDate, expiresAt: a.expiresAt } : null);
  const inputs = {
    windowDays,
    documentVerification: summary(byDocuments),
    representation: summary(representation),
    newestAccreditation: summary(facts.accreditations[0]),
    investorType,
    minimumUsdCents: minimum.toString(),
    attemptUsdCents: attemptUsdCents?.toString() ?? null,
    declarationContradicts: contradicted,
  };
  if (!deal.regimes.includes('reg_d_506c')) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'The deal is not offered under Rule 506(c)', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  if (byDocuments) return { rule: RULE, outcome: 'pass', code: 'verified', reason: `Accreditation verified by ${byDocuments.method} on ${byDocuments.verifiedAt}`, inputs };
  // 230.506(c)(2)(ii): a statement is a reasonable step only without information to the contrary.
  if (contradicted && facts.accreditations.some((a) => STATEMENT_METHODS.includes(a.method) && isCurrent(a, now, windowDays) && (a.dealId === null || a.dealId === deal.id)))
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_506c_contradicted',
      reason: 'Rule 506(c) needs verified accredited investors: your declared income (under $200,000) and net worth (under $1,000,000) contradict your statement, so it cannot verify you; submit documents or a professional’s letter',
      inputs,
    };
  if (representation) {
    if (attemptUsdCents === null)
      return { rule: RULE, outcome: 'fail', code: 'compliance_506c_minimum_investment', reason: `The minimum-investment method needs a U.S. dollar amount; ${attempt.currency} cannot be compared`, inputs };
    if (attemptUsdCents >= minimum) return { rule: RULE, outcome: 'pass', code: 'minimum_investment', reason: `Representation on file and an investment of at least ${usd(minimum)}`, inputs };
    return { rule: RULE, outcome: 'fail', code: 'compliance_506c_minimum_investment', reason: `Verification by representation needs an investment of at least ${usd(minimum)} (${investorType.replace('_', ' ')})`, inputs };
  }
  const stale = facts.accreditations.some((a) => DOCUMENT_METHODS.includes(a.method) || a.method === 'reverification_statement' || a.dealId === deal.id);
  if (stale)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_506c_verification_expired',
      reason: `Rule 506(c) (17 CFR 230.506(c)(2)(ii)) needs documents or a letter dated within the last ${Math.min(windowDays, 90)} days (three months for net-worth documents and letters); submit new evidence`,
      inputs,
    };
  return { rule: RULE, outcome: 'fail', code: 'compliance_506c_not_verified', reason: 'This offering is only for verified accredited investors; submit accreditation evidence first', inputs };
};
