import { getConfig } from '../../src/server/config';
import { ownerDb } from '../../src/server/db/pool';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';

/**
 * The mail a notification of `type` became for this address: runs the tenant's outbox delivery
 * first (as the worker would), so the test sees what the mailer will send.
 */
export async function notifiedMail(tenantId: string, to: string, type: string) {
  await deliverNotifications({ db: ownerDb(), config: getConfig(), tenantIds: [tenantId] });
  return ownerDb().selectFrom('email_outbox').select(['to_address', 'subject', 'body_text', 'template']).where('tenant_id', '=', tenantId).where('to_address', '=', to).where('template', '=', type).orderBy('created_at').execute();
}
