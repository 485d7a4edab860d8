import path from 'node:path';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import { APP_ROLE, INDEXER_ROLE, LIMITER_ROLE } from './urls';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../db/migrations');

/**
 * The app role (and the rate limiter's and the chain indexer's roles) must exist before migrations grant them
 * anything. Login roles that are neither superuser nor owner and cannot bypass RLS; their
 * password follows the config.
 */
async function ensureAppRole(ownerUrl: string, appPassword: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Roles are cluster-wide; concurrent starts on one cluster must not race to create it.
    await client.query('select pg_advisory_lock(7241865325823965)');
    const password = (await client.query('select quote_literal($1) as q', [appPassword])).rows[0].q as string;
    for (const role of [APP_ROLE, LIMITER_ROLE, INDEXER_ROLE]) {
      const { rows } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
      const verb = rows.length === 0 ? 'create' : 'alter';
      await client.query(`${verb} role ${role} login nosuperuser nobypassrls nocreatedb nocreaterole password ${password}`);
    }
  } finally {
    await client.query('select pg_advisory_unlock(7241865325823965)').catch(() => {});
    await client.end();
  }
}

const quiet = (log?: (m: string) => void) => (m: string) => {
  if (!m.startsWith("Can't determine timestamp")) log?.(m);
};

export async function migrate(opts: { ownerUrl: string; appPassword: string; log?: (m: string) => void }): Promise<string[]> {
  await ensureAppRole(opts.ownerUrl, opts.appPassword);
  const applied = await runner({
    databaseUrl: opts.ownerUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    count: Infinity,
    // Parallel work may add 0007 before 0006 lands; forward-only files apply in any order.
    checkOrder: false,
    log: () => {},
    // Numbered (not timestamped) file names are intended; node-pg-migrate reports them as errors.
    logger: { debug: () => {}, info: () => {}, warn: quiet(opts.log), error: quiet(opts.log) },
  });
  return applied.map((m) => m.name);
}
