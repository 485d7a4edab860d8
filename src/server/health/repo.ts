import { sql } from 'kysely';
import { appDb, ownerDb } from '../db/pool';

// Platform-level probes: they read no tenant data, only whether the database answers
// and how far mail delivery lags.
export async function pingDatabase(): Promise<void> {
  await sql`select 1`.execute(appDb());
}

/**
 * The mail backlog of the whole platform. Row-level security shows the app role no outbox row
 * without a tenant (so this read through it always found none and reported mail as healthy):
 * it is a platform read on the owner's connection, and it returns one age, no row.
 */
export async function oldestPendingEmailAgeSeconds(): Promise<number | null> {
  const r = await sql<{ age: number | null }>`select extract(epoch from now() - min(created_at))::float8 as age from email_outbox where status = 'pending'`.execute(ownerDb());
  return r.rows[0]?.age ?? null;
}

/** Names of the migrations applied to this database (owner read: the app role cannot see the table). */
export async function appliedMigrationNames(): Promise<Set<string>> {
  const r = await sql<{ name: string }>`select name from pgmigrations`.execute(ownerDb());
  return new Set(r.rows.map((x) => x.name));
}
