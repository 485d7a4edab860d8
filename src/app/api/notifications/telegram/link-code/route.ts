import { json, route } from '@/server/http/route';
import { createLinkCode } from '@/server/telegram/service';

/** A one-time code and the t.me deep link that sends it to the tenant's bot. */
export const POST = route({ auth: 'user' }, async ({ tenant, principal, config, meta }) => json(await createLinkCode(tenant, principal, config, meta), { status: 201 }));
