import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const INPUTS = ['src', 'next.config.ts', 'postcss.config.mjs', 'package-lock.json', 'tsconfig.json', 'contracts/abi'];
const STAMP = path.resolve('.next', 'cdp-build-fingerprint');

// What the production build was made from: paths, sizes and modification times.
function fingerprint(): string {
  const h = createHash('sha256');
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p).sort()) walk(path.join(p, e));
    else h.update(`${p}:${s.size}:${s.mtimeMs}\n`);
  };
  INPUTS.forEach(walk);
  return h.digest('hex');
}

/** Runs `next build` when there is no build or the sources changed since the last one. */
export async function ensureBuild(say: (m: string) => void): Promise<void> {
  const fp = fingerprint();
  if (existsSync(path.resolve('.next', 'BUILD_ID')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fp) return;
  say('building the web app (first start or sources changed; takes a minute)…');
  const nextBin = path.resolve('node_modules', 'next', 'dist', 'bin', 'next');
  // Its output goes through the same log as everything else npm start prints, one record per line.
  const build = spawn(process.execPath, [nextBin, 'build'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  for (const stream of [build.stdout, build.stderr]) createInterface({ input: stream }).on('line', (line) => line.trim() && say(`next build: ${line}`));
  const status = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (status !== 0) throw new Error('next build failed (see the output above)');
  writeFileSync(STAMP, fp);
}
