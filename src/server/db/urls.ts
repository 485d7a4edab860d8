import { userInfo } from 'node:os';
import type { Config } from '../config';

export const APP_ROLE = 'cdp_app';
/** Rate-limit counters only (schema `limits`), so no tenant context can read or reset them. */
export const LIMITER_ROLE = 'cdp_limiter';
/** The chain indexer: the app's rights plus deleting the chain rows a reorg rewinds (0030_chain_indexer.sql). */
export const INDEXER_ROLE = 'cdp_indexer';

/** The owner connection: migrations, seed and the audited platform path. */
export function ownerDatabaseUrl(config: Config): string {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded database)');
  // libpq defaults a missing user name to the OS user; node-postgres needs it spelled out.
  const url = new URL(config.DATABASE_URL);
  if (!url.username) url.username = process.env.PGUSER || userInfo().username;
  return url.toString();
}

/**
 * The application's connection: the same server and database as the owner's, as a
 * role that owns no table and cannot bypass row-level security.
 */
export function appDatabaseUrl(config: Config): string {
  if (config.APP_DATABASE_URL) return config.APP_DATABASE_URL;
  const url = new URL(ownerDatabaseUrl(config));
  url.username = APP_ROLE;
  url.password = config.APP_DB_PASSWORD;
  return url.toString();
}

/** The change feed's LISTEN connection (tenancy/change-feed.ts): never through a transaction-mode pooler. */
export function listenDatabaseUrl(config: Config): string {
  return config.LISTEN_DATABASE_URL ?? appDatabaseUrl(config);
}

/** The rate limiter's connection: the app's server and password, as the limiter's own role. */
export function limiterDatabaseUrl(config: Config): string {
  const url = new URL(appDatabaseUrl(config));
  url.username = LIMITER_ROLE;
  return url.toString();
}

/** The chain indexer's connection: the app's server and password, as the indexer's own role. */
export function indexerDatabaseUrl(config: Config): string {
  const url = new URL(appDatabaseUrl(config));
  url.username = INDEXER_ROLE;
  return url.toString();
}
