import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant } from '../db/tenant';
import type { GroupApplicationStatus } from '../db/types';
import { Conflict, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { notify } from '../notifications/notify';
import type { TenantContext } from '../tenancy/resolve';
import { intendedCommitmentOf, isActiveMember, requireEntryLevel, requireKnownGroup, requireOwnGroup, requireRoom } from './access';
import { applicationDecidedNotice } from './notices';
import { applicationsOfUser, decideApplication, findApplication, insertApplication, listApplications, lockApplication, upsertActiveMembership, type GroupRow } from './repo';
import type { ApplyInput, DecisionInput } from './schema';
import { applicationView } from './view';

// Joining a public group: the investor applies with answers to the group's questions; the
// issuer approves (within capacity), rejects with a reason or waitlists.

function checkAnswers(g: GroupRow, answers: ApplyInput['answers']): void {
  const byId = new Map(answers.map((a) => [a.questionId, a.answer]));
  const errors = [];
  for (const [i, a] of answers.entries()) if (!g.questions.some((q) => q.id === a.questionId)) errors.push({ field: `answers.${i}.questionId`, message: `${a.questionId} is not one of the group's questions` });
  for (const q of g.questions) if (q.required && !byId.get(q.id)) errors.push({ field: `answers.${q.id}`, message: `an answer to "${q.text}" is required` });
  if (errors.length) throw new ValidationError(errors);
}

export async function applyToGroup(tenant: TenantContext, p: Principal, groupIdOrSlug: string, input: ApplyInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireKnownGroup(t, p, groupIdOrSlug);
    // A private group admits by invitation link only (POST /api/groups/invitations/accept).
    if (g.privacy === 'private' && !(await isActiveMember(t, g, p))) throw new NotFound('Group not found', 'group_not_found');
    if (g.issuer_user_id === p.userId) throw new Conflict('own_group', 'You run this group');
    if (await isActiveMember(t, g, p)) throw new Conflict('already_member', `You are already a member of ${g.name}`);
    checkAnswers(g, input.answers);
    const commitment = intendedCommitmentOf(g, input.intendedCommitment);
    await requireEntryLevel(t, g, p.userId);
    const id = uuidv7();
    if (!(await insertApplication(t, { id, groupId: g.id, userId: p.userId, answers: input.answers, intendedCommitment: commitment })))
      throw new Conflict('application_exists', `You already have an open application to ${g.name}`);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'group.application_submitted', targetType: 'group_application', targetId: id, metadata: { groupId: g.id } }, meta);
    return applicationView((await applicationsOfUser(t, g.id, p.userId))[0]!, g);
  });
}

export async function groupApplications(tenant: TenantContext, p: Principal, status: GroupApplicationStatus | undefined) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    return { applications: (await listApplications(t, g.id, status)).map((a) => applicationView(a, g)) };
  });
}

const DECIDED: Record<DecisionInput['decision'], 'approved' | 'rejected' | 'waitlisted'> = { approve: 'approved', reject: 'rejected', waitlist: 'waitlisted' };

/** The issuer's decision on an open application; approval admits the applicant (capacity permitting). */
export async function decideGroupApplication(tenant: TenantContext, p: Principal, applicationId: string, input: DecisionInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const g = await requireOwnGroup(t, p);
    const a = await lockApplication(t, applicationId);
    if (!a || a.group_id !== g.id) throw new NotFound('Application not found', 'application_not_found');
    if (a.status !== 'pending' && a.status !== 'waitlisted') throw new Conflict('application_decided', `This application is already ${a.status}`);
    if (input.decision === 'waitlist' && a.status === 'waitlisted') throw new Conflict('application_decided', 'This application is already on the waitlist');
    const status = DECIDED[input.decision];
    if (status === 'approved') {
      // The requirements may have changed, or the applicant's standing, since they applied.
      await requireEntryLevel(t, g, a.user_id);
      await requireRoom(t, g);
      await upsertActiveMembership(t, g.id, a.user_id, 'application');
    }
    await decideApplication(t, a.id, { status, by: p.userId, reason: input.reason ?? null });
    await notify(t, applicationDecidedNotice(a.user_id, g, a.id, status, input.reason ?? null));
    await audit(t, { actorId: p.userId, actorRole: p.role, action: `group.application_${status}`, targetType: 'group_application', targetId: a.id, metadata: { groupId: g.id, applicantId: a.user_id, reason: input.reason ?? null } }, meta);
    return applicationView((await findApplication(t, a.id))!, g);
  });
}
