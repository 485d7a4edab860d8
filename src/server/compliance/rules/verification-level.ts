import type { VerificationLevel } from '../../db/types';
import { isAccredited } from './investor-status';
import type { InvestorFacts, Rule } from './types';

const RULE = 'verification_level';
export const LEVELS: VerificationLevel[] = ['none', 'basic', 'standard', 'enhanced', 'accredited'];

export const meetsLevel = (level: VerificationLevel, required: VerificationLevel) => LEVELS.indexOf(level) >= LEVELS.indexOf(required);

/**
 * The level a requirement is checked against: 'accredited' only with a current accreditation
 * (230.501(a), status at the time of sale), else the investor's KYC level (a profile level of
 * 'accredited' left from an expired verification counts as 'basic'); capped at 'standard' while any screening hit is open or confirmed (a
 * possible sanctions / PEP match is not full KYC/AML, whatever was granted before it).
 */
export function effectiveLevel(f: Pick<InvestorFacts, 'verificationLevel' | 'accreditations' | 'screening'> & Partial<Pick<InvestorFacts, 'declaration'>>, now: Date): VerificationLevel {
  const level: VerificationLevel = isAccredited({ accreditations: f.accreditations, declaration: f.declaration ?? null }, now) ? 'accredited' : f.verificationLevel === 'accredited' ? 'basic' : f.verificationLevel;
  const flagged = f.screening.openHits > 0 || f.screening.confirmedHits > 0;
  return flagged && meetsLevel(level, 'enhanced') ? 'standard' : level;
}

/** The deal's minimumVerificationLevel against the investor's effective level. */
export const verificationLevel: Rule = (facts, deal, _attempt, _policy, now) => {
  const required = deal.minimumVerificationLevel;
  const level = effectiveLevel(facts, now);
  const inputs = { required, profileLevel: facts.verificationLevel, effectiveLevel: level, screening: facts.screening };
  if (!required || required === 'none') return { rule: RULE, outcome: 'not_applicable', code: 'no_minimum', reason: 'The deal sets no minimum verification level', inputs };
  if (meetsLevel(level, required)) return { rule: RULE, outcome: 'pass', code: 'level_met', reason: `Verification level ${level} meets ${required}`, inputs };
  return { rule: RULE, outcome: 'fail', code: 'compliance_verification_level', reason: `This deal needs verification level ${required}; yours is ${level}`, inputs };
};
