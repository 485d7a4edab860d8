// Social feed benchmark (issue 20): GET /api/feed (first page, 20 posts) for members who each follow
// 1,000 accounts, in a tenant with 1,000,000 posts, beside the empty Next.js route handler measured in
// the same run. Goal: >= 50% of the empty route's throughput. Also the second page (a cursor), and the
// followed-accounts query's plan and time in the database.
// Run: flock /work/bench.lock npx tsx bench/feed.ts   (add --no-write to leave BENCHMARKS.md alone;
// BENCH_FEED_POSTS=200000 for a smaller run, whose size the section then states)
// It wipes and uses its own DATA_DIR (./data/bench-feed) and ports, starts the platform
// (scripts/start.ts) with ENABLE_BENCH_ROUTES=1, and stops everything it started, also on error.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../src/server/auth/password';
import { closePools } from '../src/server/db/pool';
import { createTenant } from '../src/server/platform/tenants';
import { ownerClient } from './lib/deals-data';
import { warmLoad, type DealsLoadResult } from './lib/deals-load';
import { httpGet } from './lib/http';
import { assertPortsFree, cleanUpOnSignal, type Platform, signInAll, startPlatform, useStartedPlatform, wipeDataDir } from './lib/platform';
import { int, ratio, table, writeSection } from './lib/report';

const COMMAND = 'flock /work/bench.lock npx tsx bench/feed.ts';
const SECTION = '## Social feed (issue 20)';
const ABOVE = '## Tenant export and import (issue 17)';
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PORTS = { web: env('BENCH_FEED_PORT', 3941), pg: env('BENCH_FEED_PG_PORT', 54363), anvil: env('BENCH_FEED_ANVIL_PORT', 8579) };
const DATA_DIR = './data/bench-feed';
const SLUG = 'feedbench';
const HOST = `${SLUG}.localhost`;
const PASSWORD = 'Quiet-Harbor-Ledger-2026';
const POSTS = env('BENCH_FEED_POSTS', 1_000_000);
const MEMBERS = 10_000; // authors; members 1..VIEWERS sign in and read
const VIEWERS = 50;
const FOLLOWS = 1_000; // per viewer, among members VIEWERS+1..MEMBERS
const LIKES = 200_000; // on the newest posts
const SECONDS = 10;
const CONNECTIONS = 50;
const FEED_PATH = '/api/feed?limit=20';
const uid = (sqlN: string) => `('00000000-0000-7000-8000-' || lpad((${sqlN})::text, 12, '0'))::uuid`;
const emailOf = (n: number) => `member${String(n).padStart(5, '0')}@feedbench.example`;

const say = (m: string) => console.log(`[bench:feed] ${m}`);
let platform: Platform | null = null;
let owner: pg.Client | null = null;

async function cleanup(): Promise<void> {
  await owner?.end().catch(() => {});
  owner = null;
  await closePools().catch(() => {});
  await platform?.stop();
  platform = null;
}
cleanUpOnSignal(cleanup, say);

/** Members, follows, posts (one insert … select generate_series) and likes; answers the seconds each took. */
async function seed(c: pg.Client, tenantId: string, passwordHash: string) {
  const took: Record<string, number> = {};
  const step = async (name: string, sqlText: string, params: unknown[]) => {
    const t0 = Date.now();
    await c.query(sqlText, params);
    took[name] = (Date.now() - t0) / 1000;
  };
  await step(
    'members',
    `insert into users (tenant_id, id, email, password_hash, first_name, last_name, email_verified_at)
     select $1, ${uid('n')}, 'member' || lpad(n::text, 5, '0') || '@feedbench.example', $3, 'Member', 'Bench' || n, now() from generate_series(1, $2::int) n`,
    [tenantId, MEMBERS, passwordHash],
  );
  await c.query(`insert into profiles (tenant_id, user_id, display_name) select $1, ${uid('n')}, 'Member ' || n from generate_series(1, $2::int) n`, [tenantId, MEMBERS]);
  await c.query(`insert into tenant_user_roles (tenant_id, user_id, role) select $1, ${uid('n')}, 'investor' from generate_series(1, $2::int) n`, [tenantId, MEMBERS]);
  // Viewer v follows FOLLOWS distinct members among VIEWERS+1..MEMBERS, a different slice each.
  await step(
    'follows',
    `insert into user_follows (tenant_id, follower_id, followee_id)
     select $1, ${uid('v')}, ${uid(`$2::int + 1 + ((v * 173 + k) % ($3::int - $2::int))`)} from generate_series(1, $2::int) v, generate_series(0, $4::int - 1) k`,
    [tenantId, VIEWERS, MEMBERS, FOLLOWS],
  );
  // Post g is g seconds old, by member 1 + (g * 7919 mod MEMBERS): every member posts about POSTS/MEMBERS times.
  await step(
    'posts',
    `insert into user_feed_posts (tenant_id, id, author_id, kind, body, created_at)
     select $1, gen_random_uuid(), ${uid('1 + (g::bigint * 7919) % $3::int')}, 'post', 'Bench post number ' || g || ': what I think about this quarter''s deals.', now() - g * interval '1 second'
     from generate_series(1, $2::int) g`,
    [tenantId, POSTS, MEMBERS],
  );
  await step(
    'likes',
    `insert into post_engagements (tenant_id, post_id, user_id)
     select $1, p.id, ${uid('1 + abs(hashtext(p.id::text)) % $3::int')} from (select id from user_feed_posts where tenant_id = $1 order by created_at desc limit $2) p`,
    [tenantId, LIKES, MEMBERS],
  );
  const t0 = Date.now();
  await c.query('vacuum analyze user_feed_posts, user_follows, post_engagements, users');
  took.analyze = (Date.now() - t0) / 1000;
  return took;
}

