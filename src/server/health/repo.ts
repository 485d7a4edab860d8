import { sql } from 'kysely';
import { appDb } from '../db/pool';

// Platform-level probes: they read no tenant data, only whether the database answers
// and how far mail delivery lags.
export async function pingDatabase(): Promise<void> {
  await sql`select 1`.execute(appDb());
}

export async function oldestPendingEmailAgeSeconds(): Promise<number | null> {
  const r = await sql<{ age: number | null }>`select extract(epoch from now() - min(created_at))::float8 as age from email_outbox where status = 'pending'`.execute(appDb());
  return r.rows[0]?.age ?? null;
}
