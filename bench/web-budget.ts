// First-load JavaScript budget of the deals pages (issue 7): at most 150 kB gzipped.
// Next.js 16's Turbopack build no longer prints "First Load JS", so this sums, from the build's
// own manifests, the gzipped (zlib level 9) client chunks a first visit to the route downloads
// (see bench/lib/web-chunks.ts), prints the per-chunk table and exits 1 when a budget is broken.
// Run: npm run bench:web-budget   (builds first when .next/BUILD_ID is missing; add --build to
// rebuild when the sources changed since the last build)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { routeChunks, type RouteChunks } from './lib/web-chunks';

const BUDGET_BYTES = 150 * 1000;
const ROUTES = [
  { label: '/deals', appPath: '(dashboard)/deals/page' },
  { label: '/deals/[slug]', appPath: '(dashboard)/deals/[slug]/page' },
];

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

function ensureBuild(): void {
  const nextDir = path.resolve('.next');
  if (existsSync(path.join(nextDir, 'BUILD_ID')) && !process.argv.includes('--build')) return;
  console.log('building (next build)…');
  const nextBin = path.resolve('node_modules', 'next', 'dist', 'bin', 'next');
  const r = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed');
}

function print(label: string, r: RouteChunks): void {
  console.log(`\n${label}  (${r.route})`);
  console.log(`${'chunk'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}  first needed by`);
  for (const c of [...r.chunks].sort((a, b) => b.gzip - a.gzip)) console.log(`${c.file.padEnd(44)} ${kB(c.bytes).padStart(10)} ${kB(c.gzip).padStart(10)}  ${c.from}`);
  for (const c of r.polyfill) console.log(`${c.file.padEnd(44)} ${kB(c.bytes).padStart(10)} ${kB(c.gzip).padStart(10)}  ${c.from}`);
  console.log(`${'first-load JS'.padEnd(44)} ${kB(r.totalBytes).padStart(10)} ${kB(r.totalGzip).padStart(10)}  budget ${kB(BUDGET_BYTES)} gzipped`);
}

ensureBuild();
const broken: string[] = [];
for (const { label, appPath } of ROUTES) {
  const r = routeChunks(path.resolve('.next'), appPath);
  print(label, r);
  if (r.totalGzip > BUDGET_BYTES) broken.push(`${label}: ${kB(r.totalGzip)} gzipped is over the ${kB(BUDGET_BYTES)} budget by ${kB(r.totalGzip - BUDGET_BYTES)}`);
}
if (broken.length) {
  console.error(`\nFIRST-LOAD JS BUDGET BROKEN\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log(`\nwithin budget (${kB(BUDGET_BYTES)} gzipped first-load JS per route)`);
