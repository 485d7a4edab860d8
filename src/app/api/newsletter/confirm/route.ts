import { route } from '@/server/http/route';
import { tokenInput } from '@/server/newsletter/schema';
import { confirmSubscription } from '@/server/newsletter/service';

// The second opt-in step: the confirmation page posts the link's token here (a link scanner
// that opens every URL in a mail confirms nothing).
export const POST = route({ body: tokenInput, limit: 'public' }, async ({ tenant, body, meta }) => confirmSubscription(tenant, body.token, meta));
