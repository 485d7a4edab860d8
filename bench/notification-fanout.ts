// Notification fan-out benchmark (issue 16), each figure beside a ceiling measured in the same run:
//   (1) a deal update to N investors (N = 100, 1,000, 10,000) through the outbox (one fan-out row
//       written in the posting transaction, expanded by the delivery worker into the in-app
//       channel with each member's preferences applied) against the ceiling: a bare
//       insert ... select of the same N notification rows, no preferences, no outbox
//   (2) the posting side: the transaction that records the update's notification
//       (withTenant + notifyAudience) for each audience size: its latency must not grow with N
// Run: npx tsx bench/notification-fanout.ts   (about a minute; --no-write leaves BENCHMARKS.md alone)
// It wipes and uses its own DATA_DIR (./data/bench-notify), starts the embedded PostgreSQL on a
// free port itself, and stops it at the end, also on error.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../scripts/database';
import { getConfig, resetConfigCache } from '../src/server/config';
import { closePools, ownerDb } from '../src/server/db/pool';
import { withTenant } from '../src/server/db/tenant';
import { migrate } from '../src/server/db/migrate';
import { ownerDatabaseUrl } from '../src/server/db/urls';
import { deliverNotifications } from '../src/server/notifications/outbox-delivery';
import { notifyAudience } from '../src/server/notifications/notify';
import { createTenant } from '../src/server/platform/tenants';
import { ms, ratio, table, writeSection } from './lib/report';

const COMMAND = 'npx tsx bench/notification-fanout.ts';
const SECTION = '## Notification fan-out (issue 16)';
const DATA_DIR = path.resolve('./data/bench-notify');
const SIZES = [100, 1_000, 10_000];
const ROUNDS = 5;
const POSTS = 200;
const say = (m: string) => console.log(`[bench:notify] ${m}`);
const write = !process.argv.includes('--no-write');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** One deal per audience size, with that many investors, each with a confirmed investment (seeded in SQL, as the owner). */
async function seed(tenantId: string, adminId: string): Promise<Map<number, string>> {
  const db = ownerDb();
  const entity = randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const issuer = randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  await sql`insert into legal_entities (tenant_id, id, name, jurisdiction, registration_number, entity_type) values (${tenantId}, ${entity}, 'Bench Issuer Ltd', 'GB', 'B-1', 'corporation')`.execute(db);
  await sql`insert into issuers (tenant_id, id, user_id, legal_entity_id) values (${tenantId}, ${issuer}, ${adminId}, ${entity})`.execute(db);
  const deals = new Map<number, string>();
  for (const n of SIZES) {
    const deal = (
      await sql<{ id: string }>`insert into deals (tenant_id, id, issuer_id, slug, title, asset_type, currency, currency_decimals, target_amount, soft_cap, hard_cap, min_ticket, status)
        values (${tenantId}, gen_random_uuid(), ${issuer}, ${`bench-${n}`}, ${`Bench deal ${n}`}, 'equity', 'USD', 2, 100000000000, 1, 100000000000, 100, 'active') returning id`.execute(db)
    ).rows[0]!.id;
    await sql`insert into users (tenant_id, id, email, password_hash, first_name, last_name)
      select ${tenantId}, gen_random_uuid(), ${`m${n}-`} || g || '@bench.example', 'not-a-login', 'Member', g::text from generate_series(1, ${n}::int) g`.execute(db);
    await sql`insert into investments (tenant_id, id, deal_id, investor_id, amount, currency, currency_decimals, payment_method, status)
      select ${tenantId}, gen_random_uuid(), ${deal}, u.id, 10000, 'USD', 2, 'wire', 'confirmed' from users u
       where u.tenant_id = ${tenantId} and u.email like ${`m${n}-%`}`.execute(db);
    deals.set(n, deal);
  }
  // In-app only: the issue's fan-out is "delivered to the in-app channel"; email would add a second copy per member.
  await sql`insert into notification_defaults (tenant_id, type, channel, enabled) values (${tenantId}, 'deal.update', 'email', false)`.execute(db);
  await sql`analyze`.execute(db);
  return deals;
}

