import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import { hashToken, randomToken } from '../auth/secret-token';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import { Conflict } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { tenantBot } from './bots';
import { consumeLinkCode, deleteLink, findLink, findLinkByChat, insertLinkCode, linkChat } from './repo';

// A member links their Telegram account by a one-time code: the app shows the code and a
// t.me deep link; the bot receives "/start <code>" and links that chat to the member. Codes
// are random (only their hash is stored), per tenant, single use and short-lived.

export const LINK_CODE_TTL_MS = 10 * 60_000;

export async function myTelegram(tenant: TenantContext, p: Principal, config: Config) {
  return withTenant(tenant.id, p, async (t) => {
    const bot = await tenantBot(t, config).catch(() => null);
    const link = await findLink(t, p.userId);
    return {
      available: bot !== null,
      botUsername: bot?.username ?? null,
      linked: link ? { username: link.telegram_username, linkedAt: link.linked_at.toISOString() } : null,
    };
  });
}

/** A fresh code (earlier unused ones stop working) and the deep link that sends it to the bot. */
export async function createLinkCode(tenant: TenantContext, p: Principal, config: Config, meta: RequestMeta) {
  return withTenant(tenant.id, p, async (t) => {
    const bot = await tenantBot(t, config);
    if (!bot) throw new Conflict('telegram_not_configured', `${tenant.name} has not set up a Telegram bot yet`);
    // 16 random bytes: 22 characters of [A-Za-z0-9_-], what a t.me start parameter allows.
    const code = randomToken(16);
    const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MS);
    await insertLinkCode(t, p.userId, hashToken(code), expiresAt);
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'telegram.link_code_created', targetType: 'user', targetId: p.userId }, meta);
    return { code, deepLink: `https://t.me/${bot.username}?start=${code}`, botUsername: bot.username, expiresAt: expiresAt.toISOString() };
  });
}

export async function unlinkTelegram(tenant: TenantContext, p: Principal, meta: RequestMeta) {
  return withTenant(tenant.id, p, async (t) => {
    const chat = await deleteLink(t, p.userId);
    if (chat) await audit(t, { actorId: p.userId, actorRole: p.role, action: 'telegram.unlinked', targetType: 'user', targetId: p.userId, metadata: { via: 'app' } }, meta);
    return { unlinked: chat !== null };
  });
}

export type ChatLinkOutcome = { linked: true; userId: string } | { linked: false };

/** "/start <code>" from a private chat: links it to the code's user, once. */
export async function linkChatByCode(tenantId: string, code: string, chat: { id: number; username: string | null }, meta: RequestMeta): Promise<ChatLinkOutcome> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(code)) return { linked: false };
  return withTenant(tenantId, null, async (t) => {
    const userId = await consumeLinkCode(t, hashToken(code));
    if (!userId) return { linked: false };
    await linkChat(t, userId, chat.id, chat.username);
    await audit(t, { actorId: userId, action: 'telegram.linked', targetType: 'user', targetId: userId, metadata: { chatId: chat.id, username: chat.username } }, meta);
    return { linked: true, userId };
  });
}

/** "/stop" from the chat: the member stops hearing here. */
export async function unlinkChat(tenantId: string, chatId: number, meta: RequestMeta): Promise<boolean> {
  return withTenant(tenantId, null, async (t) => {
    const link = await findLinkByChat(t, chatId);
    if (!link) return false;
    await deleteLink(t, link.user_id);
    await audit(t, { actorId: link.user_id, action: 'telegram.unlinked', targetType: 'user', targetId: link.user_id, metadata: { via: 'bot' } }, meta);
    return true;
  });
}
