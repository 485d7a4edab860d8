import type { TenantTx } from '../db/tenant';

// SQL of the 506(b) purchaser records: the Rule 502(b) disclosure delivered to each investor
// and the purchaser representative each names (0017).

export function disclosuresOf(t: TenantTx, dealId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('offering_disclosures')
    .select(['user_id', 'package_sha256', 'documents', 'delivered_at', 'acknowledged_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('kind', '=', 'rule_502b')
    .where('user_id', 'in', userIds)
    .execute();
}

/** Records a delivery; delivering a changed package again clears the acknowledgement of the old one. */
export async function recordDelivery(t: TenantTx, r: { dealId: string; userId: string; packageSha256: string; documents: unknown; at: Date }) {
  return t.tx
    .insertInto('offering_disclosures')
    .values({ tenant_id: t.tenantId, deal_id: r.dealId, user_id: r.userId, kind: 'rule_502b', package_sha256: r.packageSha256, documents: JSON.stringify(r.documents), delivered_at: r.at, acknowledged_at: null })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'deal_id', 'user_id', 'kind']).doUpdateSet((eb) => ({
        package_sha256: eb.ref('excluded.package_sha256'),
        documents: eb.ref('excluded.documents'),
        delivered_at: eb.ref('excluded.delivered_at'),
        acknowledged_at: null,
      })).where('offering_disclosures.package_sha256', '<>', r.packageSha256),
    )
    .execute();
}

/** Acknowledges the delivery of exactly this package; 0 when it was not delivered. */
export async function acknowledgeDelivery(t: TenantTx, r: { dealId: string; userId: string; packageSha256: string; at: Date }): Promise<number> {
  const res = await t.tx
    .updateTable('offering_disclosures')
    .set({ acknowledged_at: r.at })
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', r.dealId)
    .where('user_id', '=', r.userId)
    .where('kind', '=', 'rule_502b')
    .where('package_sha256', '=', r.packageSha256)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export function representativesOf(t: TenantTx, dealId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('purchaser_representatives')
    .select(['user_id', 'name', 'acknowledged_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('user_id', 'in', userIds)
    .execute();
}

export async function upsertRepresentative(t: TenantTx, r: { dealId: string; userId: string; name: string; qualifications: string; materialRelationships: string; at: Date }) {
  const patch = { name: r.name, qualifications: r.qualifications, material_relationships: r.materialRelationships, acknowledged_at: r.at, recorded_at: r.at };
  return t.tx
    .insertInto('purchaser_representatives')
    .values({ tenant_id: t.tenantId, deal_id: r.dealId, user_id: r.userId, ...patch })
    .onConflict((oc) => oc.columns(['tenant_id', 'deal_id', 'user_id']).doUpdateSet(patch))
    .returning(['name', 'acknowledged_at'])
    .executeTakeFirstOrThrow();
}
