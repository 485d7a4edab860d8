import { hostOf, route } from '@/server/http/route';
import { linkWalletInput, unlinkWalletInput } from '@/server/wallets/schema';
import { linkWallet, requestSite, unlinkWallet } from '@/server/wallets/service';

export const POST = route({ auth: 'user', body: linkWalletInput }, async ({ req, tenant, principal, body, meta, config }) =>
  linkWallet(tenant, principal, body, requestSite(req, hostOf(req, config) ?? '', config.TRUST_PROXY), meta),
);

export const DELETE = route({ auth: 'user', body: unlinkWalletInput }, async ({ tenant, principal, body, meta }) => unlinkWallet(tenant, principal, body.address, meta));
