-- Mail delivery as its own process (scripts/mailer.ts), possibly several at once.
-- A claimed email is leased (claimed_until), not just counted: another deliverer may take it
-- only after the lease runs out (the first one crashed), so one email is never sent by two
-- deliverers at the same time. A transient failure is retried with backoff (next_attempt_at);
-- the provider's message id is kept for support ("did the mail leave?").
alter table email_outbox
  add column claimed_until timestamptz,
  add column next_attempt_at timestamptz,
  add column provider_message_id text;

drop index if exists idx_email_outbox_pending;
create index idx_email_outbox_due on email_outbox (coalesce(next_attempt_at, created_at)) where status = 'pending';
