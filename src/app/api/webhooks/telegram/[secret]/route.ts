import { readRawBody } from '@/server/http/body';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { telegramWebhookParams } from '@/server/telegram/schema';
import { handleTelegramUpdate } from '@/server/telegram/service';

const MAX_UPDATE_BYTES = 1024 * 1024;

// Updates from the tenant's bot; the path and the secret header are checked before the body is read.
export const POST = route({ limit: 'unlimited' }, async ({ req, tenant, params, meta, config }) => {
  const { secret } = parseWith(telegramWebhookParams, params);
  return handleTelegramUpdate(tenant, secret, req.headers, async () => (await readRawBody(req, MAX_UPDATE_BYTES)).toString('utf8'), config, meta);
});
