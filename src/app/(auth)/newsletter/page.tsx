import type { Metadata } from 'next';
import { SubscribeForm } from '@/ui/newsletter-forms';
import { requireTenant } from '../../session';

export const metadata: Metadata = { title: 'Newsletter' };

export default async function NewsletterPage() {
  const tenant = await requireTenant();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Subscribe to the newsletter</h1>
      <SubscribeForm tenantName={tenant.name} />
    </>
  );
}
