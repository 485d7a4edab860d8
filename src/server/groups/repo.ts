import { sql, type Insertable, type Updateable } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { GroupApplicationStatus, InvestmentGroupsTable } from '../db/types';

// SQL of investment groups, memberships, applications and invitations (deal visibility and
// pre-commitments: repo-deals.ts). Every query names the tenant as well as RLS does.

const groupColumns = [
  'g.id',
  'g.issuer_id',
  'g.slug',
  'g.name',
  'g.description',
  'g.privacy',
  'g.min_verification_level',
  'g.requires_accreditation',
  'g.min_commitment',
  'g.currency',
  'g.currency_decimals',
  'g.capacity',
  'g.questions',
  'g.focus_areas',
  'g.brand_color',
  'g.created_at',
  'g.updated_at',
  'p.display_name as issuer_name',
  'i.user_id as issuer_user_id',
] as const;

const activeMembers = sql<number>`(select count(*)::int from group_memberships m where m.tenant_id = g.tenant_id and m.group_id = g.id and m.status = 'active')`;

function groupQuery(t: TenantTx) {
  return t.tx
    .selectFrom('investment_groups as g')
    .innerJoin('issuers as i', (j) => j.onRef('i.tenant_id', '=', 'g.tenant_id').onRef('i.id', '=', 'g.issuer_id'))
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'g.tenant_id').onRef('p.issuer_id', '=', 'g.issuer_id'))
    .select(groupColumns)
    .select(activeMembers.as('member_count'))
    .where('g.tenant_id', '=', t.tenantId);
}

export type GroupRow = NonNullable<Awaited<ReturnType<typeof findGroup>>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findGroup(t: TenantTx, idOrSlug: string) {
  return groupQuery(t)
    .where(UUID.test(idOrSlug) ? 'g.id' : 'g.slug', '=', idOrSlug)
    .executeTakeFirst();
}

export async function findGroupOfIssuer(t: TenantTx, issuerId: string) {
  return groupQuery(t).where('g.issuer_id', '=', issuerId).executeTakeFirst();
}

/** Public groups, and private ones the viewer belongs to, with the viewer's standing in each. */
export async function listGroupsFor(t: TenantTx, userId: string | null, onlyMine: boolean) {
  const mine = userId
    ? sql<boolean>`exists (select from group_memberships m where m.tenant_id = g.tenant_id and m.group_id = g.id and m.user_id = ${userId} and m.status = 'active')`
    : sql<boolean>`false`;
  let q = groupQuery(t).select(mine.as('is_member'));
  q = onlyMine ? q.where(mine) : q.where((eb) => eb.or([eb('g.privacy', '=', 'public'), mine]));
  return q.orderBy('g.created_at', 'desc').limit(200).execute();
}

/** The group row locked: admissions count its members under this lock, so capacity holds. */
export async function lockGroup(t: TenantTx, groupId: string): Promise<void> {
  await t.tx.selectFrom('investment_groups').select('id').where('tenant_id', '=', t.tenantId).where('id', '=', groupId).forUpdate().execute();
}

export async function insertGroup(t: TenantTx, row: Omit<Insertable<InvestmentGroupsTable>, 'tenant_id'>): Promise<'ok' | 'issuer_has_group' | 'slug_taken'> {
  const r = await t.tx
    .insertInto('investment_groups')
    .values({ ...row, tenant_id: t.tenantId })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (r) return 'ok';
  const other = await t.tx.selectFrom('investment_groups').select('id').where('tenant_id', '=', t.tenantId).where('issuer_id', '=', row.issuer_id).executeTakeFirst();
  return other ? 'issuer_has_group' : 'slug_taken';
}

