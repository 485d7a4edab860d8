import type { VerificationLevel } from '../../db/types';
import { isAccredited } from './investor-status';
import type { Rule } from './types';

const RULE = 'verification_level';
export const LEVELS: VerificationLevel[] = ['none', 'basic', 'standard', 'enhanced', 'accredited'];

/** The deal's minimumVerificationLevel against the investor's level (a current accreditation counts as 'accredited'). */
export const verificationLevel: Rule = (facts, deal, _attempt, _policy, now) => {
  const required = deal.minimumVerificationLevel;
  const level: VerificationLevel = isAccredited(facts, now) ? 'accredited' : facts.verificationLevel;
  const inputs = { required, profileLevel: facts.verificationLevel, effectiveLevel: level };
  if (!required || required === 'none') return { rule: RULE, outcome: 'not_applicable', code: 'no_minimum', reason: 'The deal sets no minimum verification level', inputs };
  if (LEVELS.indexOf(level) >= LEVELS.indexOf(required)) return { rule: RULE, outcome: 'pass', code: 'level_met', reason: `Verification level ${level} meets ${required}`, inputs };
  return { rule: RULE, outcome: 'fail', code: 'compliance_verification_level', reason: `This deal needs verification level ${required}; yours is ${level}`, inputs };
};
