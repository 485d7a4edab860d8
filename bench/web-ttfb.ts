// Server-rendered deals page under load (issue 7), beside GET /api/deals in the same run:
//   TTFB p50/p99 (time to the response headers, measured by bench/lib/web-ttfb.ts: 20 keep-alive
//   clients, 10 s per target) and autocannon's throughput and full-response latency (20
//   connections, 10 s) for GET /deals anonymous, GET /deals signed in (investor1, access cookie)
//   and GET /api/deals?limit=12 (the deals page runs the same browse queries).
//   It also checks the budget script's chunk list against the <script> tags the page really sends.
// Run: npm run bench:web-ttfb   (about 2 minutes plus the first build; own ports and ./data/bench-web)
import { rmSync } from 'node:fs';
import path from 'node:path';
import { httpGet, httpPostJson } from './lib/http';
import { runLoad, type LoadResult } from './lib/load';
import { startPlatform, type Platform } from './lib/platform';
import { int, ms, table } from './lib/report';
import { raiseTenantBudget } from './lib/tenant-budget';
import { routeChunks } from './lib/web-chunks';
import { measureTtfb, type TtfbResult } from './lib/web-ttfb';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PORTS = { web: env('BENCH_WEB_PORT', 3937), pg: env('BENCH_WEB_PG_PORT', 54359), anvil: env('BENCH_WEB_ANVIL_PORT', 8575) };
const DATA_DIR = './data/bench-web';
const HOST = 'alpha.localhost';
const CONNECTIONS = 20;
const SECONDS = 10;
const say = (m: string) => console.log(`[web-ttfb] ${m}`);

let platform: Platform | undefined;
const stop = async () => {
  await platform?.stop();
  platform = undefined;
};
process.once('SIGINT', () => void stop().then(() => process.exit(130)));

try {
  rmSync(DATA_DIR, { recursive: true, force: true });
  platform = await startPlatform({ port: PORTS.web, pgPort: PORTS.pg, anvilPort: PORTS.anvil, dataDir: DATA_DIR, probeHost: HOST }, say);
  const base = platform.baseUrl;
  // The demo tenant's API budget would turn the API run into 429s: raised, then the tenant cache outlived.
  const budgetTaken = await raiseTenantBudget(platform.ownerUrl, 'alpha');

  const login = await httpPostJson(`${base}/api/auth/login`, HOST, { email: 'investor1@alpha.example', password: 'Demo-Invest-2026' });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.body}`);
  const cookie = `cdp_at=${(JSON.parse(login.body) as { token: string }).token}`;

  const page = await httpGet(`${base}/deals`, HOST);
  if (page.status !== 200) throw new Error(`GET /deals anonymous answered ${page.status}`);
  const cards = (page.body.match(/href="\/deals\/[^"]+"/g) ?? []).length;
  const sent = new Set([...page.body.matchAll(/<script[^>]+src="\/_next\/([^"]+)"/g)].map((m) => m[1]!));
  const listed = routeChunks(path.resolve('.next'), '(dashboard)/deals/page');
  const listedFiles = new Set([...listed.chunks, ...listed.polyfill].map((c) => c.file));
  const missing = [...sent].filter((f) => !listedFiles.has(f));
  say(`/deals HTML: ${int(page.body.length)} bytes, ${cards} deal links, ${sent.size} script tags; ${missing.length ? `NOT in the budget's list: ${missing.join(', ')}` : "all in the budget script's list"}`);

  say('waiting for the tenant cache to pick up the raised request budget…');
  await budgetTaken();
  const probe = await httpGet(`${base}/api/deals?limit=12`, HOST);
  if (probe.status !== 200) throw new Error(`GET /api/deals?limit=12 answered ${probe.status}: ${probe.body.slice(0, 200)}`);
  // One untimed pass over the page first: the first renders compile and fill caches.
  await measureTtfb({ url: `${base}/deals`, host: HOST, concurrency: CONNECTIONS, seconds: 5 });

  const targets: { name: string; path: string; headers: Record<string, string> }[] = [
    { name: 'GET /deals (page, anonymous)', path: '/deals', headers: {} },
    { name: 'GET /deals (page, signed in)', path: '/deals', headers: { cookie } },
    { name: 'GET /api/deals?limit=12', path: '/api/deals?limit=12', headers: {} },
  ];
  const rows: { name: string; t: TtfbResult; a: LoadResult }[] = [];
  for (const target of targets) {
    const url = `${base}${target.path}`;
    await measureTtfb({ url, host: HOST, headers: target.headers, concurrency: CONNECTIONS, seconds: 2 }); // warm-up
    say(`${target.name}: TTFB loop, ${CONNECTIONS} clients, ${SECONDS} s…`);
    const t = await measureTtfb({ url, host: HOST, headers: target.headers, concurrency: CONNECTIONS, seconds: SECONDS });
    say(`${target.name}: autocannon, ${CONNECTIONS} connections, ${SECONDS} s…`);
    const a = await runLoad({ url, host: HOST, headers: target.headers, connections: CONNECTIONS, seconds: SECONDS });
    rows.push({ name: target.name, t, a });
  }
  const api = rows[2]!;
  console.log(
    `\n${table(
      ['target', 'TTFB p50', 'TTFB p99', 'full p50', 'full p99', 'req/s (TTFB loop)', 'autocannon req/s', 'autocannon p50', 'autocannon p99', 'body', 'vs API req/s', 'non-2xx/errors'],
      rows.map(({ name, t, a }) => [
        name,
        ms(t.ttfbP50, 1),
        ms(t.ttfbP99, 1),
        ms(t.fullP50, 1),
        ms(t.fullP99, 1),
        int(t.rps),
        int(a.rps),
        ms(a.p50, 0),
        ms(a.p99, 0),
        `${(t.bytes / 1000).toFixed(1)} kB`,
        `${((a.rps / api.a.rps) * 100).toFixed(0)}%`,
        `${t.non2xx + a.non2xx}/${t.errors + a.errors}${a.statuses && a.non2xx ? ` (${a.statuses})` : ''}`,
      ]),
    )}`,
  );
} finally {
  await stop();
}
