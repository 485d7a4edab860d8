import { route } from '@/server/http/route';
import { acknowledgeInput } from '@/server/lending/schema';
import { acknowledgeDisclosure } from '@/server/lending/service';

export const POST = route({ auth: 'user', body: acknowledgeInput }, async ({ tenant, principal, body, meta }) => acknowledgeDisclosure(tenant, principal, body.version, meta));
