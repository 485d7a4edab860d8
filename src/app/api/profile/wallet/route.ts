import { hostOf, route } from '@/server/http/route';
import { linkWalletInput, unlinkWalletInput } from '@/server/wallets/schema';
import { linkWallet, listWallets, requestSite, unlinkWallet } from '@/server/wallets/service';

// The seed's /api/profile/wallet: the caller's linked wallets, and the same link/unlink as
// /api/wallet/link (a nonce still comes from /api/wallet/nonce; docs/api-aliases.md).
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => ({ wallets: await listWallets(tenant, principal) }));
export const POST = route({ auth: 'user', body: linkWalletInput }, async ({ req, tenant, principal, body, meta, config }) =>
  linkWallet(tenant, principal, body, requestSite(req, hostOf(req, config) ?? '', config.TRUST_PROXY), meta),
);
export const DELETE = route({ auth: 'user', body: unlinkWalletInput }, async ({ tenant, principal, body, meta }) => unlinkWallet(tenant, principal, body.address, meta));
