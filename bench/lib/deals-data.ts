// Bulk data for bench/deals.ts, written with SQL as the owner (generate_series), inside the
// table CHECKs and unique keys of db/migrations/0002_deals.sql: filler tenants with a few deals
// each, the bench tenant's 10,000 deals over 20 verified issuers, 100 investors with fixed ids
// (so the pgbench script can name them) and investments spread across tenants and deals.
import pg from 'pg';
import { withTenant } from '../../src/server/db/tenant';
import { setDealHardCap } from '../../src/server/deals/capacity';

export const INVESTORS = 100;
/** 10.00 USD in minor units: every benchmark ticket. */
export const TICKET = 1000n;
export const UNLIMITED_CAP = 10n ** 15n;

export const investorId = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const investorEmail = (n: number) => `investor${String(n).padStart(3, '0')}@dealbench.example`;

/** pgbenchRow stays without capacity slices: the single-row reservation diagnostic runs on it. */
export type HotDeals = { warm: string; next: string; pgbench: string; pgbenchRow: string };

// A time-ordered UUID (v7 layout) for rows the app would have given uuidv7() ids, so the
// primary-key B-trees grow at their right edge as they do in production.
const UUID7 = `
create or replace function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
  select encode(set_byte(set_byte(overlay(uuid_send(gen_random_uuid())
    placing substring(int8send((extract(epoch from ts) * 1000)::bigint) from 3) from 1 for 6),
    6, (get_byte(uuid_send(gen_random_uuid()), 6) & 15) | 112), 8, (get_byte(uuid_send(gen_random_uuid()), 8) & 63) | 128), 'hex')::uuid
$$`;

export async function ownerClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(UUID7);
  return c;
}

/** Tenants besides the ones that exist, each with an owner (issuer and investor), an issuer and `dealsEach` deals. */
export async function seedFillerTenants(c: pg.Client, count: number, dealsEach: number, passwordHash: string): Promise<void> {
  await c.query('begin');
  await c.query(
    `create temp table filler on commit drop as
       select g, gen_random_uuid() as tid, gen_random_uuid() as uid, gen_random_uuid() as leid, gen_random_uuid() as iid
       from generate_series(1, $1::int) g`,
    [count],
  );
  await c.query(`insert into tenants (id, name, slug) select tid, 'Filler community ' || g, 'filler-' || g from filler`);
  await c.query(
    `insert into users (tenant_id, id, email, password_hash, first_name, last_name, email_verified_at)
     select tid, uid, 'owner' || g || '@filler.example', $1, 'Filler', 'Owner', now() from filler`,
    [passwordHash],
  );
  await c.query(`insert into profiles (tenant_id, user_id, display_name, verification_level) select tid, uid, 'Filler Owner', 'basic' from filler`);
  await c.query(`insert into tenant_user_roles (tenant_id, user_id, role) select tid, uid, r from filler, unnest(array['issuer', 'investor']) r`);
  await c.query(
    `insert into legal_entities (tenant_id, id, name, jurisdiction, registration_number, entity_type)
     select tid, leid, 'Filler ' || g || ' LLC', 'US-DE', 'FILLER-' || g, 'llc' from filler`,
  );
  await c.query(`insert into issuers (tenant_id, id, user_id, legal_entity_id, status, reviewed_at) select tid, iid, uid, leid, 'verified', now() from filler`);
  await c.query(`insert into issuer_profiles (tenant_id, issuer_id, display_name) select tid, iid, 'Filler ' || g || ' LLC' from filler`);
  await c.query(
    `insert into deals (tenant_id, id, issuer_id, slug, title, summary, asset_type, status, currency, currency_decimals,
                        target_amount, soft_cap, hard_cap, min_ticket, approved_at, created_at)
     select tid, pg_temp.uuid7(now() - k * interval '1 day'), iid, 'deal-' || k, 'Filler deal ' || k || ' of community ' || g,
            'A community project', (array['equity', 'debt', 'token'])[1 + k % 3], 'active', 'USD', 2,
            10000000, 5000000, 15000000, 1000, now(), now() - k * interval '1 day'
     from filler, generate_series(1, $1::int) k`,
    [dealsEach],
  );
  await c.query('commit');
}

/**
 * The bench tenant's catalogue: `count` deals in public statuses (3 of them the hot deals,
 * with a cap out of reach and a per-investor maximum so the invest path runs its sum query),
 * 20 verified issuers, and the 100 investors (KYC approved) with the given password hash.
 */
