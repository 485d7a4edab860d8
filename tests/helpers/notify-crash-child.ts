// Child process of the outbox crash test: one delivery round for a tenant that kills itself
// with SIGKILL after writing the notifications and mail, before the round commits.
import { ownerDb } from '../../src/server/db/pool';
import { getConfig } from '../../src/server/config';
import { deliverNotifications } from '../../src/server/notifications/outbox-delivery';

await deliverNotifications({
  db: ownerDb(),
  config: getConfig(),
  tenantIds: [process.argv[2]!],
  beforeCommit: () => new Promise(() => process.stdout.write('written, not committed\n', () => process.kill(process.pid, 'SIGKILL'))),
});
process.stdout.write('nothing to deliver\n');
process.exit(3);
