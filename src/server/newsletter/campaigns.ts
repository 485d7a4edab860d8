import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { withTenant, type TenantTx } from '../db/tenant';
import { Conflict, NotFound, ValidationError } from '../errors';
import { uuidv7 } from '../ids';
import { tenantEmailBrand } from '../notifications/email';
import type { TenantContext } from '../tenancy/resolve';
import { listUsers, userHasRole } from '../users/repo';
import { composeCampaign, previewOf } from './compose';
import { campaignStats, countSegment, findCampaign, groupExists, insertCampaign, listCampaigns, segmentGroups, subscriberCounts, updateCampaign, type CampaignRow } from './repo';
import type { CampaignInput, CampaignPatch } from './schema';

// Campaigns, written by the tenant's admins: a draft is edited and previewed in the tenant's
// email layout, then sent now or scheduled (both are a due time the sending job honours, once);
// a scheduled campaign can be taken back to draft until it starts. Every change is audited.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function clickRate(uniqueClicks: number, recipients: number): string {
  if (recipients === 0) return '0.0000';
  const bp = Math.floor((uniqueClicks * 10_000) / recipients);
  return `${Math.floor(bp / 10_000)}.${String(bp % 10_000).padStart(4, '0')}`;
}

async function view(t: TenantTx, c: CampaignRow) {
  const s = await campaignStats(t, c.id);
  return {
    id: c.id,
    subject: c.subject,
    body: c.body_markdown,
    segment: c.segment,
    groupId: c.segment_group_id,
    issuerUserId: c.segment_issuer_user_id,
    status: c.status,
    scheduledAt: iso(c.scheduled_at),
    startedAt: iso(c.started_at),
    sentAt: iso(c.sent_at),
    createdAt: c.created_at.toISOString(),
    stats: { ...s, clickRate: clickRate(s.uniqueClicks, s.recipients) },
  };
}

export type CampaignView = Awaited<ReturnType<typeof view>>;

async function requireTarget(t: TenantTx, v: { groupId?: string | null; issuerUserId?: string | null }) {
  if (v.groupId && !(await groupExists(t, v.groupId))) throw new ValidationError([{ field: 'groupId', message: 'No investment group has that id here' }]);
  if (v.issuerUserId && !(await userHasRole(t, v.issuerUserId, 'issuer'))) throw new ValidationError([{ field: 'issuerUserId', message: 'No issuer has that id here' }]);
}

async function requireCampaign(t: TenantTx, id: string, lock = false) {
  const c = await findCampaign(t, id, lock);
  if (!c) throw new NotFound('No campaign has that id here', 'campaign_not_found');
  return c;
}

export async function createCampaign(tenant: TenantContext, admin: Principal, input: CampaignInput, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    await requireTarget(t, input);
    const id = uuidv7();
    await insertCampaign(t, { id, subject: input.subject, body: input.body, segment: input.segment, groupId: input.groupId ?? null, issuerUserId: input.issuerUserId ?? null, actorId: admin.userId });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'newsletter.campaign_created', targetType: 'newsletter_campaign', targetId: id, metadata: { subject: input.subject, segment: input.segment, groupId: input.groupId ?? null, issuerUserId: input.issuerUserId ?? null } }, meta);
    return { campaign: await view(t, (await findCampaign(t, id))!) };
  });
}

export async function editCampaign(tenant: TenantContext, admin: Principal, id: string, patch: CampaignPatch, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const c = await requireCampaign(t, id, true);
    if (c.status !== 'draft') throw new Conflict('campaign_not_editable', `The campaign is ${c.status}; only a draft can be edited (take a scheduled one back to draft first)`);
    if (patch.segment === undefined && (patch.groupId || patch.issuerUserId)) throw new ValidationError([{ field: 'segment', message: `segment is required with ${patch.groupId ? 'groupId' : 'issuerUserId'}` }]);
    await requireTarget(t, patch);
    await updateCampaign(t, id, { subject: patch.subject, body: patch.body, segment: patch.segment, groupId: patch.groupId ?? null, issuerUserId: patch.issuerUserId ?? null, actorId: admin.userId });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'newsletter.campaign_edited', targetType: 'newsletter_campaign', targetId: id, metadata: { fields: Object.keys(patch) } }, meta);
    return { campaign: await view(t, (await findCampaign(t, id))!) };
  });
}

