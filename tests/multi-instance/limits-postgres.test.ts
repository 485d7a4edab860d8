import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Request budgets with PostgreSQL alone (no REDIS_URL), two instances on one key: each instance
// counts locally and flushes to limits.rate_limits every 250 ms, so together they may admit more
// than the limit, but never more than instances × limit (the bound docs/architecture.md states).
// Two processes of the real module (tests/multi-instance/budget-child.ts) stand for the two web
// servers; with Redis the budget is exact (two-instances.test.ts).

function runInstance(cfg: { key: string; points: number; attempts: number; everyMs: number }): Promise<number> {
  const env = { ...process.env };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/multi-instance/budget-child.ts'), JSON.stringify(cfg)], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve((JSON.parse(out.trim().split('\n').pop()!) as { accepted: number }).accepted) : reject(new Error(`budget child exited ${code}`)))),
  );
}

describe('request budgets across instances with PostgreSQL alone (bounded)', () => {
  it('two instances spending one key of 30 a minute admit at least 30 and at most 2 × 30', async () => {
    const key = `multi-${randomBytes(6).toString('hex')}`;
    const cfg = { key, points: 30, attempts: 60, everyMs: 10 };
    const [a, b] = await Promise.all([runInstance(cfg), runInstance(cfg)]);
    // eslint-disable-next-line no-console
    console.log(`[multi-instance] PostgreSQL budget of 30, two instances: accepted ${a} + ${b} = ${a + b}`);
    expect(a).toBeLessThanOrEqual(30);
    expect(b).toBeLessThanOrEqual(30);
    expect(a + b).toBeGreaterThanOrEqual(30);
    expect(a + b).toBeLessThanOrEqual(60);
  }, 60_000);
});
