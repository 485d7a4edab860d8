import { boughtUnder } from './investor-status';
import type { Rule } from './types';

const RULE = 'bad_actor';

/** How long an issuer's certification stands before it must be renewed: the inquiry is into status at each sale, so yearly at least. */
export const BAD_ACTOR_CERTIFICATION_DAYS = 365;

/**
 * Bad-actor disqualification (230.506(d), (e) for Rule 506; 227.503 for Reg CF): no sale under
 * those exemptions unless the issuer certified, within the last year, after inquiring into every
 * covered person, that none has a disqualifying event. Reg S tranches and deals under no U.S.
 * exemption are not concerned.
 */
export const badActor: Rule = (facts, deal, _attempt, _policy, now) => {
  const certifiedAt = facts.issuerBadActorCertifiedAt;
  const inputs = { certifiedAt, validDays: BAD_ACTOR_CERTIFICATION_DAYS };
  const exemption = deal.regimes.find((r) => r === 'reg_d_506b' || r === 'reg_d_506c' || r === 'reg_cf' || r === 'reg_a_tier1' || r === 'reg_a_tier2');
  if (!exemption) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'Not offered under Rule 506, Regulation Crowdfunding or Regulation A', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  // 230.506(d), (e) for Rule 506; 227.503 for Reg CF; 230.262 for Regulation A.
  const section = exemption === 'reg_cf' ? '17 CFR 227.503' : exemption.startsWith('reg_a') ? '17 CFR 230.262' : '17 CFR 230.506(d), (e)';
  if (!certifiedAt || now.getTime() - new Date(certifiedAt).getTime() >= BAD_ACTOR_CERTIFICATION_DAYS * 86_400_000)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_bad_actor_certification_required',
      reason: `This offering cannot take investments until its issuer certifies that neither it nor any covered person (directors, officers, 20% owners, promoters, paid solicitors) is disqualified as a “bad actor” (${section})${certifiedAt ? '; the last certification is more than a year old' : ''}`,
      inputs,
    };
  return { rule: RULE, outcome: 'pass', code: 'certified', reason: `Issuer certified no disqualifying events on ${certifiedAt.slice(0, 10)}`, inputs };
};
