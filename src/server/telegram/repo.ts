import { sql, type Kysely } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { claimLeased } from '../db/leased-claim';
import type { Database } from '../db/types';

// SQL of the Telegram channel: the tenant's bot, link codes, linked chats, pins. Request paths
// run as the app role through withTenant (RLS plus the explicit tenant filter); the delivery
// worker is platform-level and runs as the owner, like the mail deliverer.

// ---------------------------------------------------------------- the tenant's bot

export async function findBot(t: TenantTx) {
  return t.tx.selectFrom('telegram_bots').select(['token_sealed', 'bot_id', 'bot_username', 'updated_at']).where('tenant_id', '=', t.tenantId).executeTakeFirst();
}

export async function upsertBot(t: TenantTx, b: { tokenSealed: string; botId: number; botUsername: string; updatedBy: string }) {
  await t.tx
    .insertInto('telegram_bots')
    .values({ tenant_id: t.tenantId, token_sealed: b.tokenSealed, bot_id: b.botId, bot_username: b.botUsername, updated_by: b.updatedBy })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ token_sealed: b.tokenSealed, bot_id: b.botId, bot_username: b.botUsername, updated_by: b.updatedBy, updated_at: sql<Date>`now()` }))
    .execute();
}

/** Removes the tenant's bot; the chats linked to it can no longer be reached, so they go too. */
export async function deleteBot(t: TenantTx): Promise<boolean> {
  const r = await t.tx.deleteFrom('telegram_bots').where('tenant_id', '=', t.tenantId).executeTakeFirst();
  await t.tx.deleteFrom('telegram_links').where('tenant_id', '=', t.tenantId).execute();
  await t.tx.deleteFrom('telegram_pins').where('tenant_id', '=', t.tenantId).execute();
  return Number(r.numDeletedRows) > 0;
}

// ---------------------------------------------------------------- link codes and links

/** A new code for the user; their earlier unused codes stop working. */
export async function insertLinkCode(t: TenantTx, userId: string, codeHash: string, expiresAt: Date) {
  await t.tx.deleteFrom('telegram_link_codes').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  await t.tx.insertInto('telegram_link_codes').values({ tenant_id: t.tenantId, code_hash: codeHash, user_id: userId, expires_at: expiresAt }).execute();
}

/** Uses up an unexpired, unused code (once: a second use finds nothing); the user it names. */
export async function consumeLinkCode(t: TenantTx, codeHash: string): Promise<string | null> {
  const r = await t.tx
    .updateTable('telegram_link_codes')
    .set({ used_at: sql<Date>`now()` })
    .where('tenant_id', '=', t.tenantId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return r?.user_id ?? null;
}

/** Links the chat to the user: one chat per user and one user per chat, the newest link wins. */
export async function linkChat(t: TenantTx, userId: string, chatId: number, username: string | null) {
  await t.tx.deleteFrom('telegram_links').where('tenant_id', '=', t.tenantId).where('chat_id', '=', String(chatId)).where('user_id', '<>', userId).execute();
  await t.tx
    .insertInto('telegram_links')
    .values({ tenant_id: t.tenantId, user_id: userId, chat_id: chatId, telegram_username: username })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ chat_id: chatId, telegram_username: username, linked_at: sql<Date>`now()` }))
    .execute();
}

export async function findLink(t: TenantTx, userId: string) {
  return t.tx.selectFrom('telegram_links').select(['chat_id', 'telegram_username', 'linked_at']).where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).executeTakeFirst();
}

export async function findLinkByChat(t: TenantTx, chatId: number) {
  return t.tx.selectFrom('telegram_links').select(['user_id']).where('tenant_id', '=', t.tenantId).where('chat_id', '=', String(chatId)).executeTakeFirst();
}

/** Unlinks the user; the chat's pins are forgotten with it. Returns the chat that was linked. */
export async function deleteLink(t: TenantTx, userId: string): Promise<string | null> {
  const r = await t.tx.deleteFrom('telegram_links').where('tenant_id', '=', t.tenantId).where('user_id', '=', userId).returning('chat_id').executeTakeFirst();
  if (r) await t.tx.deleteFrom('telegram_pins').where('tenant_id', '=', t.tenantId).where('chat_id', '=', r.chat_id).execute();
  return r?.chat_id ?? null;
}

/** Which of these users have linked a chat (notify() writes Telegram rows for them only). */
export async function linkedUserIds(t: TenantTx, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await t.tx.selectFrom('telegram_links').select('user_id').where('tenant_id', '=', t.tenantId).where('user_id', 'in', userIds).execute();
  return new Set(rows.map((r) => r.user_id));
}

// ---------------------------------------------------------------- delivery (the worker, as the owner)

/**
 * Leases due Telegram outbox rows with the chat each goes to (null once the user unlinked),
 * with the queues' one claim (db/leased-claim.ts): until the lease runs out no other deliverer takes them.
 */
export function claimDueTelegram(db: Kysely<Database>, limit: number, leaseMs: number, tenantIds?: string[]) {
  return claimLeased(
    db,
    { table: 'notification_outbox', alias: 'o' },
    (tx) =>
      tx
        .selectFrom('notification_outbox as o')
        .leftJoin('telegram_links as l', (j) => j.onRef('l.tenant_id', '=', 'o.tenant_id').onRef('l.user_id', '=', 'o.user_id'))
        .select(['o.tenant_id', 'o.id', 'o.user_id', 'o.type', 'o.title', 'o.body', 'o.link', 'o.data', 'o.attempts', 'l.chat_id'])
        .where('o.channel', '=', 'telegram'),
    { limit, leaseMs, tenantIds },
  );
}

export type TelegramOutcome = { sent: true } | { sent: false; error: string; retryAt: Date | null };

export async function markTelegram(db: Kysely<Database>, tenantId: string, id: string, o: TelegramOutcome) {
  const set = o.sent
    ? { status: 'delivered' as const, delivered_at: sql<Date>`now()`, claimed_until: null, last_error: null }
    : { status: o.retryAt ? ('pending' as const) : ('failed' as const), last_error: o.error.slice(0, 500), claimed_until: null, next_attempt_at: o.retryAt };
  await db.updateTable('notification_outbox').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The tenants' own bots (sealed tokens) and sites, for a delivery round. */
export async function botsAndSites(db: Kysely<Database>, tenantIds: string[]) {
  if (tenantIds.length === 0) return [];
  return db
    .selectFrom('tenants as t')
    .leftJoin('telegram_bots as b', 'b.tenant_id', 't.id')
    .select(['t.id', 't.name', 't.slug', 't.domain', 'b.token_sealed'])
    .where('t.id', 'in', tenantIds)
    .execute();
}

export async function findPin(db: Kysely<Database>, tenantId: string, chatId: string, pinKey: string) {
  return db.selectFrom('telegram_pins').select('message_id').where('tenant_id', '=', tenantId).where('chat_id', '=', chatId).where('pin_key', '=', pinKey).executeTakeFirst();
}

export async function upsertPin(db: Kysely<Database>, tenantId: string, chatId: string, pinKey: string, messageId: number) {
  await db
    .insertInto('telegram_pins')
    .values({ tenant_id: tenantId, chat_id: chatId, pin_key: pinKey, message_id: messageId })
    .onConflict((oc) => oc.columns(['tenant_id', 'chat_id', 'pin_key']).doUpdateSet({ message_id: messageId, pinned_at: sql<Date>`now()` }))
    .execute();
}
