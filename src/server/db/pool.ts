import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { getConfig } from '../config';
import type { Database } from './types';
import { appDatabaseUrl, indexerDatabaseUrl, ownerDatabaseUrl } from './urls';

// One pool per role per process. Kept on globalThis so Next.js dev reloads reuse it.
type Pools = { app?: Kysely<Database>; owner?: Kysely<Database>; indexer?: Kysely<Database> };
const pools: Pools = ((globalThis as { __cdpPools?: Pools }).__cdpPools ??= {});

function createDb(connectionString: string, max: number): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the process; the pool drops it.
  pool.on('error', () => {});
  // Nor a checked-out one: a transaction waiting on something else (a chain call inside an
  // indexer batch) when the server goes away (Ctrl-C reaches PostgreSQL with the rest of the
  // process group) has no query to reject, so node-postgres emits 'error' on the client itself;
  // its next query fails and the transaction rolls back as usual.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** The application role's pool. Only src/server/db uses it directly (withTenant, withPlatformRead). */
export function appDb(): Kysely<Database> {
  const config = getConfig();
  pools.app ??= createDb(appDatabaseUrl(config), config.DB_POOL_MAX);
  return pools.app;
}

/** The owner's pool: migrations, seed and the audited platform path only. */
export function ownerDb(): Kysely<Database> {
  pools.owner ??= createDb(ownerDatabaseUrl(getConfig()), 4);
  return pools.owner;
}

/** The chain indexer's pool (src/server/db/indexer.ts only). */
export function indexerDb(): Kysely<Database> {
  pools.indexer ??= createDb(indexerDatabaseUrl(getConfig()), 4);
  return pools.indexer;
}

export async function closePools(): Promise<void> {
  const { app, owner, indexer } = pools;
  pools.app = undefined;
  pools.owner = undefined;
  pools.indexer = undefined;
  await Promise.all([app?.destroy(), owner?.destroy(), indexer?.destroy()]);
}
