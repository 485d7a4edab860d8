import { ingestBlockchainWebhook } from '@/server/chain/indexer/webhook';
import { readRawBody } from '@/server/http/body';
import { json, route } from '@/server/http/route';

const MAX_WEBHOOK_BYTES = 256 * 1024;

// A node provider's signed notification; the signature over the raw body is the authentication,
// so the body is read unparsed and verified before anything else. Providers retry: never rate limited.
export const POST = route({ limit: 'unlimited' }, async ({ req, config }) => {
  const raw = (await readRawBody(req, MAX_WEBHOOK_BYTES)).toString('utf8');
  return json(await ingestBlockchainWebhook(raw, req.headers, config), { status: 202 });
});
