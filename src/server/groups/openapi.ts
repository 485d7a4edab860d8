import { z } from 'zod';
import { acceptInvitationInput, applicationsQuery, applyInput, createGroupInput, dealVisibilityInput, decisionInput, groupDealParams, groupIdParams, invitationInput, preCommitmentInput, removeMemberInput, updateGroupInput } from './schema';

// The investment-group routes for /api/openapi.json, in the shape of openapi/document.ts's `ops`.
const idParam = z.object({ id: z.uuid() });
const HIDDEN = 'A private group, or a member-only deal, that the caller may not see answers 404 as if it did not exist';

export const groupOps = [
  { tag: 'groups', method: 'get', path: '/api/groups', summary: 'Discover the tenant’s public investment groups (and private ones the caller belongs to)' },
  { tag: 'groups', method: 'get', path: '/api/groups/my-groups', summary: 'The groups the caller is an active member of', auth: 'user' },
  { tag: 'groups', method: 'get', path: '/api/groups/{id}', summary: `One group by id or slug, with the caller’s membership and latest application. ${HIDDEN}`, params: groupIdParams },
  { tag: 'groups', method: 'post', path: '/api/groups/{id}/apply', summary: 'Apply to a public group with answers to its questions and the intended commitment (required when the group sets a minimum); entry requirements are checked: 403 `group_verification_level_required` or `group_requires_accreditation`', auth: 'user', params: groupIdParams, body: applyInput, status: 201, conflict: '`application_exists` (one open application per group), `already_member`, `own_group`' },
  { tag: 'groups', method: 'post', path: '/api/groups/{id}/leave', summary: 'Leave a group', auth: 'user', params: groupIdParams, conflict: '`not_member`' },
  { tag: 'groups', method: 'get', path: '/api/groups/{id}/dashboard', summary: `Member area: the group’s open and upcoming deals, updates, member count and the caller’s pre-commitments and investments. Members and the group’s issuer only; ${HIDDEN}`, auth: 'user', params: groupIdParams },
  { tag: 'groups', method: 'put', path: '/api/groups/{id}/deals/{dealId}/pre-commitment', summary: 'Indicate interest (a pre-commitment, no money moves) in an upcoming group deal; replaces an earlier one. When the deal opens, pre-committers are told first', auth: 'user', params: groupDealParams, body: preCommitmentInput, conflict: '`deal_already_open`: invest instead' },
  { tag: 'groups', method: 'delete', path: '/api/groups/{id}/deals/{dealId}/pre-commitment', summary: 'Withdraw the caller’s pre-commitment', auth: 'user', params: groupDealParams },
  { tag: 'groups', method: 'post', path: '/api/groups/invitations/accept', summary: 'Join a group with an invitation link’s token (signed, expiring, revocable; 401 `invitation_invalid`, 409 `invitation_expired` / `invitation_revoked` / `group_full`)', auth: 'user', body: acceptInvitationInput },
  { tag: 'issuer groups', method: 'get', path: '/api/issuer/groups', summary: 'The issuer’s own group (null before it exists) and its invitation links', auth: ['issuer'] },
  { tag: 'issuer groups', method: 'post', path: '/api/issuer/groups', summary: 'Create the issuer’s group (one per issuer; the issuer must be verified)', auth: ['issuer'], body: createGroupInput, status: 201, conflict: '`group_exists` (one group per issuer) or `slug_taken`' },
  { tag: 'issuer groups', method: 'patch', path: '/api/issuer/groups', summary: 'Change the group’s branding, privacy, requirements, capacity or questions (only the fields sent)', auth: ['issuer'], body: updateGroupInput },
  { tag: 'issuer groups', method: 'get', path: '/api/issuer/groups/dashboard', summary: 'Applications waiting, and pre-committed demand and investments per group deal', auth: ['issuer'] },
  { tag: 'issuer groups', method: 'get', path: '/api/issuer/groups/applications', summary: 'The group’s applications with answers', auth: ['issuer'], query: applicationsQuery },
  { tag: 'issuer groups', method: 'post', path: '/api/issuer/groups/applications/{id}/decision', summary: 'Approve (capacity permitting), reject with a reason, or waitlist; the applicant is emailed', auth: ['issuer'], params: idParam, body: decisionInput, conflict: '`application_decided` or `group_full`' },
  { tag: 'issuer groups', method: 'get', path: '/api/issuer/groups/members', summary: 'Members past and present', auth: ['issuer'] },
  { tag: 'issuer groups', method: 'get', path: '/api/issuer/groups/members.csv', summary: 'Members as CSV (audited export)', auth: ['issuer'] },
  { tag: 'issuer groups', method: 'delete', path: '/api/issuer/groups/members/{id}', summary: 'Remove a member with a reason (audited; the member is emailed)', auth: ['issuer'], params: idParam, body: removeMemberInput },
  { tag: 'issuer groups', method: 'post', path: '/api/issuer/groups/invitations', summary: 'A signed, expiring invitation link to the group', auth: ['issuer'], body: invitationInput, status: 201 },
  { tag: 'issuer groups', method: 'delete', path: '/api/issuer/groups/invitations/{id}', summary: 'Revoke an invitation link', auth: ['issuer'], params: idParam },
  { tag: 'issuer', method: 'put', path: '/api/issuer/deals/{id}/visibility', summary: 'Who may see the deal: public, verified (investors who passed KYC) or group (the issuer’s group’s members; others get 404 on the listing, detail, content, documents and invest)', auth: ['issuer'], params: idParam, body: dealVisibilityInput },
] as const;