export async function updateGroup(t: TenantTx, groupId: string, patch: Updateable<InvestmentGroupsTable>): Promise<void> {
  await t.tx
    .updateTable('investment_groups')
    .set({ ...patch, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', groupId)
    .execute();
}

// ---------------------------------------------------------------- memberships

export async function membershipOf(t: TenantTx, groupId: string, userId: string) {
  return t.tx
    .selectFrom('group_memberships')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function countActiveMembers(t: TenantTx, groupId: string): Promise<number> {
  const r = await t.tx
    .selectFrom('group_memberships')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', t.tenantId)
    .where('group_id', '=', groupId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Admits the user (again, after leaving or removal): one row per member and group. */
export async function upsertActiveMembership(t: TenantTx, groupId: string, userId: string, via: 'application' | 'invitation'): Promise<void> {
  await t.tx
    .insertInto('group_memberships')
    .values({ tenant_id: t.tenantId, group_id: groupId, user_id: userId, joined_via: via })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'group_id', 'user_id']).doUpdateSet({ status: 'active', joined_via: via, joined_at: new Date(), ended_at: null, ended_by: null, end_reason: null }),
    )
    .execute();
}

/** Ends an active membership; false when there was none. */
export async function endMembership(t: TenantTx, groupId: string, userId: string, how: { status: 'left' | 'removed'; by: string; reason: string | null }): Promise<boolean> {
  const r = await t.tx
    .updateTable('group_memberships')
    .set({ status: how.status, ended_at: new Date(), ended_by: how.by, end_reason: how.reason })
    .where('tenant_id', '=', t.tenantId)
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listMembers(t: TenantTx, groupId: string) {
  return t.tx
    .selectFrom('group_memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .leftJoin('profiles as pr', (j) => j.onRef('pr.tenant_id', '=', 'm.tenant_id').onRef('pr.user_id', '=', 'm.user_id'))
    .select(['m.user_id', 'm.status', 'm.joined_via', 'm.joined_at', 'm.ended_at', 'm.end_reason', 'u.email', 'u.first_name', 'u.last_name', 'pr.verification_level'])
    .where('m.tenant_id', '=', t.tenantId)
    .where('m.group_id', '=', groupId)
    .orderBy('m.joined_at', 'desc')
    .execute();
}

/** Emails of the group's active members (for notices), optionally without some users. */
export async function activeMemberEmails(t: TenantTx, groupId: string) {
  return t.tx
    .selectFrom('group_memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .select(['m.user_id', 'u.email'])
    .where('m.tenant_id', '=', t.tenantId)
    .where('m.group_id', '=', groupId)
    .where('m.status', '=', 'active')
    .execute();
}

// ---------------------------------------------------------------- applications

export async function insertApplication(
  t: TenantTx,
  a: { id: string; groupId: string; userId: string; answers: { questionId: string; answer: string }[]; intendedCommitment: bigint | null },
): Promise<boolean> {
  const r = await t.tx
    .insertInto('group_applications')
    .values({ tenant_id: t.tenantId, id: a.id, group_id: a.groupId, user_id: a.userId, answers: JSON.stringify(a.answers), intended_commitment: a.intendedCommitment })
    .onConflict((oc) => oc.columns(['tenant_id', 'group_id', 'user_id']).where('status', 'in', ['pending', 'waitlisted']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

const applicationQuery = (t: TenantTx) =>
  t.tx
    .selectFrom('group_applications as a')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.id', 'a.group_id', 'a.user_id', 'a.status', 'a.answers', 'a.intended_commitment', 'a.decided_by', 'a.decided_at', 'a.decision_reason', 'a.created_at', 'u.email', 'u.first_name', 'u.last_name'])
    .where('a.tenant_id', '=', t.tenantId);

export type ApplicationRow = Awaited<ReturnType<typeof listApplications>>[number];

export async function listApplications(t: TenantTx, groupId: string, status?: GroupApplicationStatus) {
  let q = applicationQuery(t).where('a.group_id', '=', groupId);
  if (status) q = q.where('a.status', '=', status);
  return q.orderBy('a.created_at').limit(500).execute();
}

export async function findApplication(t: TenantTx, id: string) {
  return applicationQuery(t).where('a.id', '=', id).executeTakeFirst();
}

export async function applicationsOfUser(t: TenantTx, groupId: string, userId: string) {
  return applicationQuery(t).where('a.group_id', '=', groupId).where('a.user_id', '=', userId).orderBy('a.created_at', 'desc').execute();
}

/** The application locked for its decision. */
export async function lockApplication(t: TenantTx, id: string) {
  return t.tx.selectFrom('group_applications').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideApplication(t: TenantTx, id: string, d: { status: GroupApplicationStatus; by: string; reason: string | null }): Promise<void> {
  await t.tx
    .updateTable('group_applications')
    .set({ status: d.status, decided_by: d.by, decided_at: new Date(), decision_reason: d.reason })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

// ---------------------------------------------------------------- invitations

export async function insertInvitation(t: TenantTx, i: { id: string; groupId: string; createdBy: string; note: string | null; expiresAt: Date; invitedEmail: string | null }): Promise<void> {
  await t.tx
    .insertInto('group_invitations')
    .values({ tenant_id: t.tenantId, id: i.id, group_id: i.groupId, created_by: i.createdBy, note: i.note, expires_at: i.expiresAt, invited_email: i.invitedEmail })
    .execute();
}

export async function findInvitation(t: TenantTx, id: string) {
  return t.tx.selectFrom('group_invitations').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}

export async function countInvitationUse(t: TenantTx, id: string): Promise<void> {
  await t.tx.updateTable('group_invitations').set({ uses: sql`uses + 1` }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function revokeInvitation(t: TenantTx, groupId: string, id: string): Promise<boolean> {
  const r = await t.tx
    .updateTable('group_invitations')
    .set({ revoked_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('group_id', '=', groupId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listInvitations(t: TenantTx, groupId: string) {
  return t.tx.selectFrom('group_invitations').selectAll().where('tenant_id', '=', t.tenantId).where('group_id', '=', groupId).orderBy('created_at', 'desc').limit(200).execute();
}
