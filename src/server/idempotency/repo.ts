import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../db/types';
import type { TenantTx } from '../db/tenant';

export type KeyScope = { actorId: string; endpoint: string; key: string };

// A 'running' row older than this belongs to a request that died; a retry may take it over.
const ABANDONED_AFTER = '5 minutes';

/** The row of this tenant, actor, endpoint and key. */
function sameKey(t: TenantTx, s: KeyScope) {
  return (eb: ExpressionBuilder<Database, 'idempotency_keys'>) =>
    eb.and([eb('tenant_id', '=', t.tenantId), eb('actor_id', '=', s.actorId), eb('endpoint', '=', s.endpoint), eb('key', '=', s.key)]);
}

/** Claims the key for this request; on conflict returns the existing row instead. */
export async function claimKey(t: TenantTx, s: KeyScope, requestHash: string) {
  await t.tx
    .deleteFrom('idempotency_keys')
    .where(sameKey(t, s))
    .where((eb) => eb.or([eb('expires_at', '<', sql<Date>`now()`), eb.and([eb('state', '=', 'running'), eb('created_at', '<', sql<Date>`now() - ${ABANDONED_AFTER}::interval`)])]))
    .execute();
  const claimed = await t.tx
    .insertInto('idempotency_keys')
    .values({ tenant_id: t.tenantId, actor_id: s.actorId, endpoint: s.endpoint, key: s.key, request_hash: requestHash })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return { claimed: true as const };
  const existing = await t.tx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'state', 'response_status', 'response_body'])
    .where(sameKey(t, s))
    .executeTakeFirstOrThrow();
  return { claimed: false as const, existing };
}

export async function storeResponse(t: TenantTx, s: KeyScope, status: number, body: unknown): Promise<void> {
  await t.tx
    .updateTable('idempotency_keys')
    .set({ state: 'completed', response_status: status, response_body: JSON.stringify(body) })
    .where(sameKey(t, s))
    .execute();
}

export async function releaseKey(t: TenantTx, s: KeyScope): Promise<void> {
  await t.tx
    .deleteFrom('idempotency_keys')
    .where(sameKey(t, s))
    .where('state', '=', 'running')
    .execute();
}
