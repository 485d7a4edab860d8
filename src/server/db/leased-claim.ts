// The delivery queues platform workers drain across tenants (mail, Telegram messages, outgoing
// webhooks) share one claim: the due rows are locked (`for update of <queue> skip locked`, so two
// workers never take the same row) and leased for `leaseMs` in one transaction. Until the lease
// runs out no other worker takes them; after it (the worker died mid-send) they are due again.
// Rows waiting out a retry backoff (next_attempt_at in the future) are not due. `tenantIds`
// restricts a worker to some tenants (a dedicated deliverer for a large community; tests on a
// shared database). A claim spans tenants by design (multi-shard on Citus: docs/architecture.md).
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from './types';

export type LeasedQueue = 'email_outbox' | 'notification_outbox' | 'webhook_deliveries';

/** Matches no tenant: a worker restricted to an empty list claims nothing. */
const NO_TENANT = '00000000-0000-0000-0000-000000000000';

/**
 * Claims up to `limit` due rows of `queue` (referred to as `alias` in the read), oldest due first,
 * and counts the attempt on each. `read` starts the statement: the queue, its joins and the columns
 * the worker needs, which must include tenant_id, id and attempts; the claim adds the rest.
 */
export async function claimLeased<R extends { tenant_id: string; id: string; attempts: number }>(
  db: Kysely<Database>,
  queue: { table: LeasedQueue; alias: string },
  // The read's tables differ per queue; its row type R is what the claim relies on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  read: (tx: Transaction<Database>) => SelectQueryBuilder<any, any, R>,
  opts: { limit: number; leaseMs: number; tenantIds?: string[] },
): Promise<R[]> {
  const col = (c: string) => sql.ref(`${queue.alias}.${c}`);
  return db.transaction().execute(async (tx) => {
    let q = read(tx);
    if (opts.tenantIds) q = q.where(col('tenant_id'), 'in', opts.tenantIds.length ? opts.tenantIds : [NO_TENANT]);
    const rows = await q
      .where(col('status'), '=', 'pending')
      .where((eb) => eb.or([eb(col('claimed_until'), 'is', null), eb(col('claimed_until'), '<', sql<Date>`now()`)]))
      .where(sql<boolean>`coalesce(${col('next_attempt_at')}, ${col('created_at')}) <= now()`)
      .orderBy(sql`coalesce(${col('next_attempt_at')}, ${col('created_at')})`)
      .limit(opts.limit)
      .forUpdate(queue.alias)
      .skipLocked()
      .execute();
    if (rows.length)
      await sql`
        update ${sql.table(queue.table)}
        set attempts = attempts + 1, claimed_until = now() + make_interval(secs => ${opts.leaseMs / 1000})
        where tenant_id = any(${[...new Set(rows.map((r) => r.tenant_id))]}::uuid[]) and id = any(${rows.map((r) => r.id)}::uuid[])`.execute(tx);
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}
