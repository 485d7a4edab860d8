import { NotFound } from '@/server/errors';
import { route } from '@/server/http/route';
import { readRawBody } from '@/server/http/body';
import { ingestKycWebhook } from '@/server/kyc/webhooks';

const MAX_WEBHOOK_BYTES = 1024 * 1024;

// Providers retry and must never be rate limited; the signature over the raw body is the
// authentication, so the body is read here unparsed and verified before anything else.
export const POST = route({ limit: 'unlimited' }, async ({ req, tenant, params, meta, config }) => {
  const provider = params.provider;
  if (provider !== 'sumsub' && provider !== 'shuftipro') throw new NotFound('Unknown KYC provider', 'unknown_kyc_provider');
  const raw = (await readRawBody(req, MAX_WEBHOOK_BYTES)).toString('utf8');
  return ingestKycWebhook(tenant, provider, raw, req.headers, config, meta);
});
