-- Every queued email carries an HTML part (rendered with the tenant's branding, react-email)
-- beside its plain-text part; rows queued before this migration have text only.
alter table email_outbox add column body_html text;
