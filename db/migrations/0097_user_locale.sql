-- Emails in the member's language (issue 16): each member may choose one; without a choice the
-- tenant's default (tenants.settings.email.defaultLocale, else English) applies. The application
-- offers only the languages it has complete catalogs for; the column takes any BCP 47
-- language[-REGION] tag so that adding a language needs no migration.
alter table users add column locale text check (locale ~ '^[a-z]{2}(-[A-Z]{2})?$');
