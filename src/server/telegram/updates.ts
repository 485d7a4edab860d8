import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { z } from 'zod';
import type { RequestMeta } from '../audit/service';
import { safeEqual } from '../auth/secret-token';
import type { Config } from '../config';
import { withTenant } from '../db/tenant';
import { BadRequest, NotFound, Unauthorized } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { webhookHeaderSecret, webhookPathSecret } from './bot-api';
import { tenantBot, type TenantBot } from './bots';
import { linkChatByCode, unlinkChat } from './linking';

// Updates from the tenant's bot, posted by Telegram to /api/webhooks/telegram/<path> on the
// tenant's own host. The path and the X-Telegram-Bot-Api-Secret-Token header are both derived
// from the bot token and the tenant (bot-api.ts): a wrong path is a 404, a wrong header a 401,
// and nothing is read before both match. grammy dispatches the commands.

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

// Only what the handlers read; grammy gets the update as Telegram sent it.
const updateShape = z.looseObject({ update_id: z.number().int() });

function botFor(tenant: TenantContext, bot: TenantBot, config: Pick<Config, 'TELEGRAM_API_ROOT'>, meta: RequestMeta): Bot {
  // The identity is stored (getMe at configuration), so no request goes out before handling.
  const botInfo = { id: bot.id, is_bot: true, first_name: bot.username, username: bot.username } as UserFromGetMe;
  const b = new Bot(bot.token, { botInfo, client: { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') } });
  b.command('start', async (ctx) => {
    if (ctx.chat.type !== 'private') return void (await ctx.reply('Send the code in a private chat with me.'));
    const code = ctx.match.trim();
    if (!code) return void (await ctx.reply(`To get ${tenant.name}'s notifications here, open Settings → Notifications on the site and press "Link Telegram".`));
    const r = await linkChatByCode(tenant.id, code, { id: ctx.chat.id, username: ctx.from?.username ?? null }, meta);
    await ctx.reply(r.linked ? `Linked. ${tenant.name}'s notifications come here now; send /stop to unlink.` : 'This code is not valid (codes work once, for 10 minutes). Get a new one on the site.');
  });
  b.command('stop', async (ctx) => {
    const done = await unlinkChat(tenant.id, ctx.chat.id, meta);
    await ctx.reply(done ? `Unlinked: ${tenant.name}'s notifications no longer come here.` : 'This chat is not linked.');
  });
  b.on('message', (ctx) => ctx.reply(`I send ${tenant.name}'s notifications. Link this chat from Settings → Notifications on the site; /stop unlinks it.`));
  return b;
}

export async function handleTelegramUpdate(tenant: TenantContext, pathSecret: string, headers: Headers, readBody: () => Promise<string>, config: Config, meta: RequestMeta): Promise<{ ok: true }> {
  const bot = await withTenant(tenant.id, null, (t) => tenantBot(t, config));
  if (!bot || !safeEqual(pathSecret, webhookPathSecret(bot.token, tenant.id))) throw new NotFound('No Telegram webhook here', 'telegram_webhook_not_found');
  const header = headers.get(SECRET_HEADER);
  if (!header || !safeEqual(header, webhookHeaderSecret(bot.token, tenant.id))) throw new Unauthorized('X-Telegram-Bot-Api-Secret-Token is missing or wrong', 'telegram_secret_invalid');
  let update: unknown;
  try {
    update = JSON.parse(await readBody());
  } catch {
    throw new BadRequest('telegram_update_invalid', 'the body is not JSON');
  }
  const parsed = updateShape.safeParse(update);
  if (!parsed.success) throw new BadRequest('telegram_update_invalid', 'the body is not a Telegram update (update_id missing)');
  await botFor(tenant, bot, config, meta).handleUpdate(parsed.data as Parameters<Bot['handleUpdate']>[0]);
  return { ok: true };
}
