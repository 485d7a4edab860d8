import { createHmac } from 'node:crypto';
import { Api, GrammyError, HttpError } from 'grammy';
import type { Config } from '../config';

// The Bot API through grammy, against TELEGRAM_API_ROOT (Telegram itself, or a fake server in
// tests). The webhook's path and its X-Telegram-Bot-Api-Secret-Token are derived from the bot
// token and the tenant, so nothing extra is stored, a token change moves both, and a path or
// header of one tenant is worth nothing on another's host.

export type BotIdentity = { id: number; username: string };

export function botApi(token: string, config: Pick<Config, 'TELEGRAM_API_ROOT'>): Api {
  return new Api(token, { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') });
}

const derive = (token: string, purpose: string, tenantId: string) => createHmac('sha256', token).update(`cdp telegram ${purpose}\0${tenantId}`).digest('base64url');

/** The last segment of /api/webhooks/telegram/<path>. */
export const webhookPathSecret = (token: string, tenantId: string) => derive(token, 'path', tenantId).slice(0, 32);

/** Telegram's secret_token (1-256 characters of A-Z, a-z, 0-9, _ and -): base64url fits. */
export const webhookHeaderSecret = (token: string, tenantId: string) => derive(token, 'header', tenantId);

/** A token as @BotFather hands it out: "<bot id>:<secret>". */
export const BOT_TOKEN = /^\d{5,20}:[A-Za-z0-9_-]{30,100}$/;

// The platform bot's identity, asked once per process (getMe), as tenants' bots store theirs.
const identities = new Map<string, Promise<BotIdentity>>();

export async function identify(token: string, config: Pick<Config, 'TELEGRAM_API_ROOT'>): Promise<BotIdentity> {
  const me = await botApi(token, config).getMe();
  return { id: me.id, username: me.username };
}

export function platformBotIdentity(token: string, config: Pick<Config, 'TELEGRAM_API_ROOT'>): Promise<BotIdentity> {
  const key = `${config.TELEGRAM_API_ROOT}|${token}`;
  let p = identities.get(key);
  if (!p) {
    p = identify(token, config);
    identities.set(key, p);
    p.catch(() => identities.delete(key));
  }
  return p;
}

/**
 * Whether a failed call is worth retrying: the network, Telegram's 5xx and 429 (flood control,
 * with its retry_after) are; any other answer (403 the user blocked the bot, 400 chat not
 * found) will fail the same way again.
 */
export function classifyFailure(e: unknown): { error: string; retryable: boolean; retryAfterMs?: number } {
  if (e instanceof GrammyError) {
    const retryAfter = e.parameters?.retry_after;
    return { error: `Telegram ${e.error_code}: ${e.description}`, retryable: e.error_code >= 500 || e.error_code === 429, retryAfterMs: retryAfter ? retryAfter * 1000 : undefined };
  }
  if (e instanceof HttpError) return { error: `Telegram unreachable: ${e.message}`, retryable: true };
  return { error: e instanceof Error ? e.message : String(e), retryable: true };
}
