import type { Metadata } from 'next';
import { getConfig } from '@/server/config';
import { telegramSettings } from '@/server/telegram/service';
import { endpoints } from '@/server/webhooks/service';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';
import { TelegramBot } from './telegram-bot';
import { WebhookEndpoints } from './webhook-endpoints';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage() {
  const { tenant, principal } = await requireSession('/admin/webhooks', ['tenant_admin']);
  const [list, telegram] = await Promise.all([endpoints(tenant, principal), telegramSettings(tenant, principal, getConfig())]);
  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: tell your own systems what happens here, signed so they can trust it.`} />
      <AdminNav current="/admin/webhooks" />
      <h2 className="mb-4 text-xl font-semibold">Webhooks</h2>
      <WebhookEndpoints initial={list.endpoints} />
      <TelegramBot initial={telegram} />
    </>
  );
}
