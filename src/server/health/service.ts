import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { checkChainHealth } from '../chain/client';
import { indexerLag } from '../chain/indexer/lag';
import { getConfig } from '../config';
import { oldestPendingEmailAgeSeconds, pingDatabase } from './repo';

type Check = 'operational' | 'degraded' | 'down';
export type Health = {
  status: 'healthy' | 'degraded' | 'unhealthy';
  database: 'connected' | 'disconnected';
  blockchain: 'connected' | 'disconnected' | 'not_configured';
  services: { kyc: Check; email: Check; ipfs: Check };
};

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);
}

async function emailCheck(): Promise<Check> {
  // Mail waiting more than ten minutes means delivery is stuck.
  const age = await oldestPendingEmailAgeSeconds();
  return age !== null && age > 600 ? 'degraded' : 'operational';
}

async function storageCheck(): Promise<Check> {
  const dir = path.resolve(getConfig().DATA_DIR, 'files');
  await mkdir(dir, { recursive: true });
  await access(dir, constants.W_OK);
  return 'operational';
}

function kycCheck(): Check {
  const c = getConfig();
  // The built-in manual review always works; a configured provider needs both credentials.
  if ((c.SUMSUB_APP_TOKEN && !c.SUMSUB_SECRET_KEY) || (c.SHUFTI_CLIENT_ID && !c.SHUFTI_SECRET_KEY)) return 'degraded';
  return 'operational';
}

// Probes hit the database, the chain and the disk: one result serves every caller for a
// second, so a burst of health checks cannot turn into a burst of work.
const CACHE_MS = 1000;
let last: { at: number; value: Promise<Health> } | null = null;

export function checkHealth(): Promise<Health> {
  const now = Date.now();
  if (!last || now - last.at > CACHE_MS) last = { at: now, value: runChecks() };
  return last.value;
}

/** Real checks, each bounded in time, in parallel; the database decides healthy or not. */
async function runChecks(): Promise<Health> {
  const rpc = getConfig().RPC_URL;
  const [db, chain, email, ipfs, lag] = await Promise.all([
    withTimeout(pingDatabase().then(() => true), 2000, false),
    rpc ? withTimeout(checkChainHealth(rpc), 2000, 'disconnected' as const) : Promise.resolve('not_configured' as const),
    withTimeout(emailCheck(), 2000, 'down' as Check),
    withTimeout(storageCheck(), 2000, 'down' as Check),
    withTimeout(indexerLag(), 2000, []),
  ]);
  const services = { kyc: kycCheck(), email: db ? email : 'down', ipfs };
  // A chain indexer far behind its finalized head (or stopped) leaves escrows unconfirmed: degraded.
  // The per-chain figures are in the tenant details (?tenant=) and on the admin overview.
  const degraded = chain === 'disconnected' || Object.values(services).some((s) => s !== 'operational') || lag.some((c) => c.status === 'degraded');
  return {
    status: !db ? 'unhealthy' : degraded ? 'degraded' : 'healthy',
    database: db ? 'connected' : 'disconnected',
    blockchain: chain,
    services,
  };
}
