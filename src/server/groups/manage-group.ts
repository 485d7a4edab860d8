import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import { requireOwnIssuer } from '../issuers/service';
import { convertAmounts, decimalsFor } from '../deals/amounts';
import { Conflict, NotFound } from '../errors';
import { uuidv7 } from '../ids';
import type { TenantContext } from '../tenancy/resolve';
import { findUserByEmail } from '../auth/repo';
import { queueEmail } from '../notifications/email';
import { notify } from '../notifications/notify';
import { requireOwnGroup } from './access';
import { groupInvitationEmail, groupInvitedNotice } from './notices';
import { findGroup, insertGroup, insertInvitation, listInvitations, revokeInvitation, updateGroup, type GroupRow } from './repo';
import type { CreateGroupInput, UpdateGroupInput } from './schema';
import { signInvitation } from './invitation-token';
import { tenantLink } from './links';
import { groupView } from './view';

// The issuer's side of its group: create it (one per issuer), brand and configure it, hand out
// invitation links to a private group.

function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100) || 'group';
}

const minCommitmentOf = (text: string | null, decimals: number): bigint | null => (text === null ? null : convertAmounts({ minCommitment: text }, decimals).minCommitment!);

/** The caller's issuer's group, created with its settings: one per issuer. */
export async function createGroup(tenant: TenantContext, p: Principal, input: CreateGroupInput, meta: RequestMeta) {
  const decimals = decimalsFor(input.currency, undefined);
  const minCommitment = minCommitmentOf(input.minCommitment, decimals);
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const issuer = await requireOwnIssuer(t, p, { verified: true });
    const id = uuidv7();
    const outcome = await insertGroup(t, {
      id,
      issuer_id: issuer.id,
      slug: input.slug ?? `${slugify(input.name)}-${id.slice(-6)}`,
      name: input.name,
      description: input.description,
      privacy: input.privacy,
      min_verification_level: input.minVerificationLevel,
      requires_accreditation: input.requiresAccreditation,
      min_commitment: minCommitment,
      currency: input.currency,
      currency_decimals: decimals,
      capacity: input.capacity,
      questions: JSON.stringify(input.questions),
      focus_areas: input.focusAreas,
      brand_color: input.brandColor,
    });
    if (outcome === 'issuer_has_group') throw new Conflict('group_exists', 'Your issuer already runs an investment group (one per issuer); edit it instead');
    if (outcome === 'slug_taken') throw new Conflict('slug_taken', 'Another group already uses this slug; choose another');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.created', targetType: 'investment_group', targetId: id, metadata: { privacy: input.privacy } }, meta);
    return groupView((await findGroup(t, id))!);
  });
}

export async function editGroup(tenant: TenantContext, p: Principal, input: UpdateGroupInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    await updateGroup(t, g.id, {
      name: input.name,
      description: input.description,
      privacy: input.privacy,
      min_verification_level: input.minVerificationLevel,
      requires_accreditation: input.requiresAccreditation,
      min_commitment: input.minCommitment === undefined ? undefined : minCommitmentOf(input.minCommitment, g.currency_decimals),
      capacity: input.capacity,
      questions: input.questions === undefined ? undefined : JSON.stringify(input.questions),
      focus_areas: input.focusAreas,
      brand_color: input.brandColor,
    });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.updated', targetType: 'investment_group', targetId: g.id, metadata: { fields: Object.keys(input) } }, meta);
    return groupView((await findGroup(t, g.id))!);
  });
}

/** The caller's group, or null when they run none yet. */
export async function ownGroup(tenant: TenantContext, p: Principal) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    try {
      const g = await requireOwnGroup(t, p);
      return { group: groupView(g), invitations: (await listInvitations(t, g.id)).map(invitationView) };
    } catch (e) {
      if (e instanceof NotFound) return { group: null, invitations: [] };
      throw e;
    }
  });
}

const invitationView = (i: Awaited<ReturnType<typeof listInvitations>>[number]) => ({
  id: i.id,
  note: i.note,
  expiresAt: i.expires_at.toISOString(),
  revokedAt: i.revoked_at?.toISOString() ?? null,
  uses: i.uses,
  invitedEmail: i.invited_email,
  createdAt: i.created_at.toISOString(),
});

export const invitationPath = (token: string) => `/groups/join?token=${encodeURIComponent(token)}`;

/**
 * A signed, expiring link that admits its holder to the group (private groups' only door).
 * With an email, the link is sent: a member of the tenant hears of it through notify()
 * (group.invited, on their channels, in this transaction); any other address gets an email.
 * The answer is the same either way, so it does not tell the issuer who has an account.
 */
export async function createInvitation(tenant: TenantContext, p: Principal, input: { note?: string; email?: string; expiresInDays: number }, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g: GroupRow = await requireOwnGroup(t, p);
    const id = uuidv7();
    const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
    const note = input.note ?? null;
    await insertInvitation(t, { id, groupId: g.id, createdBy: p.userId, note, expiresAt, invitedEmail: input.email ?? null });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.invitation_created', targetType: 'investment_group', targetId: g.id, metadata: { invitationId: id, expiresAt: expiresAt.toISOString(), invitedEmail: input.email ?? null } }, meta);
    const token = signInvitation({ tenantId: tenant.id, groupId: g.id, invitationId: id, expiresAt });
    const url = tenantLink(tenant, invitationPath(token));
    if (input.email) {
      const invitee = await findUserByEmail(t, input.email);
      if (invitee && invitee.status === 'active') await notify(t, groupInvitedNotice(invitee.id, g, id, invitationPath(token), note));
      else if (!invitee) await queueEmail(t, groupInvitationEmail(input.email, tenant.name, g, url, note, expiresAt));
    }
    return { id, token, url, expiresAt: expiresAt.toISOString(), invitedEmail: input.email ?? null };
  });
}

export async function revokeGroupInvitation(tenant: TenantContext, p: Principal, invitationId: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    if (!(await revokeInvitation(t, g.id, invitationId))) throw new NotFound('Invitation not found or already revoked', 'invitation_not_found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.invitation_revoked', targetType: 'investment_group', targetId: g.id, metadata: { invitationId } }, meta);
    return { success: true };
  });
}
