import path from 'node:path';
import { resetConfigCache, type Config } from '../src/server/config';
import { ownerDatabaseUrl } from '../src/server/db/urls';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/db/embedded';

export type DatabaseHandle = { ownerUrl: string; embedded: EmbeddedDatabase | null };

/** DATABASE_URL when set; otherwise the embedded PostgreSQL with its data under DATA_DIR/pg. */
export async function openDatabase(config: Config, log: (m: string) => void = console.log): Promise<DatabaseHandle> {
  if (config.DATABASE_URL) return { ownerUrl: ownerDatabaseUrl(config), embedded: null };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.DATA_DIR, 'pg'),
    port: config.EMBEDDED_PG_PORT,
    database: 'community_deals',
    log,
  });
  // Everything later in this process (pools, child processes) reads DATABASE_URL.
  process.env.DATABASE_URL = embedded.url;
  resetConfigCache();
  return { ownerUrl: embedded.url, embedded };
}

export async function withDatabase(config: Config, fn: (ownerUrl: string) => Promise<void>): Promise<void> {
  const db = await openDatabase(config);
  try {
    await fn(db.ownerUrl);
  } finally {
    await db.embedded?.stop();
  }
}
