import type { TenantTx } from '../db/tenant';
import type { PurchaserCountingKind } from '../db/types';
import type { CountingDeclaration } from './rules/purchaser-count-501e';

// SQL of the Rule 501(e) counting declarations (0035).

export async function countingDeclarationsOf(t: TenantTx, userIds: string[]): Promise<Map<string, CountingDeclaration>> {
  if (userIds.length === 0) return new Map();
  const rows = await t.tx
    .selectFrom('purchaser_counting_declarations')
    .select(['user_id', 'kind', 'counted_with_user_id', 'non_accredited_owners'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', 'in', userIds)
    .execute();
  return new Map(rows.map((r) => [r.user_id, { kind: r.kind, countedWith: r.counted_with_user_id, nonAccreditedOwners: r.non_accredited_owners }]));
}

export function declarationOf(t: TenantTx, userId: string) {
  return t.tx
    .selectFrom('purchaser_counting_declarations as d')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.counted_with_user_id'))
    .select(['d.kind', 'd.counted_with_user_id', 'u.email as counted_with_email', 'd.relationship', 'd.ownership_percent', 'd.non_accredited_owners', 'd.statement', 'd.recorded_by', 'd.recorded_role', 'd.recorded_at'])
    .where('d.tenant_id', '=', t.tenantId)
    .where('d.user_id', '=', userId)
    .executeTakeFirst();
}

/** Whether anybody counts as one with this user (a household member or a controlled entity of theirs). */
export async function someoneCountsWith(t: TenantTx, userId: string): Promise<boolean> {
  return !!(await t.tx.selectFrom('purchaser_counting_declarations').select('user_id').where('tenant_id', '=', t.tenantId).where('counted_with_user_id', '=', userId).limit(1).executeTakeFirst());
}

export async function upsertDeclaration(
  t: TenantTx,
  r: { userId: string; kind: PurchaserCountingKind; countedWith: string | null; relationship: 'spouse' | 'relative' | 'spouse_relative' | null; ownershipPercent: number | null; nonAccreditedOwners: number | null; statement: string; recordedBy: string; recordedRole: string; at: Date },
) {
  const values = {
    kind: r.kind,
    counted_with_user_id: r.countedWith,
    relationship: r.relationship,
    ownership_percent: r.ownershipPercent,
    non_accredited_owners: r.nonAccreditedOwners,
    statement: r.statement,
    recorded_by: r.recordedBy,
    recorded_role: r.recordedRole,
    recorded_at: r.at,
  };
  await t.tx
    .insertInto('purchaser_counting_declarations')
    .values({ tenant_id: t.tenantId, user_id: r.userId, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(values))
    .execute();
}

export async function deleteDeclaration(t: TenantTx, userId: string): Promise<number> {
  const r = await t.tx.deleteFrom('purchaser_counting_declarations').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function memberById(t: TenantTx, id: string) {
  return t.tx.selectFrom('users').select(['id', 'email']).where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}
