import { route } from '@/server/http/route';
import { myTelegram, unlinkTelegram } from '@/server/telegram/service';

// The caller's Telegram link: whether the tenant has a bot, and which chat hears them.
export const GET = route({ auth: 'user' }, async ({ tenant, principal, config }) => myTelegram(tenant, principal, config));
export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, meta }) => unlinkTelegram(tenant, principal, meta));