async function main() {
  const started = Date.now();
  const load = os.loadavg()[0]!.toFixed(2);
  rmSync(DATA_DIR, { recursive: true, force: true });
  process.env.DATA_DIR = DATA_DIR;
  process.env.EMBEDDED_PG_PORT = String(await freePort());
  process.env.LOG_LEVEL = 'silent';
  process.env.JWT_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
  resetConfigCache();
  const handle = await openDatabase(getConfig(), () => {});
  try {
    await migrate({ ownerUrl: ownerDatabaseUrl(getConfig()), appPassword: getConfig().APP_DB_PASSWORD });
    const { id: tenantId, adminId } = await createTenant({ adminId: null }, { name: 'Notify Bench', slug: 'notifybench', domain: null, aliases: [], admin: { email: 'admin@notifybench.example', password: 'Quiet-Harbor-Ledger-2026', firstName: 'Ada', lastName: 'Admin' } });
    say('seeding 11,100 investors');
    const deals = await seed(tenantId, adminId);
    const db = ownerDb();
    const config = getConfig();

    // (1) fan-out: outbox (post + expand) vs bare insert ... select, alternating, median of ROUNDS.
    const fanout: { n: number; outbox: number; bare: number }[] = [];
    for (const n of SIZES) {
      const deal = deals.get(n)!;
      const outboxMs: number[] = [];
      const bareMs: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const key = randomBytes(8).toString('hex');
        let t0 = performance.now();
        await withTenant(tenantId, null, (t) =>
          notifyAudience(t, { type: 'deal.update', audience: { dealInvestorsOf: deal }, title: `Update ${key}`, body: 'Quarterly numbers are in.', link: '/deals/bench', dedupeKey: `bench:${key}` }),
        );
        const report = await deliverNotifications({ db, config, tenantIds: [tenantId] });
        outboxMs.push(performance.now() - t0);
        if (report.inApp !== n) throw new Error(`expected ${n} in-app notifications, got ${report.inApp}`);
        t0 = performance.now();
        const bare = await sql`insert into notifications (tenant_id, id, user_id, type, title, body, link, data)
          select ${tenantId}, gen_random_uuid(), r.investor_id, 'deal.update', ${`Bare ${key}`}, 'Quarterly numbers are in.', '/deals/bench', '{}'::jsonb
            from (select distinct investor_id from investments where tenant_id = ${tenantId} and deal_id = ${deal} and status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed')) r`.execute(db);
        bareMs.push(performance.now() - t0);
        if (Number(bare.numAffectedRows) !== n) throw new Error('bare insert wrote the wrong number of rows');
      }
      fanout.push({ n, outbox: median(outboxMs), bare: median(bareMs) });
      say(`fan-out ${n}: outbox ${median(outboxMs).toFixed(1)} ms, bare ${median(bareMs).toFixed(1)} ms`);
    }

    // (2) the posting transaction's latency per audience size (what the request adds).
    const posting: { n: number; p50: number; p99: number }[] = [];
    for (const n of SIZES) {
      const deal = deals.get(n)!;
      const xs: number[] = [];
      for (let i = 0; i < POSTS; i++) {
        const key = randomBytes(8).toString('hex');
        const t0 = performance.now();
        await withTenant(tenantId, null, (t) => notifyAudience(t, { type: 'deal.update', audience: { dealInvestorsOf: deal }, title: `Post ${key}`, body: 'b', dedupeKey: `post:${key}` }));
        xs.push(performance.now() - t0);
      }
      posting.push({ n, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) });
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const body = `Measured ${new Date().toISOString().slice(0, 10)} on this machine (${os.cpus().length} cores), Node ${process.version}, embedded PostgreSQL 17 started by the bench;
whole run ${seconds} s; 1-minute load average before the run ${load} (the machine is shared: absolute figures move, the ratios much less).

Command: \`${COMMAND}\`

### (1) A deal update to every investor of a deal, delivered to the in-app channel

Outbox: the posting transaction writes one \`notification_fanouts\` row; the delivery worker's round expands it with one
insert ... select per channel, each member's preference, the tenant default and the built-in default applied, the
rows' ids derived from (fan-out, user) so a second expansion writes nothing, and the fan-out marked delivered in the
same transaction (the \`notifications\` insert trigger announces each user on LISTEN/NOTIFY for the live streams).
Ceiling: a bare \`insert into notifications ... select\` of the same rows (no preferences, no outbox, random ids).
Median of ${ROUNDS} alternating rounds; the goal is at least 30% of the ceiling's rate.

${table(['recipients', 'outbox (post + deliver)', 'bare insert … select', 'of ceiling'], fanout.map((f) => [f.n.toLocaleString('en-US'), ms(f.outbox, 1), ms(f.bare, 1), `**${ratio(1 / f.outbox, 1 / f.bare)}**`]), ['r', 'r', 'r', 'r'])}

### (2) The posting transaction, by audience size

\`withTenant\` + \`notifyAudience\` (what \`POST /api/deals/{id}/updates\` adds to its transaction), ${POSTS} sequential posts per size.
Delivery is asynchronous, so the request's cost does not grow with the audience.

${table(['recipients', 'p50', 'p99', 'p99 against 100 recipients'], posting.map((p) => [p.n.toLocaleString('en-US'), ms(p.p50), ms(p.p99), ratio(p.p99, posting[0]!.p99)]), ['r', 'r', 'r', 'r'])}
`;
    console.log(body);
    if (write) writeSection(path.resolve('bench/BENCHMARKS.md'), SECTION, body, '## __none__');
  } finally {
    await closePools();
    await handle.embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
