-- Telegram (issue 16): each tenant talks to its members through its own bot.
--  - telegram_bots: the tenant's bot token, sealed with DATA_ENCRYPTION_KEY (AES-256-GCM, the
--    tenant id as associated data), and the bot's username (for t.me links). Without a row the
--    platform's TELEGRAM_BOT_TOKEN serves (local runs).
--  - telegram_link_codes: one-time codes a member sends to the bot (/start <code>) to link their
--    chat. Only a SHA-256 of the code is stored; short-lived, single use, per tenant.
--  - telegram_links: which chat hears a user's notifications (one chat per user, one user per chat).
--  - telegram_pins: the message pinned in a chat per subject (the latest status message of a deal),
--    so the next one replaces it instead of piling up pins.
create table telegram_bots (
  tenant_id uuid not null references tenants (id) on delete cascade,
  token_sealed text not null,
  bot_id bigint not null,
  bot_username text not null check (length(bot_username) <= 64),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id)
);
select app_enable_tenant_rls('telegram_bots');

create table telegram_link_codes (
  tenant_id uuid not null,
  code_hash text not null check (length(code_hash) = 64),
  user_id uuid not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, code_hash),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('telegram_link_codes');
create index idx_telegram_link_codes_user on telegram_link_codes (tenant_id, user_id);

create table telegram_links (
  tenant_id uuid not null,
  user_id uuid not null,
  chat_id bigint not null,
  telegram_username text check (length(telegram_username) <= 64),
  linked_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  unique (tenant_id, chat_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id) on delete cascade
);
select app_enable_tenant_rls('telegram_links');

create table telegram_pins (
  tenant_id uuid not null,
  chat_id bigint not null,
  pin_key text not null check (length(pin_key) <= 200),
  message_id bigint not null,
  pinned_at timestamptz not null default now(),
  primary key (tenant_id, chat_id, pin_key)
);
select app_enable_tenant_rls('telegram_pins');

grant select, insert, update, delete on telegram_bots, telegram_link_codes, telegram_links, telegram_pins to cdp_app;
