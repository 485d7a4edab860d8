import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';

/**
 * A benchmark's own embedded PostgreSQL, migrated, in a fresh data/<name> folder, with the
 * environment the server modules read (keys made up for the run). Import server modules only
 * after this resolves: they read DATABASE_URL and the keys when first used.
 */
export async function startBenchDatabase(name: string, port: number, database: string) {
  const dataDir = path.resolve('data', name);
  rmSync(dataDir, { recursive: true, force: true });
  Object.assign(process.env, {
    NODE_ENV: 'test',
    APP_ENV: 'local',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    JWT_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  });
  const { startEmbeddedPostgres } = await import('../../src/server/db/embedded');
  const { migrate } = await import('../../src/server/db/migrate');
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port, database, log: () => {} });
  process.env.DATABASE_URL = embedded.url;
  const { resetConfigCache, getConfig } = await import('../../src/server/config');
  resetConfigCache();
  await migrate({ ownerUrl: embedded.url, appPassword: getConfig().APP_DB_PASSWORD });
  return { dataDir, embedded };
}
