-- 501(a) categories recorded with their evidence (17 CFR 230.501(a)): besides income and net
-- worth documents, an investor may show a professional certification (Series 7, 65, 82;
-- 501(a)(10)), being a knowledgeable employee of a private fund (501(a)(11)), an entity owning
-- investments of more than $5,000,000 (501(a)(9)) or a family office (501(a)(12)): a method of
-- its own, with the category and its figures in evidence.
alter table accreditation_verifications drop constraint accreditation_verifications_method_check;
alter table accreditation_verifications add constraint accreditation_verifications_method_check
  check (method in ('letter_from_professional', 'income_documents', 'net_worth_documents', 'minimum_investment_representation', 'reverification_statement', 'category_documents'));

-- 501(a)(6): $300,000 income jointly with a spouse or spousal equivalent also qualifies; the
-- declaration records it (U.S. cents) so a joint earner is not taken as contradicting their status.
alter table investor_declarations add column joint_annual_income numeric(78,0) check (joint_annual_income >= 0);
