// One "instance" of the request budget (src/server/ratelimit/request-budget.ts) with PostgreSQL
// as the shared store (no REDIS_URL): spends `attempts` requests of one key, one every `everyMs`,
// and prints how many it accepted. limits-postgres.test.ts runs two at once on one key.
// argv[2]: JSON { key, points, attempts, everyMs }.
import { closePools } from '../../src/server/db/pool';
import { RateLimited } from '../../src/server/errors';
import { flushRequestBudgets, spendRequestBudget } from '../../src/server/ratelimit/request-budget';

const cfg = JSON.parse(process.argv[2]!) as { key: string; points: number; attempts: number; everyMs: number };
const spec = { name: 'req-multi-instance-test', points: cfg.points, durationSeconds: 60 };
let accepted = 0;
for (let i = 0; i < cfg.attempts; i++) {
  try {
    await spendRequestBudget(spec, cfg.key);
    accepted++;
  } catch (e) {
    if (!(e instanceof RateLimited)) throw e;
  }
  await new Promise((r) => setTimeout(r, cfg.everyMs));
}
await flushRequestBudgets();
process.stdout.write(`${JSON.stringify({ accepted })}\n`);
await closePools();
process.exit(0);
