import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { DealVisibility } from '../db/types';

// SQL of deals in groups: who may see a deal, a group's deals, pre-commitments and the
// commitments the issuer sees per deal.

/**
 * What a signed-in viewer may see beyond public deals, in one read: whether they are a verified
 * investor of the tenant (KYC passed: level standard or above; an email
 * confirmation alone gives basic) and the groups whose member-only
 * deals they may see (active memberships, and the group of the issuer they are).
 */
export async function audienceOf(t: TenantTx, userId: string): Promise<{ verified: boolean; groupIds: string[] }> {
  const r = await sql<{ verified: boolean | null; group_ids: string[] | null }>`
    select (select pr.verification_level in ('standard', 'enhanced', 'accredited') from profiles pr where pr.tenant_id = ${t.tenantId} and pr.user_id = ${userId}) as verified,
           array(select m.group_id from group_memberships m where m.tenant_id = ${t.tenantId} and m.user_id = ${userId} and m.status = 'active'
                 union
                 select g.id from investment_groups g join issuers i on i.tenant_id = g.tenant_id and i.id = g.issuer_id
                  where g.tenant_id = ${t.tenantId} and i.user_id = ${userId}
                 order by 1) as group_ids`.execute(t.tx);
  const row = r.rows[0]!;
  return { verified: row.verified === true, groupIds: row.group_ids ?? [] };
}

/** The issuer's deals with their audience, for the issuer's group page. */
export async function audiencesOfIssuerDeals(t: TenantTx, issuerId: string) {
  return t.tx
    .selectFrom('deals as d')
    .leftJoin('group_deals as gd', (j) => j.onRef('gd.tenant_id', '=', 'd.tenant_id').onRef('gd.deal_id', '=', 'd.id'))
    .select(['d.id', 'd.title', 'd.status', 'd.visibility', 'gd.group_id'])
    .where('d.tenant_id', '=', t.tenantId)
    .where('d.issuer_id', '=', issuerId)
    .where('d.status', 'not in', ['cancelled', 'archived'])
    .orderBy('d.created_at', 'desc')
    .limit(200)
    .execute();
}

export async function groupOfDeal(t: TenantTx, dealId: string): Promise<string | null> {
  const r = await t.tx.selectFrom('group_deals').select('group_id').where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).executeTakeFirst();
  return r?.group_id ?? null;
}

/** Sets the deal's audience; for 'group', the one group it belongs to (the deal's row is locked). */
export async function setDealAudience(t: TenantTx, dealId: string, visibility: DealVisibility, group: { id: string; by: string } | null): Promise<void> {
  await t.tx.selectFrom('deals').select('id').where('tenant_id', '=', t.tenantId).where('id', '=', dealId).forNoKeyUpdate().execute();
  await t.tx.deleteFrom('group_deals').where('tenant_id', '=', t.tenantId).where('deal_id', '=', dealId).execute();
  if (group) await t.tx.insertInto('group_deals').values({ tenant_id: t.tenantId, deal_id: dealId, group_id: group.id, added_by: group.by }).execute();
  await t.tx.updateTable('deals').set({ visibility, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('id', '=', dealId).execute();
}

/** The group's deals in the given statuses, newest first, with the viewer's pre-commitment. */
export async function dealsOfGroup(t: TenantTx, groupId: string, statuses: string[], viewerId: string | null) {
  return t.tx
    .selectFrom('group_deals as gd')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'gd.tenant_id').onRef('d.id', '=', 'gd.deal_id'))
    .leftJoin('group_pre_commitments as pc', (j) =>
      j.onRef('pc.tenant_id', '=', 'gd.tenant_id').onRef('pc.deal_id', '=', 'gd.deal_id').on('pc.user_id', '=', viewerId ?? '00000000-0000-0000-0000-000000000000').on('pc.status', '=', 'indicated'),
    )
    .select([
      'd.id',
      'd.slug',
      'd.title',
      'd.summary',
      'd.status',
      'd.currency',
      'd.currency_decimals',
      'd.target_amount',
      'd.min_ticket',
      'd.confirmed_amount',
      'd.investor_count',
      'd.starts_at',
      'd.ends_at',
      'gd.added_at',
      'pc.amount as my_pre_commitment',
    ])
    .where('gd.tenant_id', '=', t.tenantId)
    .where('gd.group_id', '=', groupId)
    .where('d.status', 'in', statuses as never[])
    .orderBy('gd.added_at', 'desc')
    .limit(200)
    .execute();
}

/** Recent updates posted on the group's deals. */
export async function updatesOfGroupDeals(t: TenantTx, groupId: string, statuses: string[]) {
  return t.tx
    .selectFrom('deal_updates as u')
    .innerJoin('group_deals as gd', (j) => j.onRef('gd.tenant_id', '=', 'u.tenant_id').onRef('gd.deal_id', '=', 'u.deal_id'))
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'u.tenant_id').onRef('d.id', '=', 'u.deal_id'))
    .select(['u.id', 'u.deal_id', 'd.title as deal_title', 'u.title', 'u.published_at'])
    .where('u.tenant_id', '=', t.tenantId)
    .where('gd.group_id', '=', groupId)
    .where('d.status', 'in', statuses as never[])
    .orderBy('u.published_at', 'desc')
    .limit(20)
    .execute();
}

