-- Rule 506(c)(2)(ii)(E): an investor whose accreditation was verified within the last five
-- years re-verifies by a written statement at the time of sale. It is a method of its own,
-- so reports and the rules can tell it from the verification it relies on (kept in evidence).
alter table accreditation_verifications drop constraint accreditation_verifications_method_check;
alter table accreditation_verifications add constraint accreditation_verifications_method_check
  check (method in ('letter_from_professional', 'income_documents', 'net_worth_documents', 'minimum_investment_representation', 'reverification_statement'));
