import type { Metadata } from 'next';
import { campaignGroups, campaignIssuers, listAllCampaigns } from '@/server/newsletter/service';
import { NewsletterAdmin } from '@/ui/newsletter-admin';
import { PageHeader } from '@/ui/page-header';
import { requireSession } from '../../session';
import { AdminNav } from '../admin-nav';

export const metadata: Metadata = { title: 'Newsletter' };

export default async function AdminNewsletterPage() {
  const { tenant, principal } = await requireSession('/admin/newsletter', ['tenant_admin']);
  const [{ campaigns, subscribers }, groups, issuers] = await Promise.all([listAllCampaigns(tenant, principal), campaignGroups(tenant, principal), campaignIssuers(tenant, principal)]);
  return (
    <>
      <PageHeader title="Administration" description={`${tenant.name}: newsletters to your subscribers, in your branding, with click and unsubscribe statistics.`} />
      <AdminNav current="/admin/newsletter" />
      <h2 className="mb-4 text-xl font-semibold">Newsletter</h2>
      <NewsletterAdmin initial={campaigns} groups={groups} issuers={issuers} subscribers={subscribers} />
    </>
  );
}
