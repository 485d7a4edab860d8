// The Telegram channel's public surface. Members link a chat (linking.ts), admins set the
// tenant's bot (bots.ts), the bot's webhook handles /start and /stop (updates.ts), and the
// delivery worker sends the outbox's Telegram rows (delivery.ts).
import type { TenantTx } from '../db/tenant';
import { linkedUserIds } from './repo';

export { configureTelegramBot, removeTelegramBot, telegramSettings } from './bots';
export { createLinkCode, myTelegram, unlinkTelegram } from './linking';
export { handleTelegramUpdate } from './updates';
export { deliverTelegram, type TelegramReport } from './delivery';

/** Which of these users have a linked chat: notify() writes Telegram rows for them only. */
export function usersWithTelegram(t: TenantTx, userIds: string[]): Promise<Set<string>> {
  return linkedUserIds(t, userIds);
}
