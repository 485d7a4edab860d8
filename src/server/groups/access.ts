import type { Principal } from '../auth/principal';
import { effectiveLevelOf, meetsLevel } from '../compliance/service';
import type { TenantTx } from '../db/tenant';
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors';
import { findIssuerByUser } from '../issuers/repo';
import { fromMinorUnits } from '../money';
import { convertAmounts } from '../deals/amounts';
import { countActiveMembers, findGroup, findGroupOfIssuer, lockGroup, membershipOf, type GroupRow } from './repo';

// Who stands where in a group: the issuer who runs it, its active members, everyone else.

/** The caller's issuer's group; 404 when the caller runs none. */
export async function requireOwnGroup(t: TenantTx, p: Principal): Promise<GroupRow> {
  const issuer = await findIssuerByUser(t, p.userId);
  const group = issuer ? await findGroupOfIssuer(t, issuer.id) : undefined;
  if (!group) throw new NotFound('You do not run an investment group yet; create one first', 'group_not_found');
  return group;
}

export const runsGroup = (p: Principal | null, g: GroupRow) => !!p && g.issuer_user_id === p.userId;

export async function isActiveMember(t: TenantTx, g: GroupRow, p: Principal | null): Promise<boolean> {
  if (!p) return false;
  return (await membershipOf(t, g.id, p.userId))?.status === 'active';
}

/** A group the caller may know exists: public groups, and private ones they run or belong to. */
export async function requireKnownGroup(t: TenantTx, p: Principal | null, idOrSlug: string): Promise<GroupRow> {
  const g = await findGroup(t, idOrSlug);
  if (!g) throw new NotFound('Group not found', 'group_not_found');
  if (g.privacy === 'public' || runsGroup(p, g) || (await isActiveMember(t, g, p))) return g;
  throw new NotFound('Group not found', 'group_not_found');
}

/** The member area: the group's active members and the issuer who runs it; 404 for everyone else. */
export async function requireMemberAccess(t: TenantTx, p: Principal, idOrSlug: string): Promise<GroupRow> {
  const g = await findGroup(t, idOrSlug);
  if (!g || !(runsGroup(p, g) || (await isActiveMember(t, g, p)))) throw new NotFound('Group not found', 'group_not_found');
  return g;
}

/** The stated commitment in minor units; required and at least the group's minimum when it sets one. */
export function intendedCommitmentOf(g: GroupRow, text: string | undefined): bigint | null {
  const amount = convertAmounts({ intendedCommitment: text }, g.currency_decimals).intendedCommitment ?? null;
  if (g.min_commitment !== null) {
    const min = `${fromMinorUnits(g.min_commitment, g.currency_decimals)} ${g.currency}`;
    if (amount === null) throw new ValidationError([{ field: 'intendedCommitment', message: `${g.name} asks members to commit at least ${min}: say how much you intend to commit` }]);
    if (amount < BigInt(g.min_commitment)) throw new ValidationError([{ field: 'intendedCommitment', message: `must be at least ${min}, the group's minimum commitment` }]);
  }
  return amount;
}

/** The group's entry requirements on verification (403 naming what is missing). */
export async function requireEntryLevel(t: TenantTx, g: GroupRow, userId: string): Promise<void> {
  if (g.min_verification_level === 'none' && !g.requires_accreditation) return;
  const level = await effectiveLevelOf(t, userId, new Date());
  if (g.requires_accreditation && !meetsLevel(level, 'accredited'))
    throw new Forbidden(`${g.name} admits accredited investors only; verify your accreditation first (your level is ${level})`, 'group_requires_accreditation');
  if (!meetsLevel(level, g.min_verification_level))
    throw new Forbidden(`${g.name} needs verification level ${g.min_verification_level}; yours is ${level}`, 'group_verification_level_required');
}

/** Before an admission: the group locked, so two admissions cannot both take its last place. */
export async function requireRoom(t: TenantTx, g: GroupRow): Promise<void> {
  await lockGroup(t, g.id);
  if (g.capacity === null) return;
  if ((await countActiveMembers(t, g.id)) >= g.capacity) throw new Conflict('group_full', `${g.name} is full (${g.capacity} members); waitlist the application or raise the capacity`);
}
