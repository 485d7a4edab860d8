import { sql, type Kysely } from 'kysely';
import { indexerDb } from './pool';
import type { TenantTx } from './tenant';
import type { Database } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One chain batch's transaction, as the indexer's role (cdp_indexer). The platform tables
 * (cursor, blocks, raw events) are reached through `tx`; tenant rows only inside
 * `asTenant`, which sets app.tenant_id transaction-locally for the callback and clears it
 * after, so RLS holds each event's effects to the tenant the chain attributes it to.
 */
export type IndexerTx = {
  tx: Kysely<Database>;
  asTenant: <T>(tenantId: string, fn: (t: TenantTx) => Promise<T>) => Promise<T>;
};

export async function withIndexer<T>(fn: (ix: IndexerTx) => Promise<T>): Promise<T> {
  return indexerDb()
    .connection()
    .execute(async (conn) => {
      await sql.raw('begin').execute(conn);
      const asTenant = async <R>(tenantId: string, inner: (t: TenantTx) => Promise<R>): Promise<R> => {
        if (!UUID.test(tenantId)) throw new Error('asTenant: tenantId must be a UUID');
        await sql.raw(`select set_config('app.tenant_id', '${tenantId}', true), set_config('app.user_id', '', true)`).execute(conn);
        try {
          return await inner({ tx: conn, tenantId, userId: null });
        } finally {
          // After a failed statement the transaction is aborted and rolls back anyway.
          await sql.raw(`select set_config('app.tenant_id', '', true)`).execute(conn).catch(() => {});
        }
      };
      let result: T;
      try {
        result = await fn({ tx: conn, asTenant });
      } catch (err) {
        await sql.raw('rollback').execute(conn).catch(() => {});
        throw err;
      }
      await sql.raw('commit').execute(conn);
      return result;
    });
}

/** Reads outside a batch (lag, cursor) as the indexer's role. */
export async function indexerRead<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return fn(indexerDb());
}
