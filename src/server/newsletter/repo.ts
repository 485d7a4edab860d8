import { sql, type RawBuilder } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { NewsletterSegment } from '../db/types';
import { uuidv7 } from '../ids';
import { linkPlaceholder, UNSUBSCRIBE_URL } from './compose';
import { hmacSql, signingPads } from './tokens';

// ---------------------------------------------------------------- subscribers

const SUBSCRIBER = ['id', 'email', 'status', 'source', 'confirmation_sent_at', 'confirmed_at', 'unsubscribed_at', 'created_at'] as const;

export function findSubscriberByEmail(t: TenantTx, email: string) {
  return t.tx.selectFrom('newsletter_subscribers').select(SUBSCRIBER).where('tenant_id', '=', t.tenantId).where('email', '=', email).executeTakeFirst();
}

export function findSubscriber(t: TenantTx, id: string, lock = false) {
  const q = t.tx.selectFrom('newsletter_subscribers').select(SUBSCRIBER).where('tenant_id', '=', t.tenantId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** The row for this address, created pending if there is none; locked either way (one writer per address). */
export async function lockOrCreateSubscriber(t: TenantTx, email: string, source: 'form' | 'member') {
  await t.tx
    .insertInto('newsletter_subscribers')
    .values({ tenant_id: t.tenantId, id: uuidv7(), email, source })
    .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
    .execute();
  return t.tx.selectFrom('newsletter_subscribers').select(SUBSCRIBER).where('tenant_id', '=', t.tenantId).where('email', '=', email).forUpdate().executeTakeFirstOrThrow();
}

export async function setSubscriberState(t: TenantTx, id: string, s: { status: 'pending' | 'confirmed' | 'unsubscribed'; confirmationSent?: boolean; campaignId?: string | null }) {
  await t.tx
    .updateTable('newsletter_subscribers')
    .set({
      status: s.status,
      updated_at: sql<Date>`now()`,
      ...(s.status === 'confirmed' ? { confirmed_at: sql<Date>`now()`, unsubscribed_at: null, unsubscribed_campaign_id: null } : {}),
      ...(s.status === 'unsubscribed' ? { unsubscribed_at: sql<Date>`now()`, unsubscribed_campaign_id: s.campaignId ?? null } : {}),
      ...(s.status === 'pending' ? { confirmed_at: null, unsubscribed_at: null, unsubscribed_campaign_id: null } : {}),
      ...(s.confirmationSent ? { confirmation_sent_at: sql<Date>`now()` } : {}),
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

export async function subscriberCounts(t: TenantTx) {
  const rows = await t.tx
    .selectFrom('newsletter_subscribers')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', t.tenantId)
    .groupBy('status')
    .execute();
  const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  return { pending: by.pending ?? 0, confirmed: by.confirmed ?? 0, unsubscribed: by.unsubscribed ?? 0 };
}

// ---------------------------------------------------------------- campaigns

const CAMPAIGN = ['id', 'subject', 'body_markdown', 'segment', 'segment_group_id', 'segment_issuer_user_id', 'status', 'scheduled_at', 'started_at', 'sent_at', 'recipients', 'created_by', 'created_at', 'updated_at'] as const;

export function insertCampaign(t: TenantTx, c: { id: string; subject: string; body: string; segment: NewsletterSegment; groupId: string | null; issuerUserId: string | null; actorId: string }) {
  return t.tx
    .insertInto('newsletter_campaigns')
    .values({ tenant_id: t.tenantId, id: c.id, subject: c.subject, body_markdown: c.body, segment: c.segment, segment_group_id: c.groupId, segment_issuer_user_id: c.issuerUserId, created_by: c.actorId, updated_by: c.actorId })
    .execute();
}

export function findCampaign(t: TenantTx, id: string, lock = false) {
  const q = t.tx.selectFrom('newsletter_campaigns').select(CAMPAIGN).where('tenant_id', '=', t.tenantId).where('id', '=', id);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export function listCampaigns(t: TenantTx, limit = 100) {
  return t.tx.selectFrom('newsletter_campaigns').select(CAMPAIGN).where('tenant_id', '=', t.tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function updateCampaign(
  t: TenantTx,
  id: string,
  set: { subject?: string; body?: string; segment?: NewsletterSegment; groupId?: string | null; issuerUserId?: string | null; status?: 'draft' | 'scheduled' | 'cancelled'; scheduledAt?: Date | null; actorId: string },
) {
  await t.tx
    .updateTable('newsletter_campaigns')
    .set({
      ...(set.subject !== undefined ? { subject: set.subject } : {}),
      ...(set.body !== undefined ? { body_markdown: set.body } : {}),
      ...(set.segment !== undefined ? { segment: set.segment, segment_group_id: set.groupId ?? null, segment_issuer_user_id: set.issuerUserId ?? null } : {}),
      ...(set.status !== undefined ? { status: set.status } : {}),
      ...(set.scheduledAt !== undefined ? { scheduled_at: set.scheduledAt } : {}),
      updated_by: set.actorId,
      updated_at: sql<Date>`now()`,
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

/** The tenant's investment groups, to pick a group segment from. */
export function segmentGroups(t: TenantTx) {
  return t.tx.selectFrom('investment_groups').select(['id', 'name']).where('tenant_id', '=', t.tenantId).orderBy('name').limit(500).execute();
}

export function groupExists(t: TenantTx, groupId: string) {
  return t.tx.selectFrom('investment_groups').select('id').where('tenant_id', '=', t.tenantId).where('id', '=', groupId).executeTakeFirst();
}

/** The tenant's next campaign due to be queued (scheduled and due, or half-way through), locked; busy ones are skipped. */
export function claimDueCampaign(t: TenantTx) {
  return t.tx
    .selectFrom('newsletter_campaigns')
    .select(['id', 'subject', 'body_markdown', 'segment', 'segment_group_id', 'segment_issuer_user_id', 'status', 'rendered_subject', 'rendered_html', 'rendered_text', 'links'])
    .where('tenant_id', '=', t.tenantId)
    .where('status', 'in', ['scheduled', 'sending'])
    .where('scheduled_at', '<=', sql<Date>`now()`)
    .orderBy('scheduled_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function startSending(t: TenantTx, id: string, r: { subject: string; html: string; text: string; links: string[] }) {
  await t.tx
    .updateTable('newsletter_campaigns')
    .set({ status: 'sending', rendered_subject: r.subject, rendered_html: r.html, rendered_text: r.text, links: JSON.stringify(r.links), started_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

export async function finishSending(t: TenantTx, id: string) {
  await t.tx
    .updateTable('newsletter_campaigns')
    .set((eb) => ({
      status: 'sent',
      sent_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
      recipients: eb
        .selectFrom('newsletter_sends')
        .select(eb.fn.countAll<number>().as('n'))
        .where('newsletter_sends.tenant_id', '=', t.tenantId)
        .where('newsletter_sends.campaign_id', '=', id),
    }))
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

/** The confirmed subscribers a segment selects (an address belongs to a member by its email). */
export type SegmentTarget = { groupId: string | null; issuerUserId: string | null };

export function segmentFilter(t: TenantTx, segment: NewsletterSegment, target: SegmentTarget): RawBuilder<unknown> {
  const member = (extra: RawBuilder<unknown>) => sql`and exists (select 1 from users u ${extra} where u.tenant_id = ${t.tenantId} and u.email = s.email and u.status = 'active')`;
  switch (segment) {
    case 'all':
      return sql``;
    case 'members':
      return member(sql``);
    case 'verified_investors':
      return member(sql`join profiles p on p.tenant_id = u.tenant_id and p.user_id = u.id and p.kyc_status = 'approved'`);
    case 'group':
      return member(sql`join group_memberships m on m.tenant_id = u.tenant_id and m.user_id = u.id and m.group_id = ${target.groupId} and m.status = 'active'`);
    case 'issuer_followers':
      return member(sql`join user_follows f on f.tenant_id = u.tenant_id and f.follower_id = u.id and f.followee_id = ${target.issuerUserId}`);
  }
}

export async function countSegment(t: TenantTx, segment: NewsletterSegment, target: SegmentTarget): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from newsletter_subscribers s where s.tenant_id = ${t.tenantId} and s.status = 'confirmed' ${segmentFilter(t, segment, target)}`.execute(t.tx);
  return Number(r.rows[0]!.n);
}

/**
 * Queues the campaign to the next `limit` recipients of its segment who have none yet: one
 * INSERT ... SELECT into newsletter_sends and email_outbox together. Each recipient's links
 * (click tracking, unsubscribe) are signed in SQL, so 100,000 mails never pass through Node.
 * Recipients are taken in subscriber-id order after the last one queued; the sends' primary
 * key and ON CONFLICT make a batch that runs twice queue nothing twice.
 */
export async function queueCampaignBatch(
  t: TenantTx,
  c: { id: string; segment: NewsletterSegment; target: SegmentTarget; subject: string; html: string; text: string; links: string[]; origin: string; limit: number },
): Promise<number> {
  const pads = signingPads(t.tenantId);
  const last = await t.tx
    .selectFrom('newsletter_sends')
    .select('subscriber_id')
    .where('tenant_id', '=', t.tenantId)
    .where('campaign_id', '=', c.id)
    .orderBy('subscriber_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const sid = sql<string>`r.subscriber_id::text`;
  const unsubSig = hmacSql(pads, sql<string>`${`unsubscribe\n${c.id}\n`} || ${sid}`);
  const clickSig = (i: number) => hmacSql(pads, sql<string>`${`click\n${c.id}\n`} || ${sid} || ${`\n${i}\n${c.links[i]}`}`);
  const unsubToken = sql<string>`${`${c.id}.`} || ${sid} || '.' || ${unsubSig}`;
  // Each recipient's own links in place of the placeholders, in both parts.
  const personal = (part: string) => {
    let e: RawBuilder<string> = sql<string>`replace(${part}::text, ${UNSUBSCRIBE_URL}::text, ${`${c.origin}/newsletter/unsubscribe?token=`} || ${unsubToken})`;
    c.links.forEach((_, i) => {
      e = sql<string>`replace(${e}, ${linkPlaceholder(i)}::text, ${`${c.origin}/c/${c.id}.`} || ${sid} || ${`.${i}.`} || ${clickSig(i)})`;
    });
    return e;
  };
  const r = await sql`
    with r as (
      select s.id as subscriber_id, s.email, md5(${c.id}::text || s.id::text)::uuid as email_id
        from newsletter_subscribers s
       where s.tenant_id = ${t.tenantId} and s.status = 'confirmed' ${segmentFilter(t, c.segment, c.target)}
         and s.id > ${last?.subscriber_id ?? '00000000-0000-0000-0000-000000000000'}::uuid
       order by s.id
       limit ${c.limit}
    ), sent as (
      insert into newsletter_sends (tenant_id, campaign_id, subscriber_id, email_id)
      select ${t.tenantId}, ${c.id}, r.subscriber_id, r.email_id from r
      on conflict do nothing
      returning subscriber_id
    )
    insert into email_outbox (tenant_id, id, to_address, template, subject, body_text, body_html, headers)
    select ${t.tenantId}, r.email_id, r.email, 'newsletter', ${c.subject}, ${personal(c.text)}, ${personal(c.html)},
           jsonb_build_object('List-Unsubscribe', ${`<${c.origin}/api/newsletter/unsubscribe?token=`} || ${unsubToken} || '>', 'List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')
      from r join sent on sent.subscriber_id = r.subscriber_id`.execute(t.tx);
  return Number(r.numAffectedRows ?? 0n);
}

// ---------------------------------------------------------------- clicks and statistics

export function campaignLinks(t: TenantTx, id: string) {
  return t.tx.selectFrom('newsletter_campaigns').select(['links', 'status']).where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}

export function wasSentTo(t: TenantTx, campaignId: string, subscriberId: string) {
  return t.tx.selectFrom('newsletter_sends').select('email_id').where('tenant_id', '=', t.tenantId).where('campaign_id', '=', campaignId).where('subscriber_id', '=', subscriberId).executeTakeFirst();
}

export async function insertClick(t: TenantTx, c: { campaignId: string; subscriberId: string; index: number; target: string }) {
  await t.tx
    .insertInto('click_tracking')
    .values({ tenant_id: t.tenantId, id: uuidv7(), campaign_id: c.campaignId, subscriber_id: c.subscriberId, link_index: c.index, target_url: c.target })
    .execute();
}

export async function campaignStats(t: TenantTx, id: string) {
  const r = await sql<{ recipients: string; delivered: string; failed: string; unique_clicks: string; clicks: string; unsubscribes: string }>`
    select
      (select count(*) from newsletter_sends x where x.tenant_id = ${t.tenantId} and x.campaign_id = ${id}) as recipients,
      (select count(*) from newsletter_sends x join email_outbox o on o.tenant_id = x.tenant_id and o.id = x.email_id
        where x.tenant_id = ${t.tenantId} and x.campaign_id = ${id} and o.status = 'sent') as delivered,
      (select count(*) from newsletter_sends x join email_outbox o on o.tenant_id = x.tenant_id and o.id = x.email_id
        where x.tenant_id = ${t.tenantId} and x.campaign_id = ${id} and o.status = 'failed') as failed,
      (select count(distinct subscriber_id) from click_tracking k where k.tenant_id = ${t.tenantId} and k.campaign_id = ${id}) as unique_clicks,
      (select count(*) from click_tracking k where k.tenant_id = ${t.tenantId} and k.campaign_id = ${id}) as clicks,
      (select count(*) from newsletter_subscribers s where s.tenant_id = ${t.tenantId} and s.unsubscribed_campaign_id = ${id}) as unsubscribes`.execute(t.tx);
  const row = r.rows[0]!;
  return { recipients: Number(row.recipients), delivered: Number(row.delivered), failed: Number(row.failed), uniqueClicks: Number(row.unique_clicks), clicks: Number(row.clicks), unsubscribes: Number(row.unsubscribes) };
}