// ---------------------------------------------------------------- pre-commitments

export async function upsertPreCommitment(t: TenantTx, p: { dealId: string; userId: string; groupId: string; amount: bigint }): Promise<void> {
  await t.tx
    .insertInto('group_pre_commitments')
    .values({ tenant_id: t.tenantId, deal_id: p.dealId, user_id: p.userId, group_id: p.groupId, amount: p.amount })
    .onConflict((oc) => oc.columns(['tenant_id', 'deal_id', 'user_id']).doUpdateSet({ amount: p.amount, status: 'indicated', group_id: p.groupId, updated_at: new Date() }))
    .execute();
}

export async function withdrawPreCommitment(t: TenantTx, dealId: string, userId: string): Promise<boolean> {
  const r = await t.tx
    .updateTable('group_pre_commitments')
    .set({ status: 'withdrawn', updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('user_id', '=', userId)
    .where('status', '=', 'indicated')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Pre-committers of a deal not told yet that it opened, marked told in the same statement. */
export async function takeUnnotifiedPreCommitters(t: TenantTx, dealId: string) {
  return t.tx
    .updateTable('group_pre_commitments as pc')
    .from('users as u')
    .set({ notified_at: new Date() })
    .whereRef('u.tenant_id', '=', 'pc.tenant_id')
    .whereRef('u.id', '=', 'pc.user_id')
    .where('pc.tenant_id', '=', t.tenantId)
    .where('pc.deal_id', '=', dealId)
    .where('pc.status', '=', 'indicated')
    .where('pc.notified_at', 'is', null)
    .returning(['pc.user_id', 'pc.amount', 'u.email'])
    .execute();
}

/** Demand and money per group deal: pre-commitments, and investments that are live or confirmed. */
export async function commitmentsPerDeal(t: TenantTx, groupId: string) {
  return t.tx
    .selectFrom('group_deals as gd')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'gd.tenant_id').onRef('d.id', '=', 'gd.deal_id'))
    .select([
      'd.id',
      'd.title',
      'd.status',
      'd.currency',
      'd.currency_decimals',
      'd.target_amount',
      sql<string>`(select coalesce(sum(pc.amount), 0) from group_pre_commitments pc where pc.tenant_id = gd.tenant_id and pc.deal_id = gd.deal_id and pc.status = 'indicated')`.as('pre_committed'),
      sql<number>`(select count(*)::int from group_pre_commitments pc where pc.tenant_id = gd.tenant_id and pc.deal_id = gd.deal_id and pc.status = 'indicated')`.as('pre_committers'),
      sql<string>`(select coalesce(sum(v.amount), 0) from investments v where v.tenant_id = gd.tenant_id and v.deal_id = gd.deal_id and v.status not in ('cancelled', 'refunded'))`.as('invested'),
      sql<number>`(select count(distinct v.investor_id)::int from investments v where v.tenant_id = gd.tenant_id and v.deal_id = gd.deal_id and v.status not in ('cancelled', 'refunded'))`.as('investors'),
    ])
    .where('gd.tenant_id', '=', t.tenantId)
    .where('gd.group_id', '=', groupId)
    .orderBy('gd.added_at', 'desc')
    .execute();
}

/** One member's pre-commitments and investments in the group's deals. */
export async function commitmentsOfMember(t: TenantTx, groupId: string, userId: string) {
  const [pre, invested] = await Promise.all([
    t.tx
      .selectFrom('group_pre_commitments as pc')
      .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'pc.tenant_id').onRef('d.id', '=', 'pc.deal_id'))
      .select(['pc.deal_id', 'd.title', 'pc.amount', 'd.currency', 'd.currency_decimals', 'pc.updated_at'])
      .where('pc.tenant_id', '=', t.tenantId)
      .where('pc.group_id', '=', groupId)
      .where('pc.user_id', '=', userId)
      .where('pc.status', '=', 'indicated')
      .execute(),
    t.tx
      .selectFrom('investments as v')
      .innerJoin('group_deals as gd', (j) => j.onRef('gd.tenant_id', '=', 'v.tenant_id').onRef('gd.deal_id', '=', 'v.deal_id'))
      .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.deal_id'))
      .select(['v.id', 'v.deal_id', 'd.title', 'v.amount', 'v.currency', 'v.currency_decimals', 'v.status', 'v.created_at'])
      .where('v.tenant_id', '=', t.tenantId)
      .where('gd.group_id', '=', groupId)
      .where('v.investor_id', '=', userId)
      .orderBy('v.created_at', 'desc')
      .execute(),
  ]);
  return { pre, invested };
}
