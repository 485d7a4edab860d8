import { subscribeToNotifications } from './live-feed';
import { liveSnapshot } from './service';

// The bell's live stream (Server-Sent Events): on open and after every notification written
// for this user, one "notifications" event with the unread count and the newest few, read
// through RLS as the user. Changes that arrive while a read is in flight fold into one more
// read. A comment every 25 seconds keeps proxies from closing an idle stream.

const HEARTBEAT_MS = 25_000;

export function notificationStream(tenantId: string, userId: string, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  let close = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let reading = false;
      let again = false;
      const send = (chunk: string) => {
        if (!closed) controller.enqueue(encoder.encode(chunk));
      };
      const push = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            const snap = await liveSnapshot(tenantId, userId);
            send(`event: notifications\ndata: ${JSON.stringify(snap)}\n\n`);
          } while (again && !closed);
        } catch {
          send(': refresh failed\n\n');
        } finally {
          reading = false;
        }
      };
      const unsubscribe = subscribeToNotifications(tenantId, userId, () => void push());
      const beat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      beat.unref?.();
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(beat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      signal.addEventListener('abort', close, { once: true });
      send('retry: 5000\n\n');
      void push();
    },
    cancel() {
      close();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
