import pg from 'pg';
import { getConfig } from '../config';
import { listenDatabaseUrl } from '../db/urls';
import { log } from '../log';

// Every app instance caches what it reads most (host -> tenant, a tenant's deal listings). A
// change made through any instance (or by plain SQL) is announced by a trigger with pg_notify:
// 'tenant_changed' (db/migrations/0005: tenants, aliases, feature flags) and 'deals_changed'
// (db/migrations/0080: what a deal listing shows), the payload being the tenant's id. One
// LISTEN connection per process hears every channel a cache registered and hands each id to
// that cache, so every instance drops the tenant's entries at once (the tests measure how
// long "at once" is across two production servers: tests/multi-instance).
//
// While the connection is down nothing is heard; the caches' own expiry still bounds
// staleness, and on reconnecting every cache is told to forget everything (it may have missed
// announcements meanwhile). It reconnects with backoff. The connection goes to PostgreSQL
// itself (LISTEN_DATABASE_URL when the app's connection goes through a transaction-mode
// pooler: LISTEN needs one session), named cdp-change-feed:<pid> in pg_stat_activity.
type Listener = { onChange: (tenantId: string) => void; onReset: () => void };
type State = { listeners: Map<string, Listener>; client: pg.Client | null; connecting: boolean; connectedOnce: boolean };
const state: State = ((globalThis as { __cdpChangeFeed?: State }).__cdpChangeFeed ??= { listeners: new Map(), client: null, connecting: false, connectedOnce: false });

/** Starts hearing `channel` (once per process; later calls for the same channel do nothing). */
export function listenForChanges(channel: 'tenant_changed' | 'deals_changed', listener: Listener): void {
  if (state.listeners.has(channel)) return;
  state.listeners.set(channel, listener);
  if (state.client) void state.client.query(`listen ${channel}`).catch(() => {});
  else if (!state.connecting) connect(500);
}

function connect(delay: number): void {
  state.connecting = true;
  const client = new pg.Client({ connectionString: listenDatabaseUrl(getConfig()), application_name: `cdp-change-feed:${process.pid}` });
  let listening = false;
  let retrying = false;
  // Once per connection, whether it failed to open (backoff doubles) or dropped after working (start again at 500 ms).
  const retry = () => {
    if (retrying) return;
    retrying = true;
    if (state.client === client) state.client = null;
    state.connecting = true;
    const wait = listening ? 500 : delay;
    setTimeout(() => connect(listening ? 500 : Math.min(delay * 2, 30_000)), wait).unref();
  };
  client.on('notification', (n) => n.payload && state.listeners.get(n.channel)?.onChange(n.payload));
  client.on('error', () => {});
  client.on('end', retry);
  void (async () => {
    try {
      await client.connect();
      // The listener must never keep a script or test process alive on its own.
      (client as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
      for (const channel of state.listeners.keys()) await client.query(`listen ${channel}`);
      listening = true;
      state.client = client;
      state.connecting = false;
      if (state.connectedOnce) for (const l of state.listeners.values()) l.onReset();
      state.connectedOnce = true;
    } catch (err) {
      log.warn({ err: String(err) }, 'change feed: cannot listen; relying on cache expiry until it reconnects');
      await client.end().catch(() => {});
      retry();
    }
  })();
}

/** The tenant cache's feed (kept under its old name for resolve.ts). */
export function startTenantChangeFeed(onChange: (tenantId?: string) => void): void {
  listenForChanges('tenant_changed', { onChange, onReset: () => onChange() });
}
