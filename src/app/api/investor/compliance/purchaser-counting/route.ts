import { ownCountingDeclaration, recordOwnCountingDeclaration, removeOwnCountingDeclaration } from '@/server/compliance/purchaser-counting';
import { purchaserCountingInput } from '@/server/compliance/schema';
import { route } from '@/server/http/route';

/** How the caller counts among the 35 non-accredited purchasers of Rule 506(b) (17 CFR 230.501(e)). */
export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => ownCountingDeclaration(tenant, principal));

export const PUT = route({ auth: 'user', body: purchaserCountingInput }, async ({ tenant, principal, body, meta }) => recordOwnCountingDeclaration(tenant, principal, body, meta));

export const DELETE = route({ auth: 'user' }, async ({ tenant, principal, meta }) => removeOwnCountingDeclaration(tenant, principal, meta));
