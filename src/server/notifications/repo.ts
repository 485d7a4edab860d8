import { sql, type Kysely } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { claimLeased } from '../db/leased-claim';
import type { Database, NotificationChannel } from '../db/types';
import { uuidv7 } from '../ids';

export async function insertEmail(t: TenantTx, m: { to: string; template: string; subject: string; body: string; html?: string | null }): Promise<string> {
  const id = uuidv7();
  await t.tx
    .insertInto('email_outbox')
    .values({ tenant_id: t.tenantId, id, to_address: m.to, template: m.template, subject: m.subject, body_text: m.body, body_html: m.html ?? null })
    .execute();
  return id;
}

/** The current tenant's name, site and branding, for drawing its mail. */
export function mailTenant(t: TenantTx) {
  return t.tx.selectFrom('tenants').select(['name', 'domain', 'slug', 'theme_settings', 'settings']).where('id', '=', t.tenantId).executeTakeFirstOrThrow();
}

/** The member an address belongs to in this tenant (their name and language), if any. */
export function mailRecipient(t: TenantTx, address: string) {
  return t.tx.selectFrom('users').select(['first_name', 'locale']).where('tenant_id', '=', t.tenantId).where('email', '=', address.toLowerCase()).executeTakeFirst();
}

// The delivery worker is platform-level (it serves every tenant) and runs as the owner; its
// claim leases due mail as every delivery queue's does (db/leased-claim.ts).
export function claimPendingEmails(db: Kysely<Database>, limit: number, leaseMs = 120_000, tenantIds?: string[]) {
  return claimLeased(db, { table: 'email_outbox', alias: 'email_outbox' }, (tx) => tx.selectFrom('email_outbox').selectAll(), { limit, leaseMs, tenantIds });
}

export type DeliveryOutcome =
  | { sent: true; providerMessageId?: string }
  | { sent: false; error: string; final: true }
  | { sent: false; error: string; final: false; retryAt: Date };

/** Records a send attempt on the email and in email_logs (one row per attempt, with the provider's id). */
export async function markEmail(db: Kysely<Database>, tenantId: string, id: string, outcome: DeliveryOutcome, provider: string) {
  const set = outcome.sent
    ? { status: 'sent' as const, sent_at: new Date(), provider_message_id: outcome.providerMessageId ?? null, claimed_until: null, last_error: null }
    : outcome.final
      ? { status: 'failed' as const, last_error: outcome.error.slice(0, 500), claimed_until: null }
      : { status: 'pending' as const, last_error: outcome.error.slice(0, 500), claimed_until: null, next_attempt_at: outcome.retryAt };
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('email_outbox').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    await tx
      .insertInto('email_logs')
      .values({
        tenant_id: tenantId,
        id: uuidv7(),
        email_id: id,
        provider,
        provider_message_id: outcome.sent ? (outcome.providerMessageId ?? null) : null,
        status: outcome.sent ? 'sent' : 'failed',
        detail: outcome.sent ? null : outcome.error.slice(0, 1000),
      })
      .execute();
  });
}

