import pg from 'pg';
import { getConfig } from '../config';
import { appDatabaseUrl } from '../db/urls';
import { log } from '../log';

// One LISTEN connection per process on 'notifications' (db/migrations/0070: the payload is
// "tenant:user", never the content), fanned out to the open streams of that tenant's user
// only. A dedicated connection, not a pooled one: LISTEN is session state. It reconnects with
// backoff; on reconnect every stream is told to refresh, since notices sent while it was down
// are lost.

type Listener = () => void;
type Feed = { listeners: Map<string, Set<Listener>>; client: pg.Client | null; connecting: boolean; stopped: boolean };
const feed: Feed = ((globalThis as { __cdpNotificationFeed?: Feed }).__cdpNotificationFeed ??= { listeners: new Map(), client: null, connecting: false, stopped: false });

const keyOf = (tenantId: string, userId: string) => `${tenantId}:${userId}`;

function dispatch(key: string) {
  for (const l of feed.listeners.get(key) ?? []) l();
}

function connect(delay = 500): void {
  if (feed.client || feed.connecting) return;
  feed.connecting = true;
  const client = new pg.Client({ connectionString: appDatabaseUrl(getConfig()) });
  client.on('notification', (n) => n.payload && dispatch(n.payload));
  client.on('error', () => {});
  client.on('end', () => {
    if (feed.client === client) feed.client = null;
    if (!feed.stopped && feed.listeners.size) setTimeout(() => connect(Math.min(delay * 2, 30_000)), delay).unref();
  });
  client
    .connect()
    .then(async () => {
      (client as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
      await client.query('listen notifications');
      feed.client = client;
      feed.connecting = false;
      // Anything sent while the feed was down: every open stream refreshes once.
      for (const key of feed.listeners.keys()) dispatch(key);
    })
    .catch((err) => {
      feed.connecting = false;
      log.warn({ err: String(err) }, 'notification feed: cannot listen; retrying');
      void client.end().catch(() => {});
      if (!feed.stopped) setTimeout(() => connect(Math.min(delay * 2, 30_000)), delay).unref();
    });
}

/** Calls `onChange` whenever a notification is written for this user; returns the unsubscribe. */
export function subscribeToNotifications(tenantId: string, userId: string, onChange: Listener): () => void {
  feed.stopped = false;
  const key = keyOf(tenantId, userId);
  let set = feed.listeners.get(key);
  if (!set) feed.listeners.set(key, (set = new Set()));
  set.add(onChange);
  connect();
  return () => {
    set.delete(onChange);
    if (set.size === 0) feed.listeners.delete(key);
  };
}

/** Whether the LISTEN connection is up (tests wait for it before writing). */
export function notificationFeedReady(): boolean {
  return feed.client !== null;
}

/** Tests and shutdown: closes the LISTEN connection. */
export async function stopNotificationFeed(): Promise<void> {
  feed.stopped = true;
  const c = feed.client;
  feed.client = null;
  await c?.end().catch(() => {});
}
