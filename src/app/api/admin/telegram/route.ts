import { route } from '@/server/http/route';
import { botTokenInput } from '@/server/telegram/schema';
import { configureTelegramBot, removeTelegramBot, telegramSettings } from '@/server/telegram/service';

// The tenant's Telegram bot (token sealed at rest, never returned).
export const GET = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, config }) => telegramSettings(tenant, principal, config));
export const PUT = route({ roles: ['tenant_admin'], body: botTokenInput }, async ({ tenant, principal, config, body, meta }) => configureTelegramBot(tenant, principal, config, body, meta));
export const DELETE = route({ roles: ['tenant_admin'] }, async ({ tenant, principal, config, meta }) => removeTelegramBot(tenant, principal, config, meta));
