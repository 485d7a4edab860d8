import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { DealStatus } from '../db/types';

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

// ---------------------------------------------------------------- pre-existing relationships (230.502(c))

const REGIMES_506B = sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_d_506b'`;

/**
 * The user's relationship with each 506(b) deal (or the one asked for): invited to it, or a
 * KYC-verified member who joined before the offering opened (the earlier of its start and its
 * approval, when it became visible).
 */
export function relationships506b(t: TenantTx, userId: string, f: { dealId?: string; statuses?: DealStatus[] }) {
  return t.tx
    .selectFrom('deals as d')
    .select([
      'd.id',
      sql<boolean>`exists (select from deal_invitations i where i.tenant_id = d.tenant_id and i.deal_id = d.id and i.user_id = ${userId})`.as('invited'),
      sql<boolean>`exists (select from users u join profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id
                            where u.tenant_id = d.tenant_id and u.id = ${userId} and p.kyc_status = 'approved'
                              and u.created_at < least(d.starts_at, d.approved_at))`.as('member_before'),
    ])
    .where('d.tenant_id', '=', t.tenantId)
    .where(REGIMES_506B)
    .$if(f.dealId !== undefined, (q) => q.where('d.id', '=', f.dealId!))
    .$if(f.statuses !== undefined, (q) => q.where('d.status', 'in', f.statuses!))
    .execute();
}

export async function insertInvitation(t: TenantTx, r: { dealId: string; userId: string; invitedBy: string; note: string | null }) {
  const row = await t.tx
    .insertInto('deal_invitations')
    .values({ tenant_id: t.tenantId, deal_id: r.dealId, user_id: r.userId, invited_by: r.invitedBy, note: r.note })
    .onConflict((oc) => oc.columns(['tenant_id', 'deal_id', 'user_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

export function invitationsOf(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deal_invitations as i')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.user_id'))
    .select(['i.user_id', 'u.email', 'i.invited_by', 'i.note', 'i.invited_at'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .orderBy('i.invited_at')
    .execute();
}

export function findUserIdByEmail(t: TenantTx, email: string) {
  return t.tx.selectFrom('users').select('id').where('tenant_id', '=', t.tenantId).where('email', '=', email).executeTakeFirst();
}

/** For one 506(b) deal and several users: invited, or a verified member who joined before the offering opened (as relationships506b). */
export function relationshipsToDeal(t: TenantTx, dealId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return t.tx
    .selectFrom('users as u')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'u.tenant_id'))
    .leftJoin('profiles as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .select([
      'u.id as user_id',
      sql<boolean>`exists (select from deal_invitations i where i.tenant_id = d.tenant_id and i.deal_id = d.id and i.user_id = u.id)`.as('invited'),
      sql<boolean>`coalesce(p.kyc_status = 'approved' and u.created_at < least(d.starts_at, d.approved_at), false)`.as('member_before'),
    ])
    .where('u.tenant_id', '=', t.tenantId)
    .where('d.id', '=', dealId)
    .where('u.id', 'in', userIds)
    .execute();
}
