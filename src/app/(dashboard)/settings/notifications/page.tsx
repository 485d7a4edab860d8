import type { Metadata } from 'next';
import { getConfig } from '@/server/config';
import { myLanguage } from '@/server/notifications/language';
import { myPreferences } from '@/server/notifications/service';
import { memberSubscription } from '@/server/newsletter/service';
import { myTelegram } from '@/server/telegram/service';
import { EmailLanguageForm } from '@/ui/email-settings-forms';
import { MemberNewsletter } from '@/ui/newsletter-forms';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../../session';
import { PreferencesForm, UnsubscribeConfirm } from './preferences-form';
import { TelegramLink } from './telegram-link';

export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const q = await searchParams;
  const token = typeof q.unsubscribe === 'string' ? q.unsubscribe : null;
  const { tenant, principal } = await requireSession(token ? `/settings/notifications?unsubscribe=${encodeURIComponent(token)}` : '/settings/notifications');
  const [prefs, telegram, language, newsletter] = await Promise.all([myPreferences(tenant, principal), myTelegram(tenant, principal, getConfig()), myLanguage(tenant, principal), memberSubscription(tenant, principal)]);
  return (
    <>
      <PageHeader title="Notification settings" description="Choose, for each kind of message, where it reaches you. Security messages and the confirmations you are owed by law always arrive." />
      {token && <UnsubscribeConfirm token={token} />}
      <TelegramLink initial={telegram} />
      <EmailLanguageForm initial={language} />
      <MemberNewsletter initial={newsletter} />
      <PreferencesForm key={telegram.linked ? 'telegram-linked' : 'telegram-unlinked'} initial={prefs} />
    </>
  );
}
