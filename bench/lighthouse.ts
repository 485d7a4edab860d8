// Lighthouse 12 on the deals list and a deal page (issue 15, "Pages that feel fast"): mobile
// (Lighthouse's default: Moto G-class emulation, simulated slow 4G and 4x CPU slowdown) and
// desktop, three runs each, the median run reported, plus the desktop cumulative layout shift
// of /deals. Scores are Lighthouse's own 0-100 scale (100 is the ceiling), on the platform
// started as npm start starts it, in Debian's Chromium.
// Run: npm run bench:lighthouse   (own ports and ./data/bench-lighthouse; ~5 minutes plus a build)
//
// Lighthouse is not a dependency of the project: one of its own dependencies asks for another
// package at "latest", which would make the lockfile go stale whenever that package publishes.
// The bench installs the pinned version into ./data/tools/lighthouse on first use instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { httpGet } from './lib/http';
import { startPlatform, type Platform } from './lib/platform';

const env = (k: string, d: number) => Number(process.env[k] ?? d);
const PORTS = { web: env('BENCH_LH_PORT', 3947), pg: env('BENCH_LH_PG_PORT', 54369), anvil: env('BENCH_LH_ANVIL_PORT', 8585) };
const DATA_DIR = './data/bench-lighthouse';
const RUNS = env('LIGHTHOUSE_RUNS', 3);
const say = (m: string) => console.log(`[lighthouse] ${m}`);

const LIGHTHOUSE_VERSION = '12.8.2';
const TOOL_DIR = path.resolve('data', 'tools', 'lighthouse');
if (!existsSync(path.join(TOOL_DIR, 'node_modules', 'lighthouse', 'package.json'))) {
  say(`installing lighthouse@${LIGHTHOUSE_VERSION} into ${TOOL_DIR} (once)…`);
  mkdirSync(TOOL_DIR, { recursive: true });
  execFileSync('npm', ['install', '--prefix', TOOL_DIR, '--no-save', '--no-audit', '--no-fund', `lighthouse@${LIGHTHOUSE_VERSION}`], { stdio: 'inherit' });
}
// The few parts of Lighthouse's API this bench uses (the package is not installed for type-checking).
type Lhr = {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { numericValue?: number; score: number | null; title: string } | undefined>;
};
type LighthouseFn = (url: string, flags: Record<string, unknown>, config?: unknown) => Promise<{ lhr: Lhr } | undefined>;
type Launched = { port: number; kill: () => unknown };
const toolRequire = createRequire(path.join(TOOL_DIR, 'package.json'));
const lh = (await import(pathToFileURL(toolRequire.resolve('lighthouse')).href)) as { default: LighthouseFn; desktopConfig: unknown };
const lighthouse = lh.default;
const desktopConfig = lh.desktopConfig;
const chromeLauncher = (await import(pathToFileURL(toolRequire.resolve('chrome-launcher')).href)) as { launch: (o: { chromePath: string; chromeFlags: string[] }) => Promise<Launched> };

type Run = { performance: number; accessibility: number; bestPractices: number; seo: number; lcp: number; tbt: number; cls: number; fcp: number; failing: string[] };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let platform: Platform | undefined;
let chrome: Launched | undefined;
const stop = async () => {
  await chrome?.kill();
  await platform?.stop();
};
process.once('SIGINT', () => void stop().then(() => process.exit(130)));

try {
  rmSync(DATA_DIR, { recursive: true, force: true });
  platform = await startPlatform({ port: PORTS.web, pgPort: PORTS.pg, anvilPort: PORTS.anvil, dataDir: DATA_DIR, probeHost: 'alpha.localhost' }, say);
  const list = await httpGet(`${platform.baseUrl}/api/deals?limit=1&featured=true`, 'alpha.localhost');
  const slug = (JSON.parse(list.body) as { deals: { slug: string }[] }).deals[0]!.slug;
  const origin = `http://alpha.localhost:${PORTS.web}`;
  const targets = [
    { label: '/deals', url: `${origin}/deals` },
    { label: `/deals/${slug}`, url: `${origin}/deals/${slug}` },
  ];

  const browser = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  chrome = browser;
  const rows: string[] = [];
  for (const form of ['mobile', 'desktop'] as const) {
    for (const t of targets) {
      // A first, unmeasured load warms the server's caches as any visitor before this one did.
      await httpGet(t.url.replace(origin, platform.baseUrl), 'alpha.localhost');
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        say(`${form} ${t.label}: run ${i + 1}/${RUNS}…`);
        const r = await lighthouse(t.url, { port: browser.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] }, form === 'desktop' ? desktopConfig : undefined);
        const lhr = r!.lhr;
        const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
        const num = (a: string) => lhr.audits[a]?.numericValue ?? NaN;
        // What costs points outside performance: the weighted audits of those categories that did not pass.
        const failing = ['accessibility', 'best-practices', 'seo'].flatMap((c) =>
          (lhr.categories[c]?.auditRefs ?? []).filter((a) => a.weight > 0 && lhr.audits[a.id]?.score !== null && (lhr.audits[a.id]?.score ?? 1) < 1).map((a) => `${c}: ${a.id}`),
        );
        runs.push({ performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), seo: score('seo'), lcp: num('largest-contentful-paint'), tbt: num('total-blocking-time'), cls: num('cumulative-layout-shift'), fcp: num('first-contentful-paint'), failing });
      }
      const m = runs.find((r) => r.performance === median(runs.map((x) => x.performance)))!;
      if (m.failing.length) say(`${form} ${t.label}: not passing: ${m.failing.join(', ')}`);
      rows.push(`| ${t.label} | ${form} | ${m.performance} (${runs.map((r) => r.performance).join(', ')}) | ${m.accessibility} | ${m.bestPractices} | ${m.seo} | ${(m.fcp / 1000).toFixed(2)} s | ${(m.lcp / 1000).toFixed(2)} s | ${Math.round(m.tbt)} ms | ${m.cls.toFixed(3)} |`);
    }
  }
  console.log(`\n| page | form | performance (median of ${RUNS}: runs) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n${rows.join('\n')}\n`);
} finally {
  await stop();
}