export async function seedBenchCatalogue(c: pg.Client, tenantId: string, count: number, passwordHash: string): Promise<HotDeals> {
  await c.query('begin');
  await c.query(
    `create temp table issuer_seed on commit drop as
       select g, gen_random_uuid() as uid, gen_random_uuid() as leid, gen_random_uuid() as iid from generate_series(1, 20) g`,
  );
  await c.query(
    `insert into users (tenant_id, id, email, password_hash, first_name, last_name, email_verified_at)
     select $1, uid, 'issuer' || g || '@dealbench.example', $2, 'Issuer', 'Bench', now() from issuer_seed`,
    [tenantId, passwordHash],
  );
  await c.query(`insert into profiles (tenant_id, user_id, display_name, verification_level) select $1, uid, 'Issuer ' || g, 'basic' from issuer_seed`, [tenantId]);
  await c.query(`insert into tenant_user_roles (tenant_id, user_id, role) select $1, uid, 'issuer' from issuer_seed`, [tenantId]);
  await c.query(
    `insert into legal_entities (tenant_id, id, name, jurisdiction, registration_number, entity_type)
     select $1, leid, 'Bench Issuer ' || g || ' Inc', 'US-DE', 'BENCH-' || g, 'corporation' from issuer_seed`,
    [tenantId],
  );
  await c.query(`insert into issuers (tenant_id, id, user_id, legal_entity_id, status, reviewed_at) select $1, iid, uid, leid, 'verified', now() from issuer_seed`, [tenantId]);
  await c.query(`insert into issuer_profiles (tenant_id, issuer_id, display_name) select $1, iid, 'Bench Issuer ' || g || ' Inc' from issuer_seed`, [tenantId]);
  // Mostly active, every 10th funded and every 20th (offset 5) closed: all listed to the public.
  await c.query(
    `insert into deals (tenant_id, id, issuer_id, slug, title, summary, description, asset_type, status, currency, currency_decimals,
                        target_amount, soft_cap, hard_cap, min_ticket, valuation, featured, approved_at, created_at)
     select $1, pg_temp.uuid7(now() - n * interval '1 minute'), s.iid, 'deal-' || n,
            (array['Solar farm', 'Wind park', 'Housing co-op', 'Bakery expansion', 'Bond ladder', 'Tokenised vineyard'])[1 + n % 6] || ' ' || n,
            'Community-owned project number ' || n, 'A **bench** deal with a short description.',
            (array['equity', 'debt', 'token'])[1 + n % 3],
            case when n % 10 = 0 then 'funded' when n % 20 = 5 then 'closed' else 'active' end, 'USD', 2,
            10000000, 5000000, 15000000, 1000, 200000000, n % 50 = 0, now(), now() - n * interval '1 minute'
     from generate_series(1, $2::int) n join issuer_seed s on s.g = 1 + n % 20`,
    [tenantId, count - 4],
  );
  const hot = await c.query<{ slug: string; id: string }>(
    `insert into deals (tenant_id, id, issuer_id, slug, title, summary, asset_type, status, currency, currency_decimals,
                        target_amount, soft_cap, hard_cap, min_ticket, max_ticket, approved_at)
     select $1, pg_temp.uuid7(now()), (select iid from issuer_seed where g = 1), slug, 'Hot deal ' || slug, 'Everyone wants in', 'equity', 'active', 'USD', 2,
            $2::numeric, 0, $3::numeric, $2::numeric, $3::numeric / 10, now()
     from unnest(array['hot-warm', 'hot-next', 'hot-pgbench', 'hot-pgbench-row']) slug
     returning slug, id`,
    [tenantId, TICKET.toString(), UNLIMITED_CAP.toString()],
  );
  await c.query(
    `insert into users (tenant_id, id, email, password_hash, first_name, last_name, email_verified_at)
     select $1, ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'investor' || lpad(n::text, 3, '0') || '@dealbench.example', $3, 'Investor', 'Bench', now()
     from generate_series(1, $2::int) n`,
    [tenantId, INVESTORS, passwordHash],
  );
  await c.query(
    `insert into profiles (tenant_id, user_id, display_name, kyc_status, verification_level)
     select $1, ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'Investor ' || n, 'approved', 'standard' from generate_series(1, $2::int) n`,
    [tenantId, INVESTORS],
  );
  await c.query(
    `insert into tenant_user_roles (tenant_id, user_id, role)
     select $1, ('00000000-0000-7000-8000-' || lpad(n::text, 12, '0'))::uuid, 'investor' from generate_series(1, $2::int) n`,
    [tenantId, INVESTORS],
  );
  await c.query('commit');
  const id = (slug: string) => hot.rows.find((r) => r.slug === slug)!.id;
  return { warm: id('hot-warm'), next: id('hot-next'), pgbench: id('hot-pgbench'), pgbenchRow: id('hot-pgbench-row') };
}

export async function countInvestments(c: pg.Client): Promise<number> {
  return Number((await c.query<{ n: string }>('select count(*) as n from investments')).rows[0]!.n);
}

/**
 * Adds investments until the database holds `total`, spread round-robin over every deal of the
 * filler tenants and of the bench tenant (not its hot deals), one in five confirmed, with the
 * deals' counters brought in line, so the reserved amount (reserved_unsliced: these deals have no
 * capacity slices) stays the sum of live investments.
 */