/** The followed segment's first page as the feed runs it, explained and timed in the database. */
async function explainFollowed(c: pg.Client, tenantId: string): Promise<{ plan: string; ms: number }> {
  const viewer = `00000000-0000-7000-8000-${'1'.padStart(12, '0')}`;
  const r = await c.query<{ 'QUERY PLAN': string }>(
    `explain (analyze, buffers off, timing on)
     select p.id, p.created_at from user_feed_posts p join users u on u.tenant_id = p.tenant_id and u.id = p.author_id
     where p.tenant_id = $1 and (p.status = 'visible' or p.author_id = $2)
       and not exists (select b.blocked_id from user_blocks b where b.tenant_id = $1 and b.blocker_id = $2 and b.blocked_id = p.author_id)
       and (p.author_id = $2 or p.author_id in (select f.followee_id from user_follows f where f.tenant_id = $1 and f.follower_id = $2))
     order by p.created_at desc, p.id desc limit 21`,
    [tenantId, viewer],
  );
  const lines = r.rows.map((x) => x['QUERY PLAN']);
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(lines.join('\n'))?.[1] ?? NaN);
  return { plan: lines.filter((l) => /Scan|Join|Limit|Sort/.test(l)).map((l) => l.replace(/\s+\(cost=[^)]*\)/, '').trimEnd()).slice(0, 8).join('\n'), ms };
}

type Results = { empty: DealsLoadResult; first: DealsLoadResult; second: DealsLoadResult; seeded: Record<string, number>; explain: { plan: string; ms: number }; followedShare: number; load: number; loadAfter: number; elapsed: number };

async function main(): Promise<void> {
  const started = Date.now();
  const loadAvg = os.loadavg()[0]!;
  await assertPortsFree([PORTS.web, PORTS.pg, PORTS.anvil]);
  const dataDir = wipeDataDir(DATA_DIR);
  process.env.ENABLE_BENCH_ROUTES = '1';
  platform = await startPlatform({ port: PORTS.web, pgPort: PORTS.pg, anvilPort: PORTS.anvil, dataDir: DATA_DIR, probeHost: 'alpha.localhost' }, say);
  const web = platform.baseUrl;
  useStartedPlatform(platform, dataDir);

  say(`creating tenant ${SLUG}: ${int(MEMBERS)} members, ${VIEWERS} readers following ${int(FOLLOWS)} each, ${int(POSTS)} posts, ${int(LIKES)} likes…`);
  const tenantId = (
    await createTenant(
      { adminId: null },
      {
        name: 'Feed Benchmark',
        slug: SLUG,
        features: { socialFeatures: true },
        settings: { rateLimits: { public: 1_000_000, authenticated: 1_000_000, admin: 1_000_000 } },
        admin: { email: 'admin@feedbench.example', password: PASSWORD, firstName: 'Bench', lastName: 'Admin' },
      },
    )
  ).id;
  await closePools();
  owner = await ownerClient(platform.ownerUrl);
  const seeded = await seed(owner, tenantId, await hashPassword(PASSWORD));
  say(`seeded in ${JSON.stringify(seeded)} s`);
  await owner.query('checkpoint');
  const explain = await explainFollowed(owner, tenantId);

  say('signing in the readers…');
  const tokens = await signInAll(web, HOST, Array.from({ length: VIEWERS }, (_, i) => emailOf(i + 1)), PASSWORD);
  // A check that the feed is what runs: a full first page, from followed accounts only (they post often enough).
  const first = await httpGet(`${web}${FEED_PATH}`, HOST, { authorization: `Bearer ${tokens[0]}` });
  if (first.status !== 200) throw new Error(`GET /api/feed answered ${first.status}: ${first.body}`);
  const page = JSON.parse(first.body) as { posts: { author: { id: string } }[]; nextCursor: string };
  const followed = new Set((await owner.query<{ id: string }>('select followee_id as id from user_follows where tenant_id = $1 and follower_id = $2', [tenantId, `00000000-0000-7000-8000-${'1'.padStart(12, '0')}`])).rows.map((r) => r.id));
  const followedShare = page.posts.filter((p) => followed.has(p.author.id)).length / page.posts.length;
  if (page.posts.length !== 20 || followedShare !== 1 || !page.nextCursor.startsWith('f:')) throw new Error(`unexpected first page: ${page.posts.length} posts, ${followedShare} followed, cursor ${page.nextCursor}`);

  const run = (label: string, url: string) => {
    say(`${label}: ${CONNECTIONS} connections, ${SECONDS} s (after 2 s warm-up)…`);
    return warmLoad({ url, host: HOST, connections: CONNECTIONS, seconds: SECONDS, tokens });
  };
  const empty = await run('GET /api/bench/empty via next start', `${web}/api/bench/empty`);
  const firstPage = await run('GET /api/feed, first page', `${web}${FEED_PATH}`);
  const second = await run('GET /api/feed, second page (cursor)', `${web}${FEED_PATH}&cursor=${encodeURIComponent(page.nextCursor)}`);

  const results: Results = { empty, first: firstPage, second, seeded, explain, followedShare, load: loadAvg, loadAfter: os.loadavg()[0]!, elapsed: (Date.now() - started) / 1000 };
  const body = render(results);
  console.log(`\n${SECTION}\n\n${body}\n`);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'feed-results.json'), JSON.stringify(results, null, 2));
  if (!process.argv.includes('--no-write')) writeSection(path.resolve('bench/BENCHMARKS.md'), SECTION, body, ABOVE);
  await cleanup();
}

