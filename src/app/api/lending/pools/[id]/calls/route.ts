import { idParams } from '@/server/http/params';
import { route } from '@/server/http/route';
import { parseWith } from '@/server/http/validation';
import { walletCallInput } from '@/server/lending/schema';
import { prepareWalletCall } from '@/server/lending/service';

export const POST = route({ auth: 'user', body: walletCallInput }, async ({ tenant, principal, params, body }) => prepareWalletCall(tenant, principal, parseWith(idParams, params).id, body));
