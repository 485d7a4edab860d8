// Long run of the contract invariant suite (contracts/test/invariants.test.ts) with a fixed seed,
// so a failure can be replayed exactly. Run: npm run bench:invariants
//   INVARIANT_RUNS (default 500) and INVARIANT_SEED (default 20261207) are passed through.
import { spawnSync } from 'node:child_process';

const runs = process.env.INVARIANT_RUNS ?? '500';
const seed = process.env.INVARIANT_SEED ?? '20261207';
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'contracts/test/invariants.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, INVARIANT_RUNS: runs, INVARIANT_SEED: seed },
});
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\ninvariants: ${runs} runs, seed ${seed}, ${seconds} s, ${result.status === 0 ? 'passed' : 'FAILED'}`);
console.log(`replay: INVARIANT_RUNS=${runs} INVARIANT_SEED=${seed} npx vitest run contracts/test/invariants.test.ts`);
process.exit(result.status ?? 1);
