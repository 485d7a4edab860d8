import { hostOf, route } from '@/server/http/route';
import { issueNonce, requestSite } from '@/server/wallets/service';

export const POST = route({ auth: 'user' }, async ({ req, tenant, principal, config }) =>
  issueNonce(tenant, principal, requestSite(req, hostOf(req, config) ?? '', config.TRUST_PROXY)),
);