export async function getCampaign(tenant: TenantContext, admin: Principal, id: string) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => ({ campaign: await view(t, await requireCampaign(t, id)) }));
}

export async function listAllCampaigns(tenant: TenantContext, admin: Principal) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const rows = await listCampaigns(t);
    const campaigns = [];
    for (const c of rows) campaigns.push(await view(t, c));
    return { campaigns, subscribers: await subscriberCounts(t) };
  });
}

/** The groups an admin may address a campaign to. */
export async function campaignGroups(tenant: TenantContext, admin: Principal) {
  return withTenant(tenant.id, { userId: admin.userId }, (t) => segmentGroups(t));
}

/** The issuers whose followers an admin may address a campaign to. */
export async function campaignIssuers(tenant: TenantContext, admin: Principal) {
  const { rows } = await withTenant(tenant.id, { userId: admin.userId }, (t) => listUsers(t, { role: 'issuer', limit: 500, offset: 0 }));
  return rows.map((u) => ({ id: u.id, name: `${u.first_name} ${u.last_name}`.trim() })).sort((x, y) => x.name.localeCompare(y.name));
}

/** Send now (no `at`) or at a time: either way a due time; the sending job queues it once. */
export async function sendCampaign(tenant: TenantContext, admin: Principal, id: string, at: string | undefined, meta: RequestMeta, now = new Date()) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const c = await requireCampaign(t, id, true);
    if (c.status !== 'draft') throw new Conflict('campaign_not_draft', `The campaign is ${c.status}; only a draft can be sent or scheduled`);
    const when = at ? new Date(at) : now;
    if (at && when.getTime() <= now.getTime()) throw new ValidationError([{ field: 'at', message: 'at is in the future (leave it out to send now)' }]);
    const recipients = await countSegment(t, c.segment, { groupId: c.segment_group_id, issuerUserId: c.segment_issuer_user_id });
    if (!at && recipients === 0) throw new Conflict('no_recipients', 'No confirmed subscriber is in this campaign’s segment yet');
    await updateCampaign(t, id, { status: 'scheduled', scheduledAt: when, actorId: admin.userId });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: at ? 'newsletter.campaign_scheduled' : 'newsletter.campaign_sent', targetType: 'newsletter_campaign', targetId: id, metadata: { at: when.toISOString(), segment: c.segment, recipientsNow: recipients } }, meta);
    return { campaign: await view(t, (await findCampaign(t, id))!), recipients };
  });
}

/** A scheduled campaign back to draft, before the job starts it. */
export async function unscheduleCampaign(tenant: TenantContext, admin: Principal, id: string, meta: RequestMeta) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => {
    const c = await requireCampaign(t, id, true);
    if (c.status !== 'scheduled') throw new Conflict('campaign_not_scheduled', `The campaign is ${c.status}; only a scheduled one can be taken back`);
    await updateCampaign(t, id, { status: 'draft', scheduledAt: null, actorId: admin.userId });
    await audit(t, { actorId: admin.userId, actorRole: admin.role, action: 'newsletter.campaign_unscheduled', targetType: 'newsletter_campaign', targetId: id, metadata: { wasDueAt: iso(c.scheduled_at) } }, meta);
    return { campaign: await view(t, (await findCampaign(t, id))!) };
  });
}

/** The mail as a subscriber would get it, in the tenant's branding (links go straight to their targets). */
export async function previewCampaign(tenant: TenantContext, admin: Principal, input: { subject: string; body: string }) {
  return withTenant(tenant.id, { userId: admin.userId }, async (t) => previewOf(await composeCampaign(await tenantEmailBrand(t), { subject: input.subject, bodyMarkdown: input.body })));
}
