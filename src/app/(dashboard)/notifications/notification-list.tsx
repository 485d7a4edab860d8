'use client';

import { BellOff } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { NotificationView } from '@/server/notifications/service';
import { api, errorMessage } from '@/ui/api-client';
import { EmptyState } from '@/ui/empty-state';
import { formatDateTime } from '@/ui/format';
import { Alert } from '@/ui/primitives/alert';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { cn } from '@/ui/cn';

type Snapshot = { unreadCount: number; latest: NotificationView[] };

/** The list, newest first; new ones join at the top as the bell's stream announces them. */
export function NotificationList({ initial, initialUnread }: { initial: NotificationView[]; initialUnread: number }) {
  const [items, setItems] = useState(initial);
  const [unread, setUnread] = useState(initialUnread);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const onLive = (e: Event) => {
      const snap = (e as CustomEvent<Snapshot>).detail;
      setUnread(snap.unreadCount);
      setItems((cur) => {
        const known = new Set(cur.map((n) => n.id));
        return [...snap.latest.filter((n) => !known.has(n.id)), ...cur];
      });
    };
    window.addEventListener('cdp:notifications', onLive);
    return () => window.removeEventListener('cdp:notifications', onLive);
  }, []);

  const mark = async (ids: string[] | null) => {
    setError(null);
    try {
      const r = await api<{ unreadCount: number }>(ids ? '/api/notifications/read' : '/api/notifications/read-all', { method: 'POST', json: ids ? { ids } : {} });
      const at = new Date().toISOString();
      setItems((cur) => cur.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? at } : n)));
      setUnread(r.unreadCount);
      // The bell in this tab at once (other tabs hear it from their stream).
      window.dispatchEvent(new CustomEvent('cdp:notifications-read', { detail: { unreadCount: r.unreadCount } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (items.length === 0)
    return (
      <EmptyState icon={BellOff} title="Nothing yet">
        When your investments move, your verification is decided or a deal you invested in posts an update, you will see it here.
      </EmptyState>
    );
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {unread === 0 ? 'All read' : `${unread} unread`}
        </p>
        <Button variant="outline" size="sm" onClick={() => void mark(null)} disabled={unread === 0}>
          Mark all as read
        </Button>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <Card className="divide-y divide-border p-0">
        <ul className="divide-y divide-border">
          {items.map((n) => (
            <li key={n.id} className={cn('flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between', !n.readAt && 'bg-muted/50')} data-testid="notification">
              <div className="min-w-0">
                <p className="font-medium">
                  {!n.readAt && <span className="sr-only">Unread: </span>}
                  {n.link ? (
                    <Link href={n.link} className="hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                <p className="mt-1 text-sm break-words text-muted-foreground">{n.body}</p>
                <p className="mt-1 text-xs text-muted-foreground">{formatDateTime(n.createdAt)}</p>
              </div>
              {!n.readAt && (
                <Button variant="ghost" size="sm" onClick={() => void mark([n.id])} aria-label={`Mark “${n.title}” as read`}>
                  Mark read
                </Button>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
