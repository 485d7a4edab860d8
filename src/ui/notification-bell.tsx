'use client';

import { Bell } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { refreshSession } from './api-client';
import { buttonClass } from './primitives/button-classes';

// The bell: the unread count, kept live by the notification stream (Server-Sent Events). When
// the stream drops (an expired access token, a restarted server) it refreshes the session and
// reconnects after a pause, as EventSource cannot tell a 401 from a network error.

type Snapshot = { unreadCount: number; latest: { id: string; title: string }[] };

/** The count arrives with the stream's first event, so rendering a page costs no extra query. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/notifications/stream');
      source.addEventListener('notifications', (e) => {
        const snap = JSON.parse((e as MessageEvent<string>).data) as Snapshot;
        setUnread(snap.unreadCount);
        window.dispatchEvent(new CustomEvent('cdp:notifications', { detail: snap }));
      });
      source.onerror = () => {
        source?.close();
        if (stopped) return;
        retry = setTimeout(() => {
          void refreshSession().finally(() => {
            if (!stopped) open();
          });
        }, 5000);
      };
    };
    const onRead = (e: Event) => setUnread((e as CustomEvent<{ unreadCount: number }>).detail.unreadCount);
    window.addEventListener('cdp:notifications-read', onRead);
    open();
    return () => {
      window.removeEventListener('cdp:notifications-read', onRead);
      stopped = true;
      source?.close();
      if (retry) clearTimeout(retry);
    };
  }, []);
  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <Link href="/notifications" aria-label={label} title={label} className={buttonClass('ghost', 'icon', 'relative')} data-testid="notification-bell">
      <Bell className="size-5" aria-hidden />
      {unread > 0 && (
        <span className="absolute -right-0.5 -top-0.5 flex min-w-5 items-center justify-center rounded-full bg-primary px-1 text-[11px] font-semibold leading-5 text-primary-foreground" aria-hidden data-testid="notification-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
