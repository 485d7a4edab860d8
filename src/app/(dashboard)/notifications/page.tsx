import type { Metadata } from 'next';
import Link from 'next/link';
import { myNotifications } from '@/server/notifications/service';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../session';
import { NotificationList } from './notification-list';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const { tenant, principal } = await requireSession('/notifications');
  const first = await myNotifications(tenant, principal, { limit: 50 });
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What happened to your investments, verification and the deals you follow."
        actions={
          <Link href="/settings/notifications" className="text-sm font-medium text-primary-text hover:underline">
            Choose what you hear about
          </Link>
        }
      />
      <NotificationList initial={first.notifications} initialUnread={first.unreadCount} />
    </>
  );
}
