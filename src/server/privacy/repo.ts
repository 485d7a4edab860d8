import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';

export async function insertErasureRequest(t: TenantTx, r: { userId: string; requestedBy: string; reason: string | null; dueAt: Date }) {
  return t.tx
    .insertInto('member_erasure_requests')
    .values({ tenant_id: t.tenantId, id: uuidv7(), user_id: r.userId, requested_by: r.requestedBy, reason: r.reason, due_at: r.dueAt })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).where('status', '=', 'scheduled').doNothing())
    .returning(['id', 'due_at', 'status'])
    .executeTakeFirst();
}

export function openErasureRequest(t: TenantTx, userId: string) {
  return t.tx.selectFrom('member_erasure_requests').select(['id', 'due_at', 'status', 'created_at']).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('status', '=', 'scheduled').executeTakeFirst();
}

export function dueErasureRequests(t: TenantTx, now: Date) {
  return t.tx
    .selectFrom('member_erasure_requests')
    .select(['id', 'user_id', 'requested_by'])
    .where('tenant_id', '=', t.tenantId)
    .where('status', '=', 'scheduled')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .execute();
}

export async function cancelErasureRequest(t: TenantTx, userId: string): Promise<boolean> {
  const r = await t.tx
    .updateTable('member_erasure_requests')
    .set({ status: 'cancelled', done_at: sql`now()` })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function memberExists(t: TenantTx, userId: string): Promise<boolean> {
  return !!(await t.tx.selectFrom('users').select('id').where('tenant_id', '=', t.tenantId).where('id', '=', userId).executeTakeFirst());
}