export async function listEmailsTo(t: TenantTx, to: string, limit = 20) {
  return t.tx
    .selectFrom('email_outbox')
    .select(['id', 'template', 'subject', 'body_text', 'status', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('to_address', '=', to)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Display names for the From header: mail reads as coming from the community, not the platform. */
export async function tenantNames(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tenants').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- notifications (outbox, in-app, preferences)

export type OutboxInsert = { userId: string; type: string; channel: NotificationChannel; dedupeKey: string; title: string; body: string; link: string | null; data: Record<string, unknown> };

/** The users' own choices and the tenant's defaults for these event types. */
export async function preferenceChoices(t: TenantTx, userIds: string[], types: string[]) {
  const [own, defaults] = await Promise.all([
    t.tx
      .selectFrom('notification_preferences')
      .select(['user_id', 'type', 'channel', 'enabled'])
      .where('tenant_id', '=', t.tenantId)
      .where('user_id', 'in', userIds)
      .where('type', 'in', types)
      .execute(),
    t.tx.selectFrom('notification_defaults').select(['type', 'channel', 'enabled']).where('tenant_id', '=', t.tenantId).where('type', 'in', types).execute(),
  ]);
  return { own, defaults };
}

const OUTBOX_CHUNK = 1000;

/** One row per (event, channel); an event already written for a channel is left as it is. */
export async function insertOutboxRows(t: TenantTx, rows: OutboxInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += OUTBOX_CHUNK) {
    await t.tx
      .insertInto('notification_outbox')
      .values(
        rows.slice(i, i + OUTBOX_CHUNK).map((r) => ({
          tenant_id: t.tenantId,
          id: uuidv7(),
          user_id: r.userId,
          type: r.type,
          channel: r.channel,
          dedupe_key: r.dedupeKey,
          title: r.title,
          body: r.body,
          link: r.link,
          data: JSON.stringify(r.data),
        })),
      )
      .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key', 'channel']).doNothing())
      .execute();
  }
}

/**
 * Delivers due in-app and email outbox rows in one transaction (the delivery worker, as the
 * owner, for every tenant or `tenantIds`): in-app rows become notifications, email rows become
 * queued mail (email_outbox, sent by the mailer), and the rows are marked delivered. Both
 * targets take the outbox row's id, and the whole step commits or rolls back at once, so a
 * worker that dies half-way leaves the rows pending and the next one delivers each once.
 * `renderEmail` turns a row into the mail's subject, text and headers.
 */
export async function deliverDueRows(
  db: Kysely<Database>,
  opts: { limit: number; tenantIds?: string[]; renderEmail: (row: DueEmailRow) => Promise<{ subject: string; body: string; html: string; headers: Record<string, string> }>; beforeCommit?: () => Promise<void> },
): Promise<{ inApp: number; email: number }> {
  return db.transaction().execute(async (tx) => {
    let q = tx.selectFrom('notification_outbox').select(['tenant_id', 'id', 'channel']);
    if (opts.tenantIds) q = q.where('tenant_id', 'in', opts.tenantIds.length ? opts.tenantIds : ['00000000-0000-0000-0000-000000000000']);
    const due = await q
      .where('status', '=', 'pending')
      .where('channel', 'in', ['in_app', 'email'])
      .where(sql<boolean>`coalesce(next_attempt_at, created_at) <= now()`)
      .orderBy(sql`coalesce(next_attempt_at, created_at)`)
      .limit(opts.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return { inApp: 0, email: 0 };
    // The explicit tenant filter beside the ids, as every query carries (shard pruning on Citus).
    const tenants = [...new Set(due.map((r) => r.tenant_id))];
    const inAppIds = due.filter((r) => r.channel === 'in_app').map((r) => r.id);
    const emailIds = due.filter((r) => r.channel === 'email').map((r) => r.id);
    if (inAppIds.length)
      await tx
        .insertInto('notifications')
        .columns(['tenant_id', 'id', 'user_id', 'type', 'title', 'body', 'link', 'data', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('notification_outbox')
            .select(['tenant_id', 'id', 'user_id', 'type', 'title', 'body', 'link', 'data', 'created_at'])
            .where('tenant_id', 'in', tenants)
            .where('id', 'in', inAppIds),
        )
        .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
        .execute();
    if (emailIds.length) {
      const rows = await tx
        .selectFrom('notification_outbox as o')
        .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.user_id'))
        .innerJoin('tenants as t', 't.id', 'o.tenant_id')
        .select([
          'o.tenant_id',
          'o.id',
          'o.user_id',
          'o.type',
          'o.title',
          'o.body',
          'o.link',
          'o.data',
          'o.created_at',
          'u.email',
          'u.first_name',
          'u.locale',
          't.name as tenant_name',
          't.domain as tenant_domain',
          't.slug as tenant_slug',
          't.theme_settings as tenant_theme',
          't.settings as tenant_settings',
        ])
        .where('o.tenant_id', 'in', tenants)
        .where('o.id', 'in', emailIds)
        .execute();
      const mails = await Promise.all(
        rows.map(async (r) => {
          const m = await opts.renderEmail(r as DueEmailRow);
          return { tenant_id: r.tenant_id, id: r.id, to_address: r.email, template: r.type, subject: m.subject, body_text: m.body, body_html: m.html, headers: JSON.stringify(m.headers) };
        }),
      );
      if (mails.length)
        await tx
          .insertInto('email_outbox')
          .values(mails)
          .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
          .execute();
    }
    await tx
      .updateTable('notification_outbox')
      .set((eb) => ({ status: 'delivered', delivered_at: sql<Date>`now()`, attempts: eb('attempts', '+', 1) }))
      .where('tenant_id', 'in', tenants)
      .where('id', 'in', due.map((r) => r.id))
      .execute();
    await opts.beforeCommit?.();
    return { inApp: inAppIds.length, email: emailIds.length };
  });
}

export type DueEmailRow = {
  tenant_id: string;
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  email: string;
  first_name: string;
  locale: string | null;
  tenant_name: string;
  tenant_domain: string | null;
  tenant_slug: string;
  tenant_theme: unknown;
  tenant_settings: unknown;
};

// ---------------------------------------------------------------- the in-app list (as the user, through RLS)

export type NotificationRow = { id: string; type: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };

/** Newest first; `before` is the (created_at, id) of the last row of the previous page. */
export async function listNotifications(t: TenantTx, userId: string, opts: { limit: number; before?: { at: Date; id: string }; unreadOnly?: boolean }): Promise<NotificationRow[]> {
  let q = t.tx
    .selectFrom('notifications')
    .select(['id', 'type', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId);
  if (opts.before) q = q.where(sql<boolean>`(created_at, id) < (${opts.before.at}, ${opts.before.id}::uuid)`);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function findNotification(t: TenantTx, userId: string, id: string) {
  return t.tx.selectFrom('notifications').select(['id', 'created_at']).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('id', '=', id).executeTakeFirst();
}

export async function countUnread(t: TenantTx, userId: string): Promise<number> {
  const r = await t.tx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks the user's own notifications read (all of them when `ids` is null); returns how many changed. */
export async function markNotificationsRead(t: TenantTx, userId: string, ids: string[] | null): Promise<number> {
  let q = t.tx
    .updateTable('notifications')
    .set({ read_at: sql<Date>`now()` })
    .where('tenant_id', '=', t.tenantId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---------------------------------------------------------------- preferences

export async function userPreferences(t: TenantTx, userId: string) {
  return t.tx.selectFrom('notification_preferences').select(['type', 'channel', 'enabled']).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).execute();
}

export async function tenantDefaults(t: TenantTx) {
  return t.tx.selectFrom('notification_defaults').select(['type', 'channel', 'enabled']).where('tenant_id', '=', t.tenantId).execute();
}

export type PreferenceWrite = { type: string; channel: NotificationChannel; enabled: boolean };

export async function upsertUserPreferences(t: TenantTx, userId: string, prefs: PreferenceWrite[]): Promise<void> {
  if (prefs.length === 0) return;
  await t.tx
    .insertInto('notification_preferences')
    .values(prefs.map((p) => ({ tenant_id: t.tenantId, user_id: userId, type: p.type, channel: p.channel, enabled: p.enabled })))
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'type', 'channel']).doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled'), updated_at: sql<Date>`now()` })))
    .execute();
}

export async function upsertTenantDefaults(t: TenantTx, prefs: PreferenceWrite[]): Promise<void> {
  if (prefs.length === 0) return;
  await t.tx
    .insertInto('notification_defaults')
    .values(prefs.map((p) => ({ tenant_id: t.tenantId, type: p.type, channel: p.channel, enabled: p.enabled })))
    .onConflict((oc) => oc.columns(['tenant_id', 'type', 'channel']).doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled'), updated_at: sql<Date>`now()` })))
    .execute();
}

// ---------------------------------------------------------------- fan-out to an audience

export type FanoutInsert = { type: string; audience: 'deal_investors'; audienceId: string; excludeUserId: string | null; dedupeKey: string; title: string; body: string; link: string | null; data: Record<string, unknown> };

/** One row for the whole audience, in the caller's transaction; the same event twice is one row. */
export async function insertFanout(t: TenantTx, f: FanoutInsert): Promise<void> {
  await t.tx
    .insertInto('notification_fanouts')
    .values({ tenant_id: t.tenantId, id: uuidv7(), type: f.type, audience: f.audience, audience_id: f.audienceId, exclude_user_id: f.excludeUserId, dedupe_key: f.dedupeKey, title: f.title, body: f.body, link: f.link, data: JSON.stringify(f.data) })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .execute();
}

/** Whether a channel is on for a type when nobody chose: locked, and the built-in default. */
export type ChannelRule = { locked: boolean; byDefault: boolean };

/**
 * Expands due fan-outs (the delivery worker, as the owner): per fan-out, one insert ... select
 * straight into notifications for the in-app channel and one into the outbox for email, each
 * recipient filtered by their choice, else the tenant default, else the built-in one. The
 * audience of 'deal_investors' is everyone with a live investment in the deal, read here so
 * the expansion is one statement rather than ten thousand rows through the application.
 */
export async function expandDueFanouts(
  db: Kysely<Database>,
  opts: { limit: number; tenantIds?: string[]; rules: (type: string) => Record<NotificationChannel, ChannelRule>; beforeCommit?: () => Promise<void> },
): Promise<{ fanouts: number; inApp: number; email: number; telegram: number }> {
  return db.transaction().execute(async (tx) => {
    let q = tx.selectFrom('notification_fanouts').selectAll().where('status', '=', 'pending');
    if (opts.tenantIds) q = q.where('tenant_id', 'in', opts.tenantIds.length ? opts.tenantIds : ['00000000-0000-0000-0000-000000000000']);
    const due = await q.orderBy('created_at').limit(opts.limit).forUpdate().skipLocked().execute();
    let inApp = 0;
    let email = 0;
    let telegram = 0;
    for (const f of due) {
      const rules = opts.rules(f.type);
      const recipients = sql`
        select distinct i.investor_id as user_id
          from investments i
         where i.tenant_id = ${f.tenant_id} and i.deal_id = ${f.audience_id}
           and i.status in ('pending_kyc', 'pending_payment', 'in_escrow', 'confirmed')
           and i.investor_id is distinct from ${f.exclude_user_id}::uuid`;
      const enabled = (channel: NotificationChannel) => sql`
        left join notification_preferences p on p.tenant_id = ${f.tenant_id} and p.user_id = r.user_id and p.type = ${f.type} and p.channel = ${channel}
        left join notification_defaults d on d.tenant_id = ${f.tenant_id} and d.type = ${f.type} and d.channel = ${channel}
        where ${rules[channel].locked} or coalesce(p.enabled, d.enabled, ${rules[channel].byDefault})`;
      const a = await sql`
        insert into notifications (tenant_id, id, user_id, type, title, body, link, data, created_at)
        select ${f.tenant_id}, md5(${f.id}::text || r.user_id::text || 'in_app')::uuid, r.user_id, ${f.type}, ${f.title}, ${f.body}, ${f.link}, ${JSON.stringify(f.data)}::jsonb, ${f.created_at}
          from (${recipients}) r ${enabled('in_app')}
        on conflict (tenant_id, id) do nothing`.execute(tx);
      const e = await sql`
        insert into notification_outbox (tenant_id, id, user_id, type, channel, dedupe_key, title, body, link, data, created_at)
        select ${f.tenant_id}, md5(${f.id}::text || r.user_id::text || 'email')::uuid, r.user_id, ${f.type}, 'email', ${f.dedupe_key} || ':' || r.user_id::text, ${f.title}, ${f.body}, ${f.link}, ${JSON.stringify(f.data)}::jsonb, ${f.created_at}
          from (${recipients}) r ${enabled('email')}
        on conflict do nothing`.execute(tx);
      // Telegram: only recipients who linked a chat to the tenant's bot.
      const tg = await sql`
        insert into notification_outbox (tenant_id, id, user_id, type, channel, dedupe_key, title, body, link, data, created_at)
        select ${f.tenant_id}, md5(${f.id}::text || r.user_id::text || 'telegram')::uuid, r.user_id, ${f.type}, 'telegram', ${f.dedupe_key} || ':' || r.user_id::text, ${f.title}, ${f.body}, ${f.link}, ${JSON.stringify(f.data)}::jsonb, ${f.created_at}
          from (${recipients}) r
          join telegram_links l on l.tenant_id = ${f.tenant_id} and l.user_id = r.user_id ${enabled('telegram')}
        on conflict do nothing`.execute(tx);
      const n = Number(a.numAffectedRows ?? 0);
      inApp += n;
      email += Number(e.numAffectedRows ?? 0);
      telegram += Number(tg.numAffectedRows ?? 0);
      await tx
        .updateTable('notification_fanouts')
        .set({ status: 'delivered', delivered_at: sql<Date>`now()`, recipients: n })
        .where('tenant_id', '=', f.tenant_id)
        .where('id', '=', f.id)
        .execute();
    }
    if (due.length) await opts.beforeCommit?.();
    return { fanouts: due.length, inApp, email, telegram };
  });
}

// ---------------------------------------------------------------- provider events (Resend webhooks)

/** The tenant's email that the provider knows by this id. */
export async function findEmailByProviderId(t: TenantTx, providerMessageId: string) {
  return t.tx.selectFrom('email_outbox').select(['id', 'status']).where('tenant_id', '=', t.tenantId).where('provider_message_id', '=', providerMessageId).executeTakeFirst();
}

/** One provider event on an email; the same event id twice is recorded once. Returns whether it was new. */
export async function insertEmailEvent(t: TenantTx, e: { emailId: string; provider: string; providerMessageId: string; status: 'delivered' | 'delayed' | 'bounced' | 'complained' | 'opened' | 'clicked' | 'sent'; detail: string | null; eventId: string }): Promise<boolean> {
  const r = await t.tx
    .insertInto('email_logs')
    .values({ tenant_id: t.tenantId, id: uuidv7(), email_id: e.emailId, provider: e.provider, provider_message_id: e.providerMessageId, status: e.status, detail: e.detail, event_id: e.eventId })
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function emailLog(t: TenantTx, emailId: string) {
  return t.tx.selectFrom('email_logs').select(['provider', 'provider_message_id', 'status', 'detail', 'created_at']).where('tenant_id', '=', t.tenantId).where('email_id', '=', emailId).orderBy('created_at').orderBy('id').execute();
}

// ---------------------------------------------------------------- email language and tenant email settings

export async function userLocale(t: TenantTx, userId: string): Promise<string | null> {
  const r = await t.tx.selectFrom('users').select('locale').where('tenant_id', '=', t.tenantId).where('id', '=', userId).executeTakeFirst();
  return r?.locale ?? null;
}

export async function setUserLocale(t: TenantTx, userId: string, locale: string | null): Promise<void> {
  await t.tx.updateTable('users').set({ locale, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('id', '=', userId).execute();
}

/** Replaces settings.email of the current tenant (the caller holds the row lock, tenancy/repo.lockTenantSettingsRow). */
export async function writeEmailSettings(t: TenantTx, email: Record<string, unknown>): Promise<void> {
  await t.tx
    .updateTable('tenants')
    .set({ settings: sql`coalesce(settings, '{}'::jsonb) || jsonb_build_object('email', ${JSON.stringify(email)}::jsonb)`, updated_at: new Date() })
    .where('id', '=', t.tenantId)
    .execute();
}
