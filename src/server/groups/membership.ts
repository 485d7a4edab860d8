import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { findUserById } from '../auth/repo';
import { withTenant } from '../db/tenant';
import { Conflict, NotFound, Unauthorized } from '../errors';
import { queueEmail } from '../notifications/email';
import { toCsv } from '../reporting/csv';
import type { TenantContext } from '../tenancy/resolve';
import { intendedCommitmentOf, isActiveMember, requireEntryLevel, requireMemberAccess, requireOwnGroup, requireRoom } from './access';
import { memberRemovedEmail } from './notices';
import { verifyInvitation } from './invitation-token';
import { countInvitationUse, endMembership, findGroup, findInvitation, listMembers, upsertActiveMembership } from './repo';
import { groupView } from './view';

// Membership after admission: joining by invitation link, leaving, removal by the issuer (audited).

/** Joins a group with a genuine, unexpired, unrevoked invitation link of this tenant. */
export async function acceptInvitation(tenant: TenantContext, p: Principal, input: { token: string; intendedCommitment?: string }, meta: RequestMeta) {
  const claims = verifyInvitation(input.token, tenant.id);
  if (claims === 'expired') throw new Conflict('invitation_expired', 'This invitation link has expired; ask the group for a new one');
  if (claims === 'invalid') throw new Unauthorized('This invitation link is not valid here', 'invitation_invalid');
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const invitation = await findInvitation(t, claims.invitationId);
    const g = await findGroup(t, claims.groupId);
    if (!invitation || !g || invitation.group_id !== g.id) throw new Unauthorized('This invitation link is not valid here', 'invitation_invalid');
    if (invitation.revoked_at) throw new Conflict('invitation_revoked', 'This invitation link was withdrawn by the group');
    if (await isActiveMember(t, g, p)) throw new Conflict('already_member', `You are already a member of ${g.name}`);
    intendedCommitmentOf(g, input.intendedCommitment);
    await requireEntryLevel(t, g, p.userId);
    await requireRoom(t, g);
    await upsertActiveMembership(t, g.id, p.userId, 'invitation');
    await countInvitationUse(t, invitation.id);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.joined_by_invitation', targetType: 'investment_group', targetId: g.id, metadata: { invitationId: invitation.id } }, meta);
    return { group: groupView((await findGroup(t, g.id))!), membership: { status: 'active' as const } };
  });
}

export async function leaveGroup(tenant: TenantContext, p: Principal, groupIdOrSlug: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireMemberAccess(t, p, groupIdOrSlug);
    if (!(await endMembership(t, g.id, p.userId, { status: 'left', by: p.userId, reason: null }))) throw new Conflict('not_member', `You are not a member of ${g.name}`);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.left', targetType: 'investment_group', targetId: g.id }, meta);
    return { success: true };
  });
}

/** The issuer ends a member's membership, with the reason (audited, and the member is told). */
export async function removeMember(tenant: TenantContext, p: Principal, userId: string, reason: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    if (!(await endMembership(t, g.id, userId, { status: 'removed', by: p.userId, reason }))) throw new NotFound('Member not found', 'member_not_found');
    const member = await findUserById(t, userId);
    if (member) await queueEmail(t, memberRemovedEmail(member.email, tenant.name, g, reason));
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.member_removed', targetType: 'investment_group', targetId: g.id, metadata: { memberId: userId, reason } }, meta);
    return { success: true };
  });
}

const memberView = (m: Awaited<ReturnType<typeof listMembers>>[number]) => ({
  userId: m.user_id,
  email: m.email,
  name: `${m.first_name} ${m.last_name}`.trim(),
  status: m.status,
  joinedVia: m.joined_via,
  joinedAt: m.joined_at.toISOString(),
  endedAt: m.ended_at?.toISOString() ?? null,
  endReason: m.end_reason,
  verificationLevel: m.verification_level ?? 'none',
});

export async function groupMembers(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    return { members: (await listMembers(t, g.id)).map(memberView) };
  });
}

/** The member list as CSV for the issuer's own records (the export is audited). */
export async function groupMembersCsv(tenant: TenantContext, p: Principal, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    const rows = (await listMembers(t, g.id)).map(memberView);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.members_exported', targetType: 'investment_group', targetId: g.id, metadata: { rows: rows.length } }, meta);
    return {
      filename: `${g.slug}-members.csv`,
      body: toCsv(
        ['user_id', 'email', 'name', 'status', 'joined_via', 'joined_at', 'ended_at', 'end_reason', 'verification_level'],
        rows.map((m) => [m.userId, m.email, m.name, m.status, m.joinedVia, m.joinedAt, m.endedAt, m.endReason, m.verificationLevel]),
      ),
    };
  });
}
