-- ShuftiPro's hosted verification page for an application (issue 15): kept so an investor
-- who leaves it can come back from /verification and continue, instead of starting over.
alter table kyc_applications add column verification_url text check (length(verification_url) <= 2000);
