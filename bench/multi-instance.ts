// Two app instances against one (issue 22): GET /api/deals and the hot-deal invest through a
// round-robin proxy to two production web servers, and through the same proxy to one of them;
// CPU per request per instance from /proc; the cross-instance staleness of a deal publication and
// a branding change (change through instance 0, first read showing it on instance 1). The ceiling
// is a bare node:http server behind the same proxy, measured in the same run: what the proxy and
// the load generator alone allow on this machine.
// Usage: npx tsx bench/multi-instance.ts   (writes its section of bench/BENCHMARKS.md)
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/server/config';
import { startEmbeddedPostgres } from '../src/server/db/embedded';
import { migrate } from '../src/server/db/migrate';
import { closePools } from '../src/server/db/pool';
import { ownerDatabaseUrl } from '../src/server/db/urls';
import { addUser, createTenant } from '../src/server/platform/tenants';
import { findRedis, freePort, percentile, send, startCluster, startProxy, type RequestOptions } from '../tests/multi-instance/harness';
import { int, ms, ratio, table, writeSection } from './lib/report';

const COMMAND = 'npx tsx bench/multi-instance.ts';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 32;
const PASSWORD = 'Correct-Horse-Battery-42';
const say = (m: string) => process.stdout.write(`[bench] ${m}\n`);

const ticks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, seconds
};

type Run = { rps: number; perInstance: Map<number, number>; cpu: number[]; statuses: Map<number, number> };

/** CONNECTIONS loops sending `make()` to `port` for SECONDS; counts answers per status and per instance. */
async function drive(port: number, make: () => RequestOptions, pids: number[]): Promise<Run> {
  const cpu0 = pids.map(ticks);
  const end = performance.now() + SECONDS * 1000;
  const perInstance = new Map<number, number>();
  const statuses = new Map<number, number>();
  let done = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const r = await send(port, make());
        done++;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.instance !== null) perInstance.set(r.instance, (perInstance.get(r.instance) ?? 0) + 1);
      }
    }),
  );
  return { rps: done / SECONDS, perInstance, cpu: pids.map((p, i) => ticks(p) - cpu0[i]!), statuses };
}

