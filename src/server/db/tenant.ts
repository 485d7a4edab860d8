import { sql, type Kysely, type Transaction } from 'kysely';
import { appDb } from './pool';
import type { Database } from './types';

export type Actor = { userId: string | null };

/** What a repository receives: the transaction and the tenant it is bound to. */
export type TenantTx = { tx: Kysely<Database>; tenantId: string; userId: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The only door to tenant data: one transaction whose app.tenant_id / app.user_id are set
 * transaction-locally (set_config(..., true)), so a pooled connection never carries a
 * tenant past its transaction. RLS enforces the rest.
 *
 * BEGIN and the two set_config calls travel as one simple-protocol message: the ids are
 * validated UUIDs, so they are inlined as literals, and the tenant context costs no extra
 * round trip per request.
 */
export async function withTenant<T>(tenantId: string, actor: Actor | null, fn: (t: TenantTx) => Promise<T>): Promise<T> {
  if (!UUID.test(tenantId)) throw new Error('withTenant: tenantId must be a UUID');
  const userId = actor?.userId ?? null;
  if (userId !== null && !UUID.test(userId)) throw new Error('withTenant: actor.userId must be a UUID');
  return appDb()
    .connection()
    .execute(async (conn) => {
      await sql.raw(`begin; select set_config('app.tenant_id', '${tenantId}', true), set_config('app.user_id', '${userId ?? ''}', true)`).execute(conn);
      let result: T;
      try {
        result = await fn({ tx: conn, tenantId, userId });
      } catch (err) {
        await sql.raw('rollback').execute(conn).catch(() => {});
        throw err;
      }
      await sql.raw('commit').execute(conn);
      return result;
    });
}

/**
 * Reads of platform reference data (tenants, domain aliases) that the app role may see
 * without a tenant: used by the tenant resolver before any tenant is known.
 */
export async function withPlatformRead<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return appDb().transaction().execute(fn);
}
