import { json, route } from '@/server/http/route';
import { subscribeInput } from '@/server/newsletter/schema';
import { subscribe } from '@/server/newsletter/service';

// The public form: the same answer for every address (nobody learns who subscribes); the
// confirmation link goes by email. Limited per client address and per address asked for.
export const POST = route({ body: subscribeInput, limit: 'public' }, async ({ tenant, body, meta }) => json(await subscribe(tenant, body.email, meta), { status: 202 }));
