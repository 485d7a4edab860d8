// The mail delivery process: delivers the notification outbox and sends what the outbox holds through SMTP or Resend (the dev inbox
// locally). Several may run at once; a claimed email is leased, so none is sent twice.
// Usage: node --import tsx scripts/mailer.ts   (the Docker image: `docker run <image> mailer`)
import { closePools, ownerDb } from '../src/server/db/pool';
import { startMailDelivery } from '../src/server/notifications/delivery';
import { startNotificationDelivery } from '../src/server/notifications/outbox-delivery';
import { transportFromConfig } from '../src/server/notifications/transports';
import { heartbeat, onStopSignal, startRole } from './process-role';

const { config, log } = startRole('mailer');
const transport = transportFromConfig(config, (line) => log.info(line));
const delivery = startMailDelivery({ db: ownerDb(), transport, tenantIds: config.MAILER_TENANT_IDS, mailFrom: config.MAIL_FROM, onRound: heartbeat('mailer'), log: (level, msg, fields) => log[level](fields ?? {}, msg) });
// The notification outbox turns into in-app notifications and mail here too (one transaction a round).
const notifications = startNotificationDelivery({ db: ownerDb(), config, tenantIds: config.MAILER_TENANT_IDS, log: (level, msg, fields) => log[level](fields ?? {}, msg) });
log.info({ transport: transport.name, tenants: config.MAILER_TENANT_IDS?.length ?? 'all' }, 'ready: mail delivery started');
onStopSignal(log, async () => {
  await notifications.stop();
  await delivery.stop();
  await closePools();
});
