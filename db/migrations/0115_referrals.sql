-- Referrals (issue 20): members share links, sign-ups are attributed to the first link followed
-- within the tenant's window, and the referrer earns a reward by the tenant's rule once the referred
-- member's investment is confirmed (clawed back if it is refunded). Money is integers in the deal
-- currency's smallest unit. No raw IP address or user agent is stored here: a device is an HMAC of
-- both under the platform's signing key, bound to the tenant (src/server/referrals/device.ts).

-- The tenant's rule. No row: the defaults (30-day window, no reward until the admin sets one).
create table referral_settings (
  tenant_id uuid not null references tenants (id),
  attribution_window_days integer not null default 30 check (attribution_window_days between 1 and 365),
  reward_kind text not null default 'none' check (reward_kind in ('none', 'fixed', 'bps')),
  -- fixed: this many smallest units of the investment's currency; bps: basis points of its amount.
  reward_amount numeric(78,0) check (reward_amount > 0),
  reward_bps integer check (reward_bps between 1 and 10000),
  reward_cap numeric(78,0) check (reward_cap > 0),
  reward_scope text not null default 'first' check (reward_scope in ('first', 'every')),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (tenant_id),
  check ((reward_kind = 'fixed') = (reward_amount is not null)),
  check ((reward_kind = 'bps') = (reward_bps is not null))
);
select app_enable_tenant_rls('referral_settings');

-- Referral partners: a member becomes one with their first link.
create table referrers (
  tenant_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, user_id),
  foreign key (tenant_id, user_id) references users (tenant_id, id)
);
select app_enable_tenant_rls('referrers');

-- Tracking links: /r/<code> lands on target_path, one of the tenant's own paths.
create table referral_links (
  tenant_id uuid not null,
  id uuid not null,
  referrer_id uuid not null,
  code text not null check (code ~ '^[A-Za-z0-9_-]{4,40}$'),
  campaign text not null check (length(campaign) between 1 and 120),
  target_path text not null check (target_path ~ '^/[^/\\]' or target_path = '/'),
  -- The device the link was made from: a sign-up from it is the referrer's own.
  created_device_hash text not null check (created_device_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, referrer_id) references referrers (tenant_id, user_id)
);
-- Codes are matched case-insensitively (people retype them).
create unique index uq_referral_links_code on referral_links (tenant_id, lower(code));
create index idx_referral_links_referrer on referral_links (tenant_id, referrer_id, created_at desc);
select app_enable_tenant_rls('referral_links');

-- Every follow of a link. outcome: tracked (the cookie now names this click), kept_first (an
-- earlier click's cookie was still valid: first touch wins), own_link (the referrer themselves).
create table referral_clicks (
  tenant_id uuid not null,
  id uuid not null,
  link_id uuid not null,
  device_hash text not null check (device_hash ~ '^[0-9a-f]{64}$'),
  outcome text not null check (outcome in ('tracked', 'kept_first', 'own_link')),
  clicked_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, link_id) references referral_links (tenant_id, id)
);
create index idx_referral_clicks_link on referral_clicks (tenant_id, link_id, clicked_at desc);
select app_enable_tenant_rls('referral_clicks');

-- One row per sign-up that came with a referral cookie: attributed, or refused with the reason.
create table referral_attributions (
  tenant_id uuid not null,
  id uuid not null,
  referred_user_id uuid not null,
  link_id uuid not null,
  referrer_id uuid not null,
  click_id uuid not null,
  status text not null check (status in ('attributed', 'refused')),
  refusal_reason text check (refusal_reason in ('window_expired', 'same_user', 'same_email', 'same_device')),
  device_hash text not null check (device_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, referred_user_id),
  foreign key (tenant_id, referred_user_id) references users (tenant_id, id),
  foreign key (tenant_id, link_id) references referral_links (tenant_id, id),
  foreign key (tenant_id, referrer_id) references referrers (tenant_id, user_id),
  foreign key (tenant_id, click_id) references referral_clicks (tenant_id, id),
  check ((status = 'refused') = (refusal_reason is not null))
);
create index idx_referral_attributions_referrer on referral_attributions (tenant_id, referrer_id, created_at desc);
select app_enable_tenant_rls('referral_attributions');

-- Rewards and their clawbacks. A reward (amount > 0) is pending when written, earned once the admin
-- approves it, clawed_back when its investment is refunded; the clawback is its own row (amount < 0)
-- pointing at the reward it reverses.
create table referral_transactions (
  tenant_id uuid not null,
  id uuid not null,
  kind text not null check (kind in ('reward', 'clawback')),
  status text not null check (status in ('pending', 'earned', 'clawed_back', 'applied')),
  attribution_id uuid not null,
  referrer_id uuid not null,
  referred_user_id uuid not null,
  investment_id uuid not null,
  amount numeric(78,0) not null check (amount <> 0),
  currency text not null,
  currency_decimals smallint not null check (currency_decimals between 0 and 36),
  reverses_id uuid,
  reason text check (length(reason) <= 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, attribution_id) references referral_attributions (tenant_id, id),
  foreign key (tenant_id, referrer_id) references referrers (tenant_id, user_id),
  foreign key (tenant_id, investment_id) references investments (tenant_id, id),
  foreign key (tenant_id, reverses_id) references referral_transactions (tenant_id, id),
  check ((kind = 'reward') = (amount > 0)),
  check ((kind = 'reward') = (status in ('pending', 'earned', 'clawed_back'))),
  check ((kind = 'clawback') = (reverses_id is not null))
);
-- One standing reward per investment, one clawback per reward: a repeated or concurrent hook writes nothing twice.
create unique index uq_referral_reward_investment on referral_transactions (tenant_id, investment_id) where kind = 'reward' and status <> 'clawed_back';
create unique index uq_referral_clawback on referral_transactions (tenant_id, reverses_id) where kind = 'clawback';
create index idx_referral_transactions_referrer on referral_transactions (tenant_id, referrer_id, created_at desc);
select app_enable_tenant_rls('referral_transactions');

grant select, insert, update on referral_settings to cdp_app;
grant select, insert on referrers, referral_links, referral_clicks to cdp_app;
-- update: rewards lock the referred member's attribution row (select ... for update) while they decide.
grant select, insert, update on referral_attributions to cdp_app;
grant select, insert, update on referral_transactions to cdp_app;