function render(r: Results): string {
  const p99 = (x: DealsLoadResult) => `${Math.round(x.p99)} ms`;
  const p50 = (x: DealsLoadResult) => `${Math.round(x.p50)} ms`;
  const goal = r.first.rps / r.empty.rps;
  return [
    `Command: \`${COMMAND}\` (\`--no-write\` leaves this file alone; raw figures in \`${DATA_DIR}/feed-results.json\`).`,
    `Load average ${r.load.toFixed(2)} before the run, ${r.loadAfter.toFixed(2)} after (2 cores, shared with other agents' work); ${Math.round(r.elapsed)} s in all.`,
    '',
    `Data: one tenant with ${int(MEMBERS)} members and **${int(POSTS)} posts** (one \`insert … select generate_series\`, ${r.seeded.posts?.toFixed(0)} s; every member posts about ${int(POSTS / MEMBERS)} times,`,
    `post g is g seconds old), ${int(LIKES)} likes on the newest posts, and ${VIEWERS} readers who follow **${int(FOLLOWS)} accounts each** (a different slice per reader).`,
    `Seeding took ${Object.entries(r.seeded).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(', ')}.`,
    '',
    `\`GET ${FEED_PATH}\` as those readers (one bearer token per connection, round-robin), ${CONNECTIONS} connections, ${SECONDS} s each after a 2 s warm-up.`,
    'The first page is checked before the load: 20 posts, all by followed accounts, and a cursor inside the followed segment.',
    'Ceiling: `GET /api/bench/empty`, the route handler that returns `{}` (the framework\'s floor), in the same run. Goal: the feed\'s first page >= 50% of it.',
    '',
    table(
      ['what', 'req/s', 'p50', 'p99', 'of the empty route'],
      [
        ['GET /api/bench/empty, next start', int(r.empty.rps), p50(r.empty), p99(r.empty), '100%'],
        ['**GET /api/feed, first page**', `**${int(r.first.rps)}**`, p50(r.first), `**${p99(r.first)}**`, `**${ratio(r.first.rps, r.empty.rps)}**`],
        ['GET /api/feed, second page (cursor)', int(r.second.rps), p50(r.second), p99(r.second), ratio(r.second.rps, r.empty.rps)],
      ],
      ['l', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Goal >= 50% of the empty route: ${goal >= 0.5 ? 'met' : 'not met'} (${ratio(r.first.rps, r.empty.rps)}).`,
    '',
    `The followed accounts' page in the database (reader 1, owner role, \`explain analyze\`): ${r.explain.ms.toFixed(2)} ms.`,
    '',
    '```',
    r.explain.plan,
    '```',
    '',
    'Why deal updates are feed rows: an issuer\'s deal update is written as a `user_feed_posts` row (kind `deal_update`) in the update\'s own',
    'transaction, so each page is one keyset scan of `(tenant_id, created_at desc, id desc)` with the follow list as a hashed semi-join, and the',
    'cursor is a post id compared by `(created_at, id)`. A union with `deal_updates` would need a second ordered scan merged per page and a',
    'cursor spanning two tables, for a table that holds a tiny share of the rows.',
  ].join('\n');
}

main().catch(async (e) => {
  console.error(e);
  await cleanup();
  process.exit(1);
});
