import type { Config } from '../config';
import { hostOf } from '../http/route';

/**
 * Where a provider should send callbacks for this tenant: our webhook route on the host the
 * investor used (the Host picks the tenant), https except for local development hosts.
 */
/** Where ShuftiPro sends the investor back when they finish on its page: /verification/return on the same host. */
export function verificationReturnUrl(req: Request, config: Config): string {
  const host = hostOf(req, config) ?? new URL(req.url).host;
  const local = /^(localhost|127\.0\.0\.1|[a-z0-9-]+\.localhost)(:\d+)?$/i.test(host);
  return `${local ? 'http' : 'https'}://${host}/verification/return`;
}

export function webhookCallbackUrl(req: Request, config: Config, provider: 'sumsub' | 'shuftipro'): string {
  const host = hostOf(req, config) ?? new URL(req.url).host;
  const local = /^(localhost|127\.0\.0\.1|[a-z0-9-]+\.localhost)(:\d+)?$/i.test(host);
  return `${local ? 'http' : 'https'}://${host}/api/webhooks/kyc/${provider}`;
}
