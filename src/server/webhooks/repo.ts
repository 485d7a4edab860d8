import { sql, type Kysely } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { claimLeased } from '../db/leased-claim';
import type { Database } from '../db/types';
import { uuidv7 } from '../ids';

export async function insertEndpoint(t: TenantTx, e: { id: string; url: string; description: string | null; secretSealed: string; eventTypes: string[]; createdBy: string }) {
  await t.tx
    .insertInto('webhook_endpoints')
    .values({ tenant_id: t.tenantId, id: e.id, url: e.url, description: e.description, secret_sealed: e.secretSealed, event_types: e.eventTypes, created_by: e.createdBy })
    .execute();
}

export async function listEndpoints(t: TenantTx) {
  return t.tx
    .selectFrom('webhook_endpoints')
    .select(['id', 'url', 'description', 'event_types', 'enabled', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .orderBy('created_at')
    .execute();
}

export async function findEndpoint(t: TenantTx, id: string) {
  return t.tx.selectFrom('webhook_endpoints').select(['id', 'url', 'enabled']).where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}

export async function deleteEndpoint(t: TenantTx, id: string): Promise<boolean> {
  const r = await t.tx.deleteFrom('webhook_endpoints').where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Enabled endpoints of the tenant that take any of these event types. */
export async function endpointsFor(t: TenantTx, types: string[]) {
  return t.tx
    .selectFrom('webhook_endpoints')
    .select(['id', 'event_types'])
    .where('tenant_id', '=', t.tenantId)
    .where('enabled', '=', true)
    .where((eb) => eb.or([sql<boolean>`cardinality(event_types) = 0`, sql<boolean>`event_types && ${sql.val(types)}::text[]`]))
    .execute();
}

export type DeliveryInsert = { endpointId: string; eventType: string; eventKey: string; payload: string };

/** One delivery per (endpoint, event); the same event queued twice is one delivery. */
export async function insertDeliveries(t: TenantTx, rows: DeliveryInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await t.tx
    .insertInto('webhook_deliveries')
    .values(rows.map((r) => ({ tenant_id: t.tenantId, id: uuidv7(), endpoint_id: r.endpointId, event_type: r.eventType, event_key: r.eventKey, payload: r.payload })))
    .onConflict((oc) => oc.columns(['tenant_id', 'endpoint_id', 'event_key']).doNothing())
    .execute();
}

export async function listDeliveries(t: TenantTx, endpointId: string, limit: number) {
  return t.tx
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_type', 'status', 'attempts', 'last_status_code', 'last_error', 'created_at', 'delivered_at', 'next_attempt_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

// The sender is platform-level (every tenant, as the owner), like the mail deliverer: a claim
// leases rows so two senders never post the same delivery at once; after a crash the lease
// runs out and the delivery is due again (the receiver dedupes on webhook-id).
export function claimDueDeliveries(db: Kysely<Database>, limit: number, leaseMs: number, tenantIds?: string[]) {
  return claimLeased(
    db,
    { table: 'webhook_deliveries', alias: 'd' },
    (tx) =>
      tx
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', (j) => j.onRef('e.tenant_id', '=', 'd.tenant_id').onRef('e.id', '=', 'd.endpoint_id'))
        .select(['d.tenant_id', 'd.id', 'd.endpoint_id', 'd.payload', 'd.attempts', 'd.event_type', 'e.url', 'e.secret_sealed']),
    { limit, leaseMs, tenantIds },
  );
}

export type DeliveryResult = { ok: true; status: number } | { ok: false; status: number | null; error: string; retryAt: Date | null };

export async function markDelivery(db: Kysely<Database>, tenantId: string, id: string, r: DeliveryResult) {
  const set = r.ok
    ? { status: 'delivered' as const, delivered_at: new Date(), last_status_code: r.status, last_error: null, claimed_until: null }
    : { status: r.retryAt ? ('pending' as const) : ('failed' as const), last_status_code: r.status, last_error: r.error.slice(0, 500), claimed_until: null, next_attempt_at: r.retryAt };
  await db.updateTable('webhook_deliveries').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
