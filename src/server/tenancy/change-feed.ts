import pg from 'pg';
import { getConfig } from '../config';
import { appDatabaseUrl } from '../db/urls';
import { log } from '../log';

// Listens on 'tenant_changed' (see db/migrations/0005) and reports each changed tenant id,
// so every app instance drops its cached resolution at once. While the connection is down
// the cache's own expiry still bounds staleness; it reconnects with backoff.
type State = { started: boolean };
const state: State = ((globalThis as { __cdpTenantFeed?: State }).__cdpTenantFeed ??= { started: false });

export function startTenantChangeFeed(onChange: (tenantId: string) => void): void {
  if (state.started) return;
  state.started = true;
  let delay = 500;
  const connect = async () => {
    const client = new pg.Client({ connectionString: appDatabaseUrl(getConfig()) });
    client.on('notification', (n) => n.payload && onChange(n.payload));
    client.on('error', () => {});
    client.on('end', () => {
      setTimeout(connect, delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
    try {
      await client.connect();
      // The listener must never keep a script or test process alive on its own.
      (client as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
      await client.query('listen tenant_changed');
      delay = 500;
    } catch (err) {
      log.warn({ err: String(err) }, 'tenant change feed: cannot listen; relying on cache expiry');
      await client.end().catch(() => {});
    }
  };
  void connect();
}
