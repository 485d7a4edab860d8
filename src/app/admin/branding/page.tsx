import type { Metadata } from 'next';
import dynamic from 'next/dynamic';
import { emailSettingsOf } from '@/server/notifications/language';
import { EmailSettingsForm } from '@/ui/email-settings-forms';
import { PageHeader } from '@/ui/page-header';
import { Skeleton } from '@/ui/primitives/skeleton';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Branding' };

// The editor's JavaScript (form state and the palette preview) loads on this page only.
const BrandingForm = dynamic(() => import('@/ui/branding-form').then((m) => m.BrandingForm), { loading: () => <Skeleton className="h-[40rem] w-full" /> });

export default async function BrandingPage() {
  const { tenant } = await requireSession('/admin/branding', ['tenant_admin']);
  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: how your community's site looks, on every page and in light and dark mode.`} />
      <AdminNav current="/admin/branding" />
      <h2 className="mb-4 text-xl font-semibold">Branding</h2>
      <BrandingForm initialName={tenant.name} initialTheme={tenant.theme} />
      <EmailSettingsForm initial={emailSettingsOf(tenant)} />
    </>
  );
}