async function main() {
  const dir = path.resolve('data', 'bench-multi-instance');
  rmSync(dir, { recursive: true, force: true });
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'cdp_bench', log: () => {} });
  Object.assign(process.env, {
    DATABASE_URL: pg.url,
    APP_ENV: 'local',
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    JWT_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  });
  const config = parseConfig(process.env);
  await migrate({ ownerUrl: ownerDatabaseUrl(config), appPassword: config.APP_DB_PASSWORD });
  const redis = await findRedis();
  say(`database ready; Redis: ${redis ?? 'none (PostgreSQL limits)'}; starting two web servers`);
  const cluster = await startCluster({ name: 'bench', redis, roles: false, env: { RPC_URL: `http://127.0.0.1:${await freePort()}` } });
  const single = await startProxy([cluster.instances[0]!.port]);
  const bare = http.createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"deals":[],"total":0,"hasMore":false}');
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  const bareProxy = await startProxy([(bare.address() as net.AddressInfo).port]);
  const pids = cluster.instances.map((i) => i.child.pid!);

  try {
    // A tenant, an issuer with a verified profile, deals, 100 investors: all through the API.
    const slug = `bench-${randomBytes(4).toString('hex')}`;
    const host = `${slug}.localhost`;
    const { id: tenantId } = await createTenant(
      { adminId: null },
      { name: 'Bench', slug, domain: null, aliases: [], settings: { rateLimits: { public: 1e9, authenticated: 1e9, admin: 1e9 } }, admin: { email: `admin@${slug}.test`, password: PASSWORD, firstName: 'A', lastName: 'A' } },
    );
    const api = (o: Omit<RequestOptions, 'host'>) => cluster.requestTo(0, { host, ...o });
    const login = async (email: string) => (await api({ path: '/api/auth/login', body: { email, password: PASSWORD } })).json.token as string;
    const admin = await login(`admin@${slug}.test`);
    const issuerEmail = `issuer@${slug}.test`;
    await addUser(tenantId, { email: issuerEmail, password: PASSWORD, firstName: 'I', lastName: 'I', roles: ['issuer'] });
    const issuer = await login(issuerEmail);
    const profile = await api({ path: '/api/issuer/profile', token: issuer, body: { legalEntity: { name: 'Bench Issuer Inc', jurisdiction: 'US-DE', registrationNumber: randomBytes(6).toString('hex'), entityType: 'corporation' }, profile: { displayName: 'Bench Issuer' } } });
    await api({ path: `/api/admin/issuers/${profile.json.id}/review`, token: admin, body: { decision: 'verify', reason: 'bench' } });
    await api({ path: '/api/issuer/bad-actor-certification', token: issuer, body: { coveredPersons: [{ name: 'Ada Founder', role: 'director' }], noDisqualifyingEvents: true, statement: 'After a factual inquiry, no covered person has a disqualifying event.' } });
    const publish = async (title: string, hardCap: string) => {
      const d = await api({ path: '/api/issuer/deals', token: issuer, body: { title, summary: 's', description: 'd', assetType: 'equity', currency: 'USD', targetAmount: hardCap, softCap: '1', hardCap, minTicket: '1' } });
      await api({ path: `/api/deals/${d.json.id}/transitions`, token: issuer, body: { action: 'submit' } });
      const ok = await api({ path: `/api/deals/${d.json.id}/transitions`, token: admin, body: { action: 'approve' } });
      if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${ok.body}`);
      return d.json.id as string;
    };
    for (let i = 0; i < 20; i++) await publish(`Listing deal ${i}`, '100000');
    const investors: string[] = [];
    for (let i = 0; i < 100; i++) {
      const email = `inv${i}@${slug}.test`;
      await addUser(tenantId, { email, password: PASSWORD, firstName: 'I', lastName: String(i), roles: ['investor'] });
      investors.push(await login(email));
    }
    say('data ready');

    const listing = () => ({ host, path: '/api/deals?limit=20' });
    const ceiling = await drive(bareProxy.port, listing, []);
    const one = await drive(single.port, listing, pids);
    const two = await drive(cluster.proxyPort, listing, pids);
    say(`GET /api/deals: ceiling ${int(ceiling.rps)}/s, one ${int(one.rps)}/s, two ${int(two.rps)}/s`);

    let n = 0;
    const investIn = (dealId: string) => () => ({ host, path: `/api/deals/${dealId}/invest`, token: investors[n++ % investors.length], body: { amount: '1', paymentMethod: 'wire' } });
    const investOne = await drive(single.port, investIn(await publish('Hot deal one', '100000000')), pids);
    const investTwo = await drive(cluster.proxyPort, investIn(await publish('Hot deal two', '100000000')), pids);
    say(`invest: one ${int(investOne.rps)}/s, two ${int(investTwo.rps)}/s`);

    // Staleness: a change through instance 0, polled through instance 1 every 5 ms.
    const until = async (probe: () => Promise<boolean>) => {
      const t0 = performance.now();
      while (!(await probe())) await new Promise((r) => setTimeout(r, 5));
      return performance.now() - t0;
    };
    const branding: number[] = [];
    for (let i = 0; i < 20; i++) {
      const name = `Bench ${i}`;
      await api({ path: '/api/admin/tenant', method: 'PATCH', token: admin, body: { name } });
      branding.push(await until(async () => (await cluster.requestTo(1, { host, path: '/api/admin/tenant', token: admin })).json.name === name));
    }
    const listingStale: number[] = [];
    for (let i = 0; i < 10; i++) {
      await cluster.requestTo(1, { host, path: '/api/deals?limit=100' });
      const id = await publish(`Fresh ${i}`, '1000');
      listingStale.push(await until(async () => ((await cluster.requestTo(1, { host, path: '/api/deals?limit=100' })).json.deals as { id: string }[]).some((d) => d.id === id)));
    }
    const load = os.loadavg().map((x) => x.toFixed(2)).join(', ');
    say(`staleness p99: branding ${ms(percentile(branding, 99), 0)}, listing ${ms(percentile(listingStale, 99), 0)}; load ${load}`);

    const perReq = (r: Run, i: number) => {
      const served = r.perInstance.get(i) ?? (i === 0 && r.perInstance.size === 0 ? r.rps * SECONDS : 0);
      return served ? ms((r.cpu[i]! / served) * 1000) : '–';
    };
    const row = (what: string, r: Run, base?: Run) => [
      what,
      int(r.rps),
      ratio(r.rps, ceiling.rps),
      base ? `${(r.rps / base.rps).toFixed(2)}×` : '1.00×',
      [...r.statuses].map(([s, c]) => `${s}: ${int(c)}`).join(', '),
      perReq(r, 0),
      perReq(r, 1),
    ];
    const body = [
      `Command: \`${COMMAND}\` (${SECONDS} s per run, ${CONNECTIONS} connections, one round-robin proxy in the bench process; two production web servers as the web role starts them, one embedded PostgreSQL, ${redis ? 'Redis for limits' : 'PostgreSQL limits (no Redis)'}). Load average at the end: ${load} on ${os.cpus().length} cores, shared with other work.`,
      '',
      `Ceiling: a bare \`node:http\` server answering a fixed JSON body behind the same proxy: ${int(ceiling.rps)} req/s.`,
      '',
      table(
        ['run', 'req/s', 'of ceiling', 'two ÷ one', 'answers', 'CPU/request instance 0', 'CPU/request instance 1'],
        [row('GET /api/deals?limit=20, one instance', one), row('GET /api/deals?limit=20, two instances', two, one), row('invest 1.00 in one hot deal, one instance', investOne), row('invest 1.00 in one hot deal, two instances', investTwo, investOne)],
      ),
      '',
      `Cross-instance staleness (change through instance 0, first read through instance 1 showing it, polled every 5 ms): branding p50 ${ms(percentile(branding, 50), 0)}, p99 ${ms(percentile(branding, 99), 0)} (20 changes); a published deal in the listing p50 ${ms(percentile(listingStale, 50), 0)}, p99 ${ms(percentile(listingStale, 99), 0)} (10 deals).`,
      '',
      'Absolute rates here are set by the machine, not the app: at a load average near 20 on two cores every process (servers, PostgreSQL, the load generator) gets a small slice of a core, so a request spends far longer waiting to be scheduled than the few milliseconds of CPU it needs. Compare runs of the same table only.',
      '',
      'Reading: on two cores two instances cannot double anything: the load generator, the proxy, PostgreSQL and both servers share the same two cores. The CPU per request per instance is what scales: a machine with more cores serves about (cores available to web servers) ÷ (CPU per request) requests per second, and a second instance adds its own cores’ worth, until PostgreSQL (the hot deal’s capacity-slice locks) is the ceiling.',
    ].join('\n');
    writeSection(path.resolve('bench/BENCHMARKS.md'), '## Several app instances (issue 22)', body, '## Web app (issue 7)');
    say('written to bench/BENCHMARKS.md');
  } finally {
    await bareProxy.close();
    bare.close();
    await single.close();
    await cluster.stop();
    await closePools();
    await pg.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
