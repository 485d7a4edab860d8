import { route } from '@/server/http/route';
import { memberSubscriptionInput } from '@/server/newsletter/schema';
import { memberSubscription, setMemberSubscription } from '@/server/newsletter/service';

export const GET = route({ auth: 'user' }, async ({ tenant, principal }) => memberSubscription(tenant, principal));

export const PUT = route({ auth: 'user', body: memberSubscriptionInput }, async ({ tenant, principal, body, meta }) => setMemberSubscription(tenant, principal, body.subscribed, meta));