export async function topUpInvestments(c: pg.Client, benchTenantId: string, total: number): Promise<{ added: number; seconds: number }> {
  const t0 = Date.now();
  const add = total - (await countInvestments(c));
  if (add <= 0) return { added: 0, seconds: 0 };
  await c.query('begin');
  await c.query(
    `create temp table target on commit drop as
       select row_number() over (order by d.tenant_id, d.id) - 1 as r, d.tenant_id, d.id as deal_id,
              coalesce((select u.id from users u where u.tenant_id = d.tenant_id and u.email like 'owner%@filler.example'),
                       ('00000000-0000-7000-8000-' || lpad((1 + (hashtext(d.id::text) & 2147483647) % ${INVESTORS})::text, 12, '0'))::uuid) as investor_id
       from deals d
       where (d.tenant_id = $1 and d.slug not like 'hot-%') or d.slug like 'deal-%' and d.tenant_id in (select id from tenants where slug like 'filler-%')`,
    [benchTenantId],
  );
  const n = Number((await c.query<{ n: string }>('select count(*) as n from target')).rows[0]!.n);
  // Oldest first, one second apart, so ids and created_at rise together as they would in production.
  await c.query(
    `insert into investments (tenant_id, id, deal_id, investor_id, amount, currency, currency_decimals, payment_method, status, created_at, updated_at, confirmed_at)
     select t.tenant_id, pg_temp.uuid7(ts), t.deal_id, t.investor_id, 1000 * (1 + g % 10), 'USD', 2,
            (array['wire', 'card', 'ach', 'crypto'])[1 + g % 4], case when g % 5 = 0 then 'confirmed' else 'pending_payment' end,
            ts, ts, case when g % 5 = 0 then ts end
     from generate_series(1, $1::int) g
     cross join lateral (select now() - ($1::int - g) * interval '1 second' as ts) x
     join target t on t.r = g % $2::int`,
    [add, n],
  );
  await c.query(
    `update deals d set reserved_unsliced = s.live, confirmed_amount = s.confirmed, investor_count = s.investors
     from (select i.tenant_id, i.deal_id,
                  sum(i.amount) filter (where i.status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed')) as live,
                  coalesce(sum(i.amount) filter (where i.status = 'confirmed'), 0) as confirmed,
                  count(distinct i.investor_id) filter (where i.status = 'confirmed') as investors
           from investments i join target t on t.tenant_id = i.tenant_id and t.deal_id = i.deal_id
           group by 1, 2) s
     where d.tenant_id = s.tenant_id and d.id = s.deal_id`,
  );
  await c.query('commit');
  return { added: add, seconds: (Date.now() - t0) / 1000 };
}

/**
 * Splits a hot deal's free capacity over its slices as the app does when a deal becomes active
 * (these deals were written as active by SQL), keeping its hard cap.
 */
export async function sliceHotDeal(tenantId: string, dealId: string): Promise<void> {
  await withTenant(tenantId, null, (t) => setDealHardCap(t, dealId, UNLIMITED_CAP));
}

/** Sets the hot deal's hard cap to exactly `tickets` more tickets than it holds, re-split over its slices. */
export async function capAfter(c: pg.Client, tenantId: string, dealId: string, tickets: number): Promise<bigint> {
  const { reserved } = await checkDeal(c, tenantId, dealId);
  const cap = reserved + BigInt(tickets) * TICKET;
  await withTenant(tenantId, null, (t) => setDealHardCap(t, dealId, cap));
  return cap;
}

export type CapCheck = { reserved: bigint; hardCap: bigint; liveSum: bigint; liveCount: number; events: number };

/** The deal's counter against the investments actually recorded for it. */
export async function checkDeal(c: pg.Client, tenantId: string, dealId: string): Promise<CapCheck> {
  const r = await c.query<{ reserved: string; hard_cap: string; live: string; n: string; events: string }>(
    `select coalesce(d.hard_cap - (select sum(s.available) from deal_capacity_slices s where s.tenant_id = d.tenant_id and s.deal_id = d.id), d.reserved_unsliced) as reserved,
            d.hard_cap,
            (select coalesce(sum(amount), 0) from investments i where i.tenant_id = d.tenant_id and i.deal_id = d.id
               and i.status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed')) as live,
            (select count(*) from investments i where i.tenant_id = d.tenant_id and i.deal_id = d.id) as n,
            (select count(*) from investment_events e join investments i on i.tenant_id = e.tenant_id and i.id = e.investment_id
               where i.tenant_id = d.tenant_id and i.deal_id = d.id) as events
     from deals d where d.tenant_id = $1 and d.id = $2`,
    [tenantId, dealId],
  );
  const row = r.rows[0]!;
  return { reserved: BigInt(row.reserved), hardCap: BigInt(row.hard_cap), liveSum: BigInt(row.live), liveCount: Number(row.n), events: Number(row.events) };
}
