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
  const records = facts.badActorRecords ?? null;
  const inputs = { certifiedAt, validDays: BAD_ACTOR_CERTIFICATION_DAYS, records };
  const exemption = deal.regimes.find((r) => r === 'reg_d_506b' || r === 'reg_d_506c' || r === 'reg_cf' || r === 'reg_a_tier1' || r === 'reg_a_tier2');
  if (!exemption) return { rule: RULE, outcome: 'not_applicable', code: 'not_offered', reason: 'Not offered under Rule 506, Regulation Crowdfunding or Regulation A', inputs };
  if (boughtUnder(deal, facts) === 'reg_s') return { rule: RULE, outcome: 'not_applicable', code: 'reg_s_tranche', reason: 'A non-U.S. person buys under Regulation S', inputs };
  // 230.506(d), (e) for Rule 506; 227.503 for Reg CF; 230.262 for Regulation A.
  const section = exemption === 'reg_cf' ? '17 CFR 227.503' : exemption.startsWith('reg_a') ? '17 CFR 230.262' : '17 CFR 230.506(d), (e)';
  // 230.506(d)(1): a covered person with a disqualifying event (on or after 23 September 2013, not waived) disqualifies the offering.
  if (records && records.disqualifying.length)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_bad_actor_disqualified',
      reason: `This offering cannot take investments: a covered person of its issuer has a disqualifying event (${records.disqualifying.map((d) => `${d.name}, ${d.eventType.replaceAll('_', ' ')} of ${d.eventDate}`).join('; ')}) and no waiver is on record (${section})`,
      inputs,
    };
  if (!certifiedAt || now.getTime() - new Date(certifiedAt).getTime() >= BAD_ACTOR_CERTIFICATION_DAYS * 86_400_000)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_bad_actor_certification_required',
      reason: `This offering cannot take investments until its issuer certifies that neither it nor any covered person (directors, officers, 20% owners, promoters, paid solicitors) is disqualified as a “bad actor” (${section})${certifiedAt ? '; the last certification is more than a year old' : ''}`,
      inputs,
    };
  // The certification covers every covered person on record (506(d)(2)(iv)); one added since needs a new one.
  if (records && records.notCertified.length)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_bad_actor_certification_required',
      reason: `This offering cannot take investments until its issuer certifies again: its last certification does not cover ${records.notCertified.join(', ')} (${section})`,
      inputs,
    };
  // 230.506(e): events before 23 September 2013 are disclosed to purchasers before the sale.
  if (records && records.undisclosedPriorEvents)
    return {
      rule: RULE,
      outcome: 'fail',
      code: 'compliance_bad_actor_disclosure_required',
      reason: 'This offering cannot take investments until its issuer discloses the events before 23 September 2013 of its covered persons in a new certification (17 CFR 230.506(e))',
      inputs,
    };
  return { rule: RULE, outcome: 'pass', code: 'certified', reason: `Issuer certified no disqualifying events on ${certifiedAt.slice(0, 10)}`, inputs };
};
