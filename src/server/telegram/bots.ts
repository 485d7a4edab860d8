import { audit, type RequestMeta } from '../audit/service';
import type { Principal } from '../auth/principal';
import type { Config } from '../config';
import { withTenant, type TenantTx } from '../db/tenant';
import { BadRequest, NotFound } from '../errors';
import { dataEncryptionKey, openSecret, sealSecret } from '../kyc/credentials';
import { tenantOrigin } from '../notifications/notification-email';
import type { TenantContext } from '../tenancy/resolve';
import { BOT_TOKEN, botApi, classifyFailure, identify, platformBotIdentity, webhookHeaderSecret, webhookPathSecret, type BotIdentity } from './bot-api';
import { deleteBot, findBot, upsertBot } from './repo';

// Which bot speaks for a tenant: its own (set by its admins, the token sealed at rest), else
// the platform's TELEGRAM_BOT_TOKEN, else none (the channel is off).

export type TenantBot = BotIdentity & { token: string; source: 'tenant' | 'platform' };

/** The sealed token's associated data: a token copied into another tenant's row does not open. */
export const tokenAad = (tenantId: string) => `telegram_bots|${tenantId}`;

type BotConfig = Pick<Config, 'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_API_ROOT' | 'DATA_ENCRYPTION_KEY'>;

export function openBotToken(config: Pick<Config, 'DATA_ENCRYPTION_KEY'>, tenantId: string, sealed: string): string {
  return openSecret(sealed, dataEncryptionKey(config), tokenAad(tenantId));
}

export async function tenantBot(t: TenantTx, config: BotConfig): Promise<TenantBot | null> {
  const own = await findBot(t);
  if (own) return { token: openBotToken(config, t.tenantId, own.token_sealed), id: Number(own.bot_id), username: own.bot_username, source: 'tenant' };
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  return { token: config.TELEGRAM_BOT_TOKEN, ...(await platformBotIdentity(config.TELEGRAM_BOT_TOKEN, config)), source: 'platform' };
}

const webhookUrl = (config: Pick<Config, 'APP_ENV' | 'PLATFORM_BASE_DOMAIN' | 'PORT'>, tenant: TenantContext, token: string) =>
  `${tenantOrigin(config, tenant)}/api/webhooks/telegram/${webhookPathSecret(token, tenant.id)}`;

const settingsView = (config: Config, tenant: TenantContext, bot: TenantBot | null) => ({
  configured: bot !== null,
  source: bot?.source ?? null,
  botUsername: bot?.username ?? null,
  // The address Telegram posts updates to (setWebhook); it carries a secret, so admins only.
  webhookUrl: bot ? webhookUrl(config, tenant, bot.token) : null,
});

export async function telegramSettings(tenant: TenantContext, p: Principal, config: Config) {
  // The platform bot's identity is asked of Telegram; unreachable, the page shows no bot rather than failing.
  const bot = await withTenant(tenant.id, { userId: p.userId }, (t) => tenantBot(t, config)).catch(() => null);
  return settingsView(config, tenant, bot);
}

/** Points the bot's webhook at this tenant's site; Telegram refuses plain http, so locally it may fail (said, not thrown). */
async function registerWebhook(config: Config, tenant: TenantContext, token: string): Promise<{ set: boolean; error: string | null }> {
  try {
    await botApi(token, config).setWebhook(webhookUrl(config, tenant, token), { secret_token: webhookHeaderSecret(token, tenant.id), allowed_updates: ['message'] });
    return { set: true, error: null };
  } catch (e) {
    return { set: false, error: classifyFailure(e).error };
  }
}

/**
 * The tenant's own bot: the token is checked with Telegram (getMe) before it is stored,
 * sealed, and the webhook registered. Audited without the token.
 */
export async function configureTelegramBot(tenant: TenantContext, p: Principal, config: Config, input: { token: string }, meta: RequestMeta) {
  if (!BOT_TOKEN.test(input.token)) throw new BadRequest('telegram_token_invalid', 'token is not a Telegram bot token (as @BotFather gives it: "123456789:AA…")');
  const key = dataEncryptionKey(config);
  let me: BotIdentity;
  try {
    me = await identify(input.token, config);
  } catch (e) {
    const f = classifyFailure(e);
    if (f.retryable) throw new BadRequest('telegram_unreachable', `Telegram could not be asked about this bot; try again (${f.error})`);
    throw new BadRequest('telegram_token_rejected', `Telegram refused this token (${f.error})`);
  }
  const bot = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    await upsertBot(t, { tokenSealed: sealSecret(input.token, key, tokenAad(tenant.id)), botId: me.id, botUsername: me.username, updatedBy: p.userId });
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'telegram.bot_configured', targetType: 'tenant', targetId: tenant.id, metadata: { botUsername: me.username, botId: me.id } }, meta);
    return tenantBot(t, config);
  });
  return { ...settingsView(config, tenant, bot), webhook: await registerWebhook(config, tenant, input.token) };
}

/** Removes the tenant's own bot (its linked chats with it); the platform's, if any, serves again. */
export async function removeTelegramBot(tenant: TenantContext, p: Principal, config: Config, meta: RequestMeta) {
  const removed = await withTenant(tenant.id, { userId: p.userId }, async (t) => {
    const own = await findBot(t);
    if (!own || !(await deleteBot(t))) throw new NotFound('This tenant has no Telegram bot of its own', 'telegram_bot_not_found');
    await audit(t, { actorId: p.userId, actorRole: p.role, action: 'telegram.bot_removed', targetType: 'tenant', targetId: tenant.id, metadata: { botUsername: own.bot_username } }, meta);
    return own;
  });
  // Telegram stops posting to us; failing that, the derived path no longer matches any bot.
  await botApi(openBotToken(config, tenant.id, removed.token_sealed), config)
    .deleteWebhook()
    .catch(() => {});
  return telegramSettings(tenant, p, config);
}
